package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.core.spi.AtomicFile;
import dev.bedrock4j.rag.store.CorruptedStoreException;
import dev.bedrock4j.rag.store.Quantization;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * The store file of an {@linkplain FlatIndex#onDisk on-disk} index, format version 2: a fixed binary layout that
 * opens without reading the float vectors, which stay in the file and are memory-mapped.
 *
 * <pre>
 * header    32 bytes, little-endian: magic "B4JVSTOR", version 2, dimension, count, tile width, quantization, 0
 * records   count x (id, text, metadata size, key/value pairs); strings as int length + UTF-8 bytes
 * codes     ceil(count / tile) tiles in the index's packed layout, dimension x tile / 4 ints (INT8, 8-bit codes)
 *           or dimension x tile / 8 ints (INT4, 4-bit codes)
 * scales    count floats; code sums: count ints
 * padding   zeros up to the next multiple of 4096
 * vectors   count x dimension floats, row-major, memory-mapped on open
 * crcs      one CRC32C per tile of vectors (int), checked the first time a search reads the tile
 * trailer   CRC32C (int) of everything but the vectors, then "B4JE"
 * </pre>
 *
 * <p>Opening reads and checks everything but the vectors (about a quarter of the file), checks that the file
 * has exactly the size the header implies, and maps the vectors. Thread-safe.
 */
final class MappedStoreFile {
    static final int VERSION = 2;
    private static final int ALIGN = 4096;
    private static final int TRAILER = 8;

    private MappedStoreFile() {
    }

    /** Saves an on-disk index atomically, then reads its vectors from the new file. */
    static void save(FlatIndex index, Path directory) {
        Path file = directory.resolve(StoreFile.FILE_NAME);
        Written written = index.underReadLock(() -> {
            try {
                return write(index, file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the vector store to " + directory + ": " + e.getMessage(), e);
            }
        });
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            index.attach(MappedRows.map(channel, file, written.floatsOffset, index.dimension(), written.count,
                    written.chunkCrcs), written.modCount);
        } catch (IOException e) {
            throw new UncheckedIOException("saved the vector store to " + file + " but could not map it: " + e.getMessage(), e);
        }
    }

    private record Written(long floatsOffset, int count, int[] chunkCrcs, long modCount) {
    }

    private static Written write(FlatIndex index, Path file) throws IOException {
        int dim = index.dimension();
        int count = index.rawCount();
        int chunks = (count + FlatIndex.TILE - 1) / FlatIndex.TILE;
        int[] chunkCrcs = new int[chunks];
        long[] floatsOffset = new long[1];
        AtomicFile.write(file, raw -> {
            CRC32C crc = new CRC32C();
            Checked checked = new Checked(raw, crc);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
            ByteBuffer header = ByteBuffer.allocate(StoreFile.HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(StoreFile.MAGIC).putInt(VERSION).putInt(dim).putInt(count).putInt(FlatIndex.TILE)
                    .putInt(index.quantization().ordinal()).putInt(0);
            out.write(header.array());
            StoreFile.writeRecords(out, index, count);
            ByteBuffer tileBytes = ByteBuffer.allocate(codeBytesPerTile(dim, index.quantization()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < chunks; c++) {
                tileBytes.clear();
                for (int[] row : index.codeTile(c)) {
                    tileBytes.asIntBuffer().put(row);
                    tileBytes.position(tileBytes.position() + row.length * Integer.BYTES);
                }
                out.write(tileBytes.array());
            }
            for (int slot = 0; slot < count; slot++) {
                out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(index.scale(slot))));
            }
            for (int slot = 0; slot < count; slot++) {
                out.writeInt(Integer.reverseBytes(index.codeSum(slot)));
            }
            out.flush();
            long position = checked.written;
            long aligned = (position + ALIGN - 1) / ALIGN * ALIGN;
            out.write(new byte[(int) (aligned - position)]);
            out.flush();
            floatsOffset[0] = aligned;
            // the vectors: not in the whole-file checksum, one checksum per tile instead
            checked.checking = false;
            ByteBuffer chunk = ByteBuffer.allocate(FlatIndex.TILE * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            float[] vector = new float[dim];
            for (int c = 0; c < chunks; c++) {
                chunk.clear();
                int rows = Math.min(FlatIndex.TILE, count - c * FlatIndex.TILE);
                for (int r = 0; r < rows; r++) {
                    index.readVector(c * FlatIndex.TILE + r, vector);
                    chunk.asFloatBuffer().put(vector);
                    chunk.position(chunk.position() + dim * Float.BYTES);
                }
                chunk.flip();
                CRC32C tileCrc = new CRC32C();
                tileCrc.update(chunk.duplicate());
                chunkCrcs[c] = (int) tileCrc.getValue();
                out.write(chunk.array(), 0, chunk.limit());
            }
            out.flush();
            checked.checking = true;
            for (int value : chunkCrcs) {
                out.writeInt(Integer.reverseBytes(value));
            }
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putInt((int) crc.getValue()).putInt(StoreFile.END);
            raw.write(trailer.array());
        });
        return new Written(floatsOffset[0], count, chunkCrcs, index.modCount());
    }

    private static int codeBytesPerTile(int dim, Quantization codes) {
        return dim * FlatIndex.codeWords(codes) * Integer.BYTES;
    }

    /** Passes bytes through, adding them to a checksum while {@link #checking}, and counts them. */
    private static final class Checked extends FilterOutputStream {
        private final CRC32C crc;
        boolean checking = true;
        long written;

        Checked(OutputStream out, CRC32C crc) {
            super(out);
            this.crc = crc;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (checking) {
                crc.update(b);
            }
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (checking) {
                crc.update(b, off, len);
            }
            written += len;
        }
    }

    /**
     * Reads a version 2 file whose header the caller has checked up to the version.
     */
    static FlatIndex read(Path file, FileChannel channel, Kernel kernel, int parallelism, int oversample)
            throws IOException {
        long size = channel.size();
        CRC32C crc = new CRC32C();
        StoreFile.CountingInput counting = new StoreFile.CountingInput(
                new BufferedInputStream(Channels.newInputStream(channel.position(0)), 1 << 16));
        DataInputStream in = new DataInputStream(new CheckedInputStream(counting, crc));
        byte[] headerBytes = new byte[StoreFile.HEADER];
        in.readFully(headerBytes);
        ByteBuffer header = ByteBuffer.wrap(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        header.getLong();
        header.getInt();
        int dim = header.getInt();
        int count = header.getInt();
        int tile = header.getInt();
        int quantization = header.getInt();
        if (dim < 1 || count < 0 || tile != FlatIndex.TILE || (quantization != Quantization.INT8.ordinal()
                && quantization != Quantization.INT4.ordinal())) {
            throw new CorruptedStoreException(file, "its header is invalid (dimension " + dim + ", count " + count
                    + ", tile " + tile + ", quantization " + quantization + ")");
        }
        Quantization codes = Quantization.values()[quantization];
        int chunks = (count + tile - 1) / tile;
        long codeBytes = (long) chunks * codeBytesPerTile(dim, codes);
        long floatBytes = (long) count * dim * Float.BYTES;
        long fixed = codeBytes + 8L * count + floatBytes + 4L * chunks + TRAILER;
        if (StoreFile.HEADER + fixed > size) {
            throw new CorruptedStoreException(file, "its header promises " + fixed + " bytes of vectors and codes but"
                    + " the file has " + size + " bytes (truncated)");
        }
        long recordLimit = size - fixed;
        StoreFile.Records records = StoreFile.readRecords(in, counting, count, recordLimit, file);
        long codesOffset = counting.position();
        long floatsOffset = (codesOffset + codeBytes + 8L * count + ALIGN - 1) / ALIGN * ALIGN;
        long expected = floatsOffset + floatBytes + 4L * chunks + TRAILER;
        if (size != expected) {
            throw new CorruptedStoreException(file, size < expected ? "it ends early (truncated): " + size + " bytes of "
                    + expected : "it has bytes after its end");
        }
        byte[] tileBytes = new byte[codeBytesPerTile(dim, codes)];
        int[][][] tiles = new int[chunks][][];
        for (int c = 0; c < chunks; c++) {
            in.readFully(tileBytes);
            java.nio.IntBuffer ints = ByteBuffer.wrap(tileBytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            tiles[c] = new int[dim][FlatIndex.codeWords(codes)];
            for (int[] row : tiles[c]) {
                ints.get(row);
            }
        }
        float[] scales = new float[count];
        int[] sums = new int[count];
        for (int slot = 0; slot < count; slot++) {
            scales[slot] = Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
        }
        for (int slot = 0; slot < count; slot++) {
            sums[slot] = Integer.reverseBytes(in.readInt());
        }
        in.readNBytes((int) (floatsOffset - counting.position()));
        // the tile checksums and the trailer, after the vectors
        ByteBuffer tail = ByteBuffer.allocate(4 * chunks + TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        long tailAt = floatsOffset + floatBytes;
        while (tail.hasRemaining()) {
            if (channel.read(tail, tailAt + tail.position()) < 0) {
                throw new CorruptedStoreException(file, "it ends early (truncated)");
            }
        }
        tail.flip();
        crc.update(tail.array(), 0, 4 * chunks);
        int[] chunkCrcs = new int[chunks];
        for (int c = 0; c < chunks; c++) {
            chunkCrcs[c] = tail.getInt();
        }
        int stored = tail.getInt();
        if (tail.getInt() != StoreFile.END) {
            throw new CorruptedStoreException(file, "its end marker is missing");
        }
        if (stored != (int) crc.getValue()) {
            throw new CorruptedStoreException(file, "its CRC32C checksum does not match its content");
        }
        MappedRows rows = MappedRows.map(channel, file, floatsOffset, dim, count, chunkCrcs);
        FlatIndex index = FlatIndex.onDisk(dim, codes, kernel, parallelism, oversample);
        try {
            index.restoreOnDisk(records.ids(), records.texts(), records.metadata(), count, scales, sums, tiles, rows);
        } catch (IllegalArgumentException e) {
            throw new CorruptedStoreException(file, e.getMessage());
        }
        return index;
    }
}
