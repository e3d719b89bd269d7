package dev.bedrock4j.rag.store;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.core.spi.AtomicFile;
import dev.bedrock4j.core.spi.WriterLock;
import dev.bedrock4j.rag.store.internal.FlatIndex;
import dev.bedrock4j.rag.store.internal.StoreFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded persistent vector store: the exact, fast search of {@link InMemoryVectorStore}, backed by
 * one file in a directory of your choice. Changes live in memory until {@link #save()} (or
 * {@link #close()}) writes them.
 *
 * <pre>{@code
 * try (PersistentVectorStore store = PersistentVectorStore.open(Path.of("data/vectors"), 1024)) {
 *     store.upsert("doc-1", vector, "Paris is the capital of France.", Map.of("lang", "en"));
 *     store.save();                                   // durable from here on
 *     List<SearchResult> hits = store.search(queryVector, 5);
 * }                                                   // close() saves pending changes
 * }</pre>
 *
 * <h2>Durability</h2>
 * <p>A save writes a temporary file, forces it to disk, renames it over the previous file atomically and
 * forces the directory: a crash or power loss during a save leaves the last good state, never a mix.
 * The file carries a CRC32C checksum; opening a damaged file fails with {@link CorruptedStoreException}
 * and loads nothing. Loading reads the vectors in bulk straight into the search layout.
 *
 * <h2>A million vectors and more: the vectors on disk</h2>
 * <p>{@link Builder#vectorsOnDisk()} keeps only 4-bit codes in the heap (about 0.6 KB per 1024-dimensional
 * vector, against 4 KB for floats; 8-bit codes with {@code .quantization(Quantization.INT8)}) and leaves the full
 * vectors in the file, memory-mapped, reading them only to re-rank the few best candidates exactly. A million-vector
 * store opens in seconds: opening reads records and codes, not the vectors.
 *
 * <pre>{@code
 * PersistentVectorStore large = PersistentVectorStore.builder(Path.of("data/vectors"), 1024)
 *         .vectorsOnDisk()                        // 4-bit codes in the heap, floats in the mapped file
 *         .oversample(40)                         // re-rank 40 x topK candidates with the full vectors
 *         .open();
 * }</pre>
 *
 * <h2>One writer, any number of readers</h2>
 * <p>A store opened for writing holds the directory's {@link WriterLock} until {@link #close()}: opening the
 * directory for writing again, in another process (a second replica, a second cron job on the same volume) or in
 * this one, fails at once with a {@link FileInUseException} naming the directory and the process that holds it,
 * instead of two writers overwriting each other's saves. The operating system releases the lock when the
 * holder exits, however it exits, so a killed writer never blocks the next one.
 *
 * <p>Because a save replaces the file atomically, a process that only searches does not need the lock:
 * {@link Builder#readOnly()} opens the last saved state while a writer works, and never sees half a save.
 *
 * <pre>{@code
 * PersistentVectorStore snapshot = PersistentVectorStore.builder(Path.of("data/vectors"), 1024).readOnly().open();
 * List<SearchResult> hits = snapshot.search(queryVector, 5);   // what the writer had saved when it was opened
 * }</pre>
 *
 * <p>Thread-safe; create one and share it. A save runs concurrently with searches and holds back changes while
 * it writes. Process-safe: one writer per directory, enforced; readers opened with {@link Builder#readOnly()}
 * need no lock.
 */
public final class PersistentVectorStore implements VectorStore {
    private final Path directory;
    private final FlatIndex index;
    private final InMemoryVectorStore memory;
    /** The directory's lock, or {@code null} for a read-only store. */
    private final WriterLock lock;
    private final AtomicLong changes = new AtomicLong();
    private final Object saveLock = new Object();
    private long savedChanges;
    private volatile boolean closed;

    private PersistentVectorStore(Path directory, FlatIndex index, WriterLock lock, boolean unsaved) {
        this.directory = directory;
        this.index = index;
        this.memory = InMemoryVectorStore.over(index);
        this.lock = lock;
        if (unsaved) {
            changes.incrementAndGet();
        }
    }

    /**
     * Opens the store in a directory for writing, loading what it holds, or creating it empty.
     *
     * @param directory the directory; created if missing
     * @param dimension the dimension of the vectors
     * @return the store, holding the directory's lock until closed
     * @throws FileInUseException if another process, or another open store in this process, writes the
     *         directory; stop it, use another directory, or open this one {@link Builder#readOnly()}
     * @throws CorruptedStoreException if the store file is damaged
     * @throws IllegalArgumentException if the directory holds vectors of another dimension
     * @throws UncheckedIOException if the directory cannot be read
     */
    public static PersistentVectorStore open(Path directory, int dimension) {
        return builder(directory, dimension).open();
    }

    /**
     * A builder for a store with quantization or parallelism of your choice.
     *
     * @param directory the directory
     * @param dimension the dimension of the vectors
     * @return the builder
     */
    public static Builder builder(Path directory, int dimension) {
        return new Builder(directory, dimension);
    }

    /**
     * The directory the store saves to.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Whether this store was opened {@link Builder#readOnly()}.
     *
     * @return {@code true} if it refuses changes and holds no lock
     */
    public boolean isReadOnly() {
        return lock == null;
    }

    /**
     * Writes the current state to disk atomically; does nothing when nothing changed since the last save, or
     * when the store is read-only.
     *
     * @throws UncheckedIOException if writing fails; the previous saved state is then intact
     * @throws IllegalStateException if the store is closed
     */
    public void save() {
        synchronized (saveLock) {
            if (closed) {
                throw new IllegalStateException("this PersistentVectorStore of " + directory + " is closed; open the"
                        + " directory again to save");
            }
            saveOpen();
        }
    }

    // Saves under saveLock while the store is open.
    private void saveOpen() {
        if (lock != null) {
            long now = changes.get();
            if (now == savedChanges && Files.exists(directory.resolve(StoreFile.FILE_NAME))) {
                return;
            }
            StoreFile.save(index, directory);
            savedChanges = now;
        }
    }

    // Changes are refused by a read-only store, which holds no lock, and by a closed one, whose lock is gone.
    private void checkWritable() {
        if (lock == null) {
            throw new UnsupportedOperationException("this PersistentVectorStore of " + directory + " was opened"
                    + " read-only; open it without readOnly() to change it (one writer per directory)");
        }
        if (closed) {
            throw new IllegalStateException("this PersistentVectorStore of " + directory + " is closed; open the"
                    + " directory again to change it");
        }
    }

    @Override
    public int dimension() {
        return memory.dimension();
    }

    @Override
    public void add(String id, float[] vector, String text, Map<String, String> metadata) {
        checkWritable();
        memory.add(id, vector, text, metadata);
        changes.incrementAndGet();
    }

    @Override
    public void upsert(String id, float[] vector, String text, Map<String, String> metadata) {
        checkWritable();
        memory.upsert(id, vector, text, metadata);
        changes.incrementAndGet();
    }

    @Override
    public boolean delete(String id) {
        checkWritable();
        boolean deleted = memory.delete(id);
        if (deleted) {
            changes.incrementAndGet();
        }
        return deleted;
    }

    @Override
    public int count() {
        return memory.count();
    }

    /**
     * How the scanned vectors are kept in memory: the builder's choice, or, for {@link Builder#vectorsOnDisk()}
     * without one, the code width of the directory's file ({@link Quantization#INT4} for a new directory).
     *
     * @return the quantization
     */
    public Quantization quantization() {
        return memory.quantization();
    }

    /**
     * Which inner loop the scan uses; see {@link InMemoryVectorStore#kernel()}.
     *
     * @return the kernel's name
     */
    public String kernel() {
        return memory.kernel();
    }

    @Override
    public List<SearchResult> search(float[] query, SearchOptions options) {
        return memory.search(query, options);
    }

    @Override
    public List<List<SearchResult>> searchBatch(List<float[]> queries, SearchOptions options) {
        return memory.searchBatch(queries, options);
    }

    /**
     * Saves pending changes and releases the directory's lock; afterwards the store still answers searches but
     * refuses changes. Calling it again does nothing.
     *
     * @throws UncheckedIOException if writing fails; the lock is released all the same, and the file holds the
     *         last successful save
     */
    @Override
    public void close() {
        synchronized (saveLock) {
            if (closed) {
                return;
            }
            try {
                saveOpen();
            } finally {
                closed = true;
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "PersistentVectorStore[" + directory + ", dimension=" + dimension() + ", count=" + count()
                + (isReadOnly() ? ", read-only" : "") + "]";
    }

    /**
     * Builds and opens a {@link PersistentVectorStore}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final Path directory;
        private final InMemoryVectorStore.Builder settings;
        private final int dimension;
        private boolean readOnly;
        private boolean vectorsOnDisk;
        private boolean quantizationChosen;

        private Builder(Path directory, int dimension) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.settings = InMemoryVectorStore.builder(dimension);
            this.dimension = dimension;
        }

        /**
         * Sets how the scanned vectors are kept in memory; the file always holds full precision.
         *
         * @param quantization {@link Quantization#NONE} (default), {@link Quantization#INT8} or
         *        {@link Quantization#INT4}; INT4 (the default there) or INT8 with {@link #vectorsOnDisk()}
         * @return this
         */
        public Builder quantization(Quantization quantization) {
            settings.quantization(quantization);
            quantizationChosen = true;
            return this;
        }

        /**
         * Sets how many threads one search may use.
         *
         * @param parallelism from 1 up; default: the number of processors
         * @return this
         */
        public Builder parallelism(int parallelism) {
            settings.parallelism(parallelism);
            return this;
        }

        /**
         * Sets, for {@link Quantization#INT8} and {@link Quantization#INT4}, how many candidates per wanted hit are
         * re-ranked exactly.
         *
         * @param oversample candidates per hit, at least 1; default 10 for INT8, 40 for INT4
         * @return this
         */
        public Builder oversample(int oversample) {
            settings.oversample(oversample);
            return this;
        }

        /**
         * Keeps only what the scan reads in the heap: 4-bit codes (half a byte per dimension per vector, plus a
         * scale and a sum), with the full-precision vectors left in the store file, memory-mapped, and read only to
         * re-rank the best {@code topK} x {@linkplain #oversample oversample} candidates exactly. The codes are
         * {@link Quantization#INT4} unless a quantization is chosen: {@link Quantization#INT8} holds twice the heap
         * and re-ranks fewer candidates (oversample 10 instead of 40), and scans slower; a directory already saved
         * in this mode keeps its code width unless one is chosen. Results are those of an in-memory store with the
         * same quantization. Opening reads the records and codes (about a quarter of the file or less) and checks
         * their CRC32C; each tile of 256 vectors has its own checksum, checked the first time a search reads it, so
         * a damaged vector is reported by that search (a {@link CorruptedStoreException}) rather than by the open.
         * The file uses format version 2, which the default mode reads as well; a directory saved in the default
         * mode is converted on the first save.
         *
         * <p>Vectors added or changed since the last save live in the heap until the next save. The mapped file
         * counts against the process's memory only as page cache, which the operating system reclaims. A save
         * rewrites the whole file and then maps the new one; the old file's disk space returns once its mapping
         * is garbage-collected. (On Windows a mapped file cannot be replaced; this mode assumes a POSIX file
         * system.)
         *
         * @return this
         */
        public Builder vectorsOnDisk() {
            this.vectorsOnDisk = true;
            if (!quantizationChosen) {
                settings.quantization(Quantization.INT4);
            }
            return this;
        }

        /**
         * Opens the store for reading only: it loads the last saved state without taking the directory's lock,
         * so it works while another process (or another store in this one) writes the directory, and it never
         * sees half a save, since saves replace the file atomically. It refuses changes with an
         * {@link UnsupportedOperationException}; open it again to see later saves. A directory with no saved
         * state yet opens empty.
         *
         * @return this
         */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * Opens the store, loading the directory's file if there is one. Opened for writing (the default), it
         * takes the directory's lock and removes the temporary files of saves that crashed.
         *
         * @return the store
         * @throws FileInUseException if the store is opened for writing and another process, or another open
         *         store in this process, writes the directory; stop it, use another directory, or open this one
         *         {@link #readOnly()}
         * @throws CorruptedStoreException if the store file is damaged
         * @throws IllegalArgumentException if the directory holds vectors of another dimension
         * @throws UncheckedIOException if the directory cannot be read or created, or, read-only, does not exist
         */
        public PersistentVectorStore open() {
            if (readOnly) {
                if (!Files.isDirectory(directory)) {
                    throw new UncheckedIOException(new NoSuchFileException(directory.toString(), null,
                            "no vector store directory " + directory + " to open read-only; check the path, or open"
                                    + " it for writing to create it"));
                }
                return new PersistentVectorStore(directory, load(new boolean[1]), null, false);
            }
            WriterLock lock;
            try {
                Files.createDirectories(directory);
                lock = WriterLock.acquire(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the vector store directory " + directory, e);
            }
            try {
                AtomicFile.deleteLeftovers(directory.resolve(StoreFile.FILE_NAME));
                Files.deleteIfExists(directory.resolve(StoreFile.LEGACY_TEMP_NAME));
                boolean[] converted = new boolean[1];
                FlatIndex index = load(converted);
                return new PersistentVectorStore(directory, index, lock, converted[0]);
            } catch (IOException e) {
                lock.close();
                throw new UncheckedIOException("could not open the vector store directory " + directory, e);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }

        // converted[0] tells whether an on-disk index was filled from a file of the other layout, so that
        // the vectors sit in the heap until the next save writes the on-disk layout
        private FlatIndex load(boolean[] converted) {
            if (vectorsOnDisk && settings.quantization() == Quantization.NONE) {
                throw new IllegalArgumentException("vectorsOnDisk() scans codes; it needs Quantization.INT4 or INT8,"
                        + " not NONE");
            }
            FlatIndex loaded = settings.load(directory);
            if (loaded == null) {
                return vectorsOnDisk ? settings.onDiskIndex() : settings.index();
            }
            if (loaded.dimension() != dimension) {
                throw new IllegalArgumentException(directory + " holds " + loaded.dimension() + "-dimensional vectors,"
                        + " not " + dimension + "; open it with dimension " + loaded.dimension() + " or use another directory");
            }
            if (vectorsOnDisk && !quantizationChosen && loaded.isOnDisk()) {
                return loaded;
            }
            if (loaded.quantization() == settings.quantization() && loaded.isOnDisk() == vectorsOnDisk) {
                return loaded;
            }
            FlatIndex target = vectorsOnDisk ? settings.onDiskIndex() : settings.index();
            StoreFile.copy(loaded, target);
            converted[0] = vectorsOnDisk;
            return target;
        }
    }
}
