package dev.bedrock4j.rag.store;

import dev.bedrock4j.rag.store.internal.FlatIndex;
import dev.bedrock4j.rag.store.internal.StoreFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * <p>One process at a time may use a directory. A save runs concurrently with searches and holds back
 * changes while it writes.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class PersistentVectorStore implements VectorStore {
    private final Path directory;
    private final FlatIndex index;
    private final InMemoryVectorStore memory;
    private final AtomicLong changes = new AtomicLong();
    private final Object saveLock = new Object();
    private long savedChanges;

    private PersistentVectorStore(Path directory, FlatIndex index) {
        this.directory = directory;
        this.index = index;
        this.memory = InMemoryVectorStore.over(index);
    }

    /**
     * Opens the store in a directory, loading what it holds, or creating it empty.
     *
     * @param directory the directory; created if missing
     * @param dimension the dimension of the vectors
     * @return the store
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
     * Writes the current state to disk atomically; does nothing when nothing changed since the last save.
     *
     * @throws UncheckedIOException if writing fails; the previous saved state is then intact
     */
    public void save() {
        synchronized (saveLock) {
            long now = changes.get();
            if (now == savedChanges && Files.exists(directory.resolve(StoreFile.FILE_NAME))) {
                return;
            }
            StoreFile.save(index, directory);
            savedChanges = now;
        }
    }

    @Override
    public int dimension() {
        return memory.dimension();
    }

    @Override
    public void add(String id, float[] vector, String text, Map<String, String> metadata) {
        memory.add(id, vector, text, metadata);
        changes.incrementAndGet();
    }

    @Override
    public void upsert(String id, float[] vector, String text, Map<String, String> metadata) {
        memory.upsert(id, vector, text, metadata);
        changes.incrementAndGet();
    }

    @Override
    public boolean delete(String id) {
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

    @Override
    public List<SearchResult> search(float[] query, SearchOptions options) {
        return memory.search(query, options);
    }

    @Override
    public List<List<SearchResult>> searchBatch(List<float[]> queries, SearchOptions options) {
        return memory.searchBatch(queries, options);
    }

    /**
     * Saves pending changes.
     *
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void close() {
        save();
    }

    @Override
    public String toString() {
        return "PersistentVectorStore[" + directory + ", dimension=" + dimension() + ", count=" + count() + "]";
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

        private Builder(Path directory, int dimension) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.settings = InMemoryVectorStore.builder(dimension);
            this.dimension = dimension;
        }

        /**
         * Sets how the scanned vectors are kept in memory; the file always holds full precision.
         *
         * @param quantization {@link Quantization#NONE} (default) or {@link Quantization#INT8}
         * @return this
         */
        public Builder quantization(Quantization quantization) {
            settings.quantization(quantization);
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
         * Sets, for {@link Quantization#INT8}, how many candidates per wanted hit are re-ranked exactly.
         *
         * @param oversample candidates per hit, at least 1; default 10
         * @return this
         */
        public Builder oversample(int oversample) {
            settings.oversample(oversample);
            return this;
        }

        /**
         * Opens the store, loading the directory's file if there is one. A temporary file left by a save
         * that crashed is removed.
         *
         * @return the store
         * @throws CorruptedStoreException if the store file is damaged
         * @throws IllegalArgumentException if the directory holds vectors of another dimension
         * @throws UncheckedIOException if the directory cannot be read or created
         */
        public PersistentVectorStore open() {
            try {
                Files.createDirectories(directory);
                Files.deleteIfExists(directory.resolve(StoreFile.TEMP_NAME));
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the vector store directory " + directory, e);
            }
            FlatIndex loaded = settings.load(directory);
            if (loaded == null) {
                return new PersistentVectorStore(directory, settings.index());
            }
            if (loaded.dimension() != dimension) {
                throw new IllegalArgumentException(directory + " holds " + loaded.dimension() + "-dimensional vectors,"
                        + " not " + dimension + "; open it with dimension " + loaded.dimension() + " or use another directory");
            }
            if (loaded.quantization() == settings.quantization()) {
                return new PersistentVectorStore(directory, loaded);
            }
            FlatIndex converted = settings.index();
            StoreFile.copy(loaded, converted);
            return new PersistentVectorStore(directory, converted);
        }
    }
}
