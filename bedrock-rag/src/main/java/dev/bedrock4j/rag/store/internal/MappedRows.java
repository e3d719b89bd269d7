package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.rag.store.CorruptedStoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The full-precision vectors of a store that keeps them on disk: rows of the saved file, memory-mapped in
 * segments of at most 2 GiB, plus the rows changed since that save, in the heap. Slot {@code s} reads file row
 * {@code fileRow[s]}, or {@code overlay[s]} when that is set. Each chunk of {@link FlatIndex#TILE} file rows
 * carries a CRC32C that is checked the first time a search reads the chunk, so opening does not read the
 * vectors at all.
 *
 * <p>Not thread-safe by itself: {@link FlatIndex} reads it under its read lock and changes it under its write
 * lock. (The verified-chunk marks are written by readers; a race only verifies a chunk twice.)
 */
final class MappedRows {
    /** The largest mapping Java 17 allows, rounded down to whole chunks below. */
    private static final long MAX_SEGMENT = Integer.MAX_VALUE;

    private final int dim;
    private final Path file;
    private final FloatBuffer[] segments;
    private final ByteBuffer[] byteSegments;
    private final int rowsPerSegment;
    private final int fileRows;
    private final int[] chunkCrcs;
    private final boolean[] verified;
    private int[] fileRow = new int[0];
    private float[][] overlay = new float[0][];

    private MappedRows(int dim, Path file, ByteBuffer[] byteSegments, int rowsPerSegment, int fileRows, int[] chunkCrcs) {
        this.dim = dim;
        this.file = file;
        this.byteSegments = byteSegments;
        this.segments = new FloatBuffer[byteSegments.length];
        for (int i = 0; i < byteSegments.length; i++) {
            segments[i] = byteSegments[i].duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
        this.rowsPerSegment = rowsPerSegment;
        this.fileRows = fileRows;
        this.chunkCrcs = chunkCrcs;
        this.verified = new boolean[chunkCrcs.length];
    }

    /** Rows with no file behind them: everything lives in the heap overlay. */
    static MappedRows empty(int dim) {
        return new MappedRows(dim, null, new ByteBuffer[0], 1, 0, new int[0]);
    }

    /** How many rows one mapped segment holds: whole chunks, at most 2 GiB. */
    static int rowsPerSegment(int dim) {
        long chunkBytes = (long) FlatIndex.TILE * dim * Float.BYTES;
        long chunks = Math.max(1, MAX_SEGMENT / chunkBytes);
        return (int) Math.min(Integer.MAX_VALUE, chunks * FlatIndex.TILE);
    }

    /**
     * Maps {@code rows} rows of {@code dim} floats starting at {@code offset}, slot {@code s} reading row {@code s}.
     */
    static MappedRows map(FileChannel channel, Path file, long offset, int dim, int rows, int[] chunkCrcs)
            throws java.io.IOException {
        int perSegment = rowsPerSegment(dim);
        int segmentCount = (int) (((long) rows + perSegment - 1) / perSegment);
        ByteBuffer[] mapped = new ByteBuffer[segmentCount];
        for (int i = 0; i < segmentCount; i++) {
            long first = (long) i * perSegment;
            long bytes = Math.min(perSegment, rows - first) * dim * Float.BYTES;
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, offset + first * dim * Float.BYTES, bytes);
            mapped[i] = buffer;
        }
        MappedRows result = new MappedRows(dim, file, mapped, perSegment, rows, chunkCrcs);
        result.ensureCapacity(rows);
        for (int s = 0; s < rows; s++) {
            result.fileRow[s] = s;
        }
        return result;
    }

    void ensureCapacity(int slots) {
        if (slots > fileRow.length) {
            int old = fileRow.length;
            int capacity = Math.max(slots, old + (old >> 1) + 16);
            fileRow = Arrays.copyOf(fileRow, capacity);
            Arrays.fill(fileRow, old, capacity, -1);
            overlay = Arrays.copyOf(overlay, capacity);
        }
    }

    /** Whether slot {@code slot} reads its vector from the heap (changed since the file was written). */
    boolean inHeap(int slot) {
        return overlay[slot] != null;
    }

    /** Stores a changed vector in the heap. */
    void write(int slot, float[] unit) {
        overlay[slot] = unit.clone();
        fileRow[slot] = -1;
    }

    /** Slot {@code to} takes over what slot {@code from} read; {@code from} is cleared. */
    void move(int from, int to) {
        overlay[to] = overlay[from];
        fileRow[to] = fileRow[from];
        clear(from);
    }

    void clear(int slot) {
        overlay[slot] = null;
        fileRow[slot] = -1;
    }

    /** Copies slot {@code slot}'s vector into {@code out}. */
    void read(int slot, float[] out) {
        float[] heap = overlay[slot];
        if (heap != null) {
            System.arraycopy(heap, 0, out, 0, dim);
            return;
        }
        int row = fileRow[slot];
        if (row < 0) {
            Arrays.fill(out, 0, dim, 0f);
            return;
        }
        verify(row / FlatIndex.TILE);
        int segment = row / rowsPerSegment;
        segments[segment].get((row - segment * rowsPerSegment) * dim, out, 0, dim);
    }

    /** The bytes of the heap overlay's vectors. */
    long heapBytes() {
        long n = 0;
        for (float[] row : overlay) {
            if (row != null) {
                n += (long) row.length * Float.BYTES;
            }
        }
        return n;
    }

    private void verify(int chunk) {
        if (verified[chunk]) {
            return;
        }
        int firstRow = chunk * FlatIndex.TILE;
        int rows = Math.min(FlatIndex.TILE, fileRows - firstRow);
        int segment = firstRow / rowsPerSegment;
        int start = (firstRow - segment * rowsPerSegment) * dim * Float.BYTES;
        ByteBuffer bytes = byteSegments[segment].duplicate();
        bytes.position(start).limit(start + rows * dim * Float.BYTES);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if ((int) crc.getValue() != chunkCrcs[chunk]) {
            throw new CorruptedStoreException(file, "the vectors of entries " + firstRow + " to " + (firstRow + rows - 1)
                    + " fail their CRC32C checksum; restore the directory from a backup or rebuild the store");
        }
        verified[chunk] = true;
    }

    /** CRC32C of each chunk of {@link FlatIndex#TILE} rows of a row-major float array region. */
    static int chunkCrc(ByteBuffer littleEndianRows) {
        CRC32C crc = new CRC32C();
        crc.update(littleEndianRows);
        return (int) crc.getValue();
    }
}
