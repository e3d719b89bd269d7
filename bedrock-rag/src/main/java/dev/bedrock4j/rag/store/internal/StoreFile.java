package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.core.spi.AtomicFile;
import dev.bedrock4j.rag.store.CorruptedStoreException;
import dev.bedrock4j.rag.store.Quantization;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The file a {@link FlatIndex} is saved to, {@value #FILE_NAME} in the store's directory.
 *
 * <pre>
 * header   32 bytes, little-endian: magic "B4JVSTOR", version, dimension, count, tile width, quantization, 0
 * records  count x (id, text, metadata size, key/value pairs); strings as int length + UTF-8 bytes
 * vectors  ceil(count / tile) chunks of tile * dimension little-endian floats, in the index's own layout
 * trailer  CRC32C of everything above (int), then "B4JE"
 * </pre>
 *
 * <p>An {@linkplain FlatIndex#onDisk on-disk} index uses format version 2 instead, described in
 * {@link MappedStoreFile}; {@link #load} reads both.
 *
 * <p>Saving goes through {@link AtomicFile}: a temporary file no other writer shares, forced to disk and
 * renamed over the old file atomically, then the directory forced, so a crash at any point leaves either the old
 * or the new file, whole, and a reader loading at any instant reads one whole version. Loading checks sizes as
 * it goes and the checksum at the end, and hands out the index only when every check passed. Thread-safe.
 */
public final class StoreFile {
    /** The store file's name. */
    public static final String FILE_NAME = "vectors.b4jv";
    /** The name of the temporary file of earlier versions, which all shared one; removed when a writer opens. */
    public static final String LEGACY_TEMP_NAME = "vectors.b4jv.tmp";
    static final long MAGIC = 0x524F5453564A3442L; // "B4JVSTOR" read little-endian
    static final int END = 0x454A3442; // "B4JE"
    private static final int VERSION = 1;
    static final int HEADER = 32;
    private static final int TRAILER = 8;

    /** Called at each stage of a save ("header", "records", "chunk", "written"); tests use it to simulate crashes. */
    static volatile Consumer<String> faultHook = stage -> { };

    private StoreFile() {
    }

    /**
     * Saves an index atomically.
     *
     * @throws UncheckedIOException if writing fails; the previous file is then untouched
     */
    public static void save(FlatIndex index, Path directory) {
        if (index.isOnDisk()) {
            MappedStoreFile.save(index, directory);
            return;
        }
        index.underReadLock(() -> {
            try {
                write(index, directory);
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the vector store to " + directory + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    private static void write(FlatIndex index, Path directory) throws IOException {
        AtomicFile.write(directory.resolve(FILE_NAME), raw -> write(index, raw));
    }

    private static void write(FlatIndex index, OutputStream raw) throws IOException {
        int dim = index.dimension();
        int count = index.rawCount();
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC).putInt(VERSION).putInt(dim).putInt(count).putInt(FlatIndex.TILE)
                .putInt(index.quantization().ordinal()).putInt(0);
        out.write(header.array());
        faultHook.accept("header");
        writeRecords(out, index, count);
        faultHook.accept("records");
        ByteBuffer chunk = ByteBuffer.allocate(FlatIndex.TILE * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < index.chunkCount(); c++) {
            chunk.clear();
            index.writeChunk(c, chunk.asFloatBuffer());
            out.write(chunk.array());
            faultHook.accept("chunk");
        }
        out.flush();
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(END);
        raw.write(trailer.array());
        faultHook.accept("written");
    }

    /** Writes the records (id, text, metadata) of slots {@code 0..count-1}. */
    static void writeRecords(DataOutputStream out, FlatIndex index, int count) throws IOException {
        for (int slot = 0; slot < count; slot++) {
            writeString(out, index.id(slot));
            writeString(out, index.text(slot));
            Map<String, String> metadata = index.metadata(slot);
            out.writeInt(metadata.size());
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        }
    }

    /** The records of a store file, slot by slot. */
    record Records(String[] ids, String[] texts, Object[] metadata) {
    }

    /** Reads {@code count} records, none reaching past {@code recordLimit} bytes into the file. */
    static Records readRecords(DataInputStream in, CountingInput counting, int count, long recordLimit, Path file)
            throws IOException {
        String[] ids = new String[count];
        String[] texts = new String[count];
        Object[] metadata = new Object[count];
        for (int slot = 0; slot < count; slot++) {
            ids[slot] = readString(in, counting, recordLimit, file);
            texts[slot] = readString(in, counting, recordLimit, file);
            int pairs = in.readInt();
            if (pairs < 0 || pairs > recordLimit) {
                throw new CorruptedStoreException(file, "entry " + slot + " claims " + pairs + " metadata entries");
            }
            Map<String, String> meta = new HashMap<>();
            for (int p = 0; p < pairs; p++) {
                meta.put(readString(in, counting, recordLimit, file), readString(in, counting, recordLimit, file));
            }
            metadata[slot] = Map.copyOf(meta);
        }
        return new Records(ids, texts, metadata);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Loads the index saved in a directory, into a new index with the given settings.
     *
     * @return the index, or {@code null} when the directory holds no store file
     * @throws CorruptedStoreException if the file fails a check; nothing is loaded then
     * @throws UncheckedIOException if reading fails
     */
    public static FlatIndex load(Path directory, Kernel kernel, int parallelism, int oversample) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(start, 0);
            if (start.position() == 12 && start.getLong(0) == MAGIC && start.getInt(8) == MappedStoreFile.VERSION) {
                return MappedStoreFile.read(file, channel, kernel, parallelism, oversample);
            }
            return read(file, channel, kernel, parallelism, oversample);
        } catch (CorruptedStoreException e) {
            throw e;
        } catch (EOFException e) {
            throw new CorruptedStoreException(file, "it ends early (truncated)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the vector store " + file + ": " + e.getMessage(), e);
        }
    }

    private static FlatIndex read(Path file, FileChannel channel, Kernel kernel, int parallelism, int oversample)
            throws IOException {
        long size = channel.size();
        if (size < HEADER + TRAILER) {
            throw new CorruptedStoreException(file, "it has only " + size + " bytes, less than a header");
        }
        CRC32C crc = new CRC32C();
        // the checksum and the count see exactly the bytes the reader consumed, not what the buffer read ahead
        CountingInput counting = new CountingInput(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        DataInputStream in = new DataInputStream(new CheckedInputStream(counting, crc));
        byte[] headerBytes = new byte[HEADER];
        in.readFully(headerBytes);
        ByteBuffer header = ByteBuffer.wrap(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getLong() != MAGIC) {
            throw new CorruptedStoreException(file, "it does not start with the store's magic number");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new CorruptedStoreException(file, "it has format version " + version + ", this library reads "
                    + VERSION + " and " + MappedStoreFile.VERSION);
        }
        int dim = header.getInt();
        int count = header.getInt();
        int tile = header.getInt();
        int quantizationOrdinal = header.getInt();
        if (dim < 1 || count < 0 || tile != FlatIndex.TILE || quantizationOrdinal < 0
                || quantizationOrdinal >= Quantization.values().length) {
            throw new CorruptedStoreException(file, "its header is invalid (dimension " + dim + ", count " + count
                    + ", tile " + tile + ", quantization " + quantizationOrdinal + ")");
        }
        long chunkBytes = (long) FlatIndex.TILE * dim * Float.BYTES;
        long vectorBytes = ((long) count + FlatIndex.TILE - 1) / FlatIndex.TILE * chunkBytes;
        if (HEADER + vectorBytes + TRAILER > size) {
            throw new CorruptedStoreException(file, "its header promises " + vectorBytes + " bytes of vectors but the"
                    + " file has " + size + " bytes");
        }
        Quantization quantization = Quantization.values()[quantizationOrdinal];
        long recordLimit = size - vectorBytes - TRAILER;
        Records records = readRecords(in, counting, count, recordLimit, file);
        String[] ids = records.ids();
        String[] texts = records.texts();
        Object[] metadata = records.metadata();
        FlatIndex index = new FlatIndex(dim, quantization, kernel, parallelism, oversample);
        byte[] chunk = new byte[(int) chunkBytes];
        ByteBuffer chunkBuffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        try {
            index.restore(ids, texts, metadata, count, target -> {
                try {
                    in.readFully(chunk);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                target.accept(chunkBuffer.clear().asFloatBuffer());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            throw new CorruptedStoreException(file, e.getMessage());
        }
        long checksum = crc.getValue();
        byte[] trailerBytes = in.readNBytes(TRAILER + 1);
        if (trailerBytes.length != TRAILER) {
            throw new CorruptedStoreException(file, trailerBytes.length < TRAILER ? "it ends early (truncated)"
                    : "it has bytes after its end");
        }
        ByteBuffer trailer = ByteBuffer.wrap(trailerBytes).order(ByteOrder.LITTLE_ENDIAN);
        int stored = trailer.getInt();
        if (trailer.getInt() != END) {
            throw new CorruptedStoreException(file, "its end marker is missing");
        }
        if (stored != (int) checksum) {
            throw new CorruptedStoreException(file, "its CRC32C checksum does not match its content");
        }
        return index;
    }

    /** Copies every entry of one index into another, empty one with other settings. */
    public static void copy(FlatIndex from, FlatIndex to) {
        from.copyInto(to);
    }

    static String readString(DataInputStream in, CountingInput counting, long limit, Path file)
            throws IOException {
        int length = in.readInt();
        if (length < 0 || counting.position() + length > limit) {
            throw new CorruptedStoreException(file, "a string claims " + length + " bytes, more than the file holds");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Counts the bytes read through it. */
    static final class CountingInput extends java.io.FilterInputStream {
        private long position;

        CountingInput(InputStream in) {
            super(in);
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
