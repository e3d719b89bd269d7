package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.Quantization;
import dev.bedrock4j.rag.store.SearchResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The exact search engine behind the in-memory and persistent stores.
 *
 * <p>Entries live in dense slots {@code 0..count-1}; deleting moves the last entry into the hole. Unit
 * vectors are kept in chunks of {@link #TILE} slots:
 * <ul>
 *   <li>{@link Quantization#NONE}: each chunk is a tile, dimension-major ({@code tile[d][lane]}), which
 *       the {@link Kernel} scans;</li>
 *   <li>{@link Quantization#INT8}: each chunk is one row-major {@code float[TILE * dim]}
 *       ({@code chunk[lane * dim + d]}) that only serves the exact re-ranking; the scan reads
 *       dimension-major 8-bit tiles of {@link #TILE} vectors, four codes packed per int (byte {@code k}
 *       of word {@code w} is vector {@code 4w + k}, stored as {@code code + 128}), plus one scale and one
 *       code sum per vector.</li>
 *   <li>{@link Quantization#INT4}: the same row-major float chunks; the scan reads dimension-major 4-bit tiles,
 *       eight codes packed per int (nibble {@code k} of word {@code w} is vector {@code 8w + k}, stored as
 *       {@code code + 8}), plus one scale and one code sum per vector.</li>
 *   <li>{@link Quantization#INT8} or {@link Quantization#INT4} {@linkplain #onDisk on disk}: the same code
 *       tiles, and no float copy in the heap: re-ranking reads the vectors from the memory-mapped store file
 *       ({@link MappedRows}).</li>
 * </ul>
 * A search splits the tiles over a fork/join pool, keeps a bounded heap per task and merges them; a batch
 * of queries is answered in the same single pass, tile by tile, while the tile is in cache. There are no
 * per-vector objects on the scan path.
 *
 * <p>Thread-safe: searches share a read lock, changes take the write lock.
 */
public final class FlatIndex {
    /** Vectors per tile. */
    public static final int TILE = 256;
    /**
     * Asks for the quantization's default oversampling: 10 for INT8; 40 for INT4, whose 15 levels rank more
     * roughly (at a million Gaussian 1024-d vectors, the true 10th neighbour lies a few hundred places down).
     */
    public static final int DEFAULT_OVERSAMPLE = 0;
    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();
    private static final String[] NO_STRINGS = new String[0];

    private final int dim;
    private final Quantization quantization;
    private final Kernel kernel;
    private final int parallelism;
    private final int oversample;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final HashMap<String, Integer> slotById = new HashMap<>();

    private float[][][] tiles = new float[0][][];
    private float[][] rowChunks = new float[0][];
    private int[][][] codeTiles = new int[0][][];
    private float[] scales = new float[0];
    private int[] codeSums = new int[0];
    /** The float vectors of an on-disk index; {@code null} when they live in {@link #rowChunks} or {@link #tiles}. */
    private MappedRows mapped;
    private int chunks;
    /** Counts changes, so that a save can tell whether the file it wrote still matches the index. */
    private long modCount;
    private String[] ids = NO_STRINGS;
    private String[] texts = NO_STRINGS;
    private Object[] metadata = new Object[0];
    private int count;

    /**
     * Creates an empty index.
     *
     * @param dim the dimension
     * @param quantization how vectors are scanned
     * @param kernel the inner loops
     * @param parallelism how many threads one search may use; 1 scans on the caller's thread
     * @param oversample for INT8 and INT4, how many candidates per wanted hit are re-ranked exactly;
     *        {@link #DEFAULT_OVERSAMPLE} for the quantization's default
     */
    public FlatIndex(int dim, Quantization quantization, Kernel kernel, int parallelism, int oversample) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dim);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        if (oversample < 0) {
            throw new IllegalArgumentException("oversample must be >= 1, was " + oversample);
        }
        this.dim = dim;
        this.quantization = quantization;
        this.kernel = kernel;
        this.parallelism = parallelism;
        this.oversample = oversample != DEFAULT_OVERSAMPLE ? oversample : quantization == Quantization.INT4 ? 40 : 10;
    }

    /**
     * An empty {@link Quantization#INT8} or {@link Quantization#INT4} index that keeps no float vectors in the
     * heap except those changed since the last save; the others are read from the store file, memory-mapped, for
     * re-ranking.
     */
    public static FlatIndex onDisk(int dim, Quantization quantization, Kernel kernel, int parallelism, int oversample) {
        if (quantization == Quantization.NONE) {
            throw new IllegalArgumentException("an on-disk index scans codes; it needs INT8 or INT4");
        }
        FlatIndex index = new FlatIndex(dim, quantization, kernel, parallelism, oversample);
        index.mapped = MappedRows.empty(dim);
        return index;
    }

    /** Whether the float vectors live in the store file rather than the heap. */
    public boolean isOnDisk() {
        return mapped != null;
    }

    /** The dimension. */
    public int dimension() {
        return dim;
    }

    /** The quantization. */
    public Quantization quantization() {
        return quantization;
    }

    /** The kernel in use. */
    public Kernel kernel() {
        return kernel;
    }

    /** The number of entries. */
    public int count() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Stores an entry.
     *
     * @param unit a unit vector, owned by the index from now on
     * @param replace whether an entry with the same id may be replaced
     */
    public void put(String id, float[] unit, String text, Map<String, String> meta, boolean replace) {
        lock.writeLock().lock();
        try {
            Integer existing = slotById.get(id);
            int slot;
            if (existing != null) {
                if (!replace) {
                    throw new IllegalArgumentException("id \"" + id + "\" is already stored; use upsert to replace it");
                }
                slot = existing;
            } else {
                ensureCapacity(count + 1);
                slot = count++;
                slotById.put(id, slot);
                ids[slot] = id;
            }
            modCount++;
            texts[slot] = text;
            metadata[slot] = meta;
            writeVector(slot, unit);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes an entry; returns whether it was there. */
    public boolean remove(String id) {
        lock.writeLock().lock();
        try {
            Integer slot = slotById.remove(id);
            if (slot == null) {
                return false;
            }
            int last = --count;
            modCount++;
            if (slot != last && mapped != null) {
                // move the codes and the file reference: no float copy lands in the heap
                moveCodes(last, slot);
                mapped.move(last, slot);
                ids[slot] = ids[last];
                texts[slot] = texts[last];
                metadata[slot] = metadata[last];
                slotById.put(ids[slot], slot);
            } else if (slot != last) {
                float[] moved = new float[dim];
                readVector(last, moved);
                writeVector(slot, moved);
                ids[slot] = ids[last];
                texts[slot] = texts[last];
                metadata[slot] = metadata[last];
                slotById.put(ids[slot], slot);
            }
            if (mapped != null) {
                mapped.clear(last);
            } else {
                writeVector(last, new float[dim]);
            }
            ids[last] = null;
            texts[last] = null;
            metadata[last] = null;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The best hits for each query.
     *
     * @param units unit query vectors
     * @param topK hits per query
     * @param minScore the score floor
     * @param filter the metadata filter
     * @return one list per query
     */
    public List<List<SearchResult>> search(float[][] units, int topK, double minScore, Filter filter) {
        lock.readLock().lock();
        try {
            List<List<SearchResult>> results = new ArrayList<>(units.length);
            if (count == 0) {
                for (int q = 0; q < units.length; q++) {
                    results.add(List.of());
                }
                return results;
            }
            boolean coded = quantization != Quantization.NONE;
            // the float scan applies the floor itself; the code scans' scores are approximate, so only the
            // exact re-ranking applies it
            float floor = coded ? Float.NEGATIVE_INFINITY : floor(minScore);
            int capacity = coded ? (int) Math.min((long) topK * oversample, Integer.MAX_VALUE) : topK;
            QueryCodes[] queries = new QueryCodes[units.length];
            for (int q = 0; q < units.length; q++) {
                queries[q] = QueryCodes.of(units[q]);
            }
            TopK[] heaps = scan(queries, capacity, floor, filter);
            for (int q = 0; q < units.length; q++) {
                TopK best = coded ? rerank(units[q], heaps[q], topK, floor(minScore)) : heaps[q];
                int[] slots = best.sortedSlots();
                float[] scores = best.sortedScores();
                List<SearchResult> hits = new ArrayList<>(slots.length);
                for (int i = 0; i < slots.length; i++) {
                    @SuppressWarnings("unchecked")
                    Map<String, String> meta = (Map<String, String>) metadata[slots[i]];
                    hits.add(new SearchResult(ids[slots[i]], scores[i], texts[slots[i]], meta));
                }
                results.add(List.copyOf(hits));
            }
            return results;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static float floor(double minScore) {
        // the largest float not above minScore, so that no score at or above the floor is dropped by rounding
        float f = (float) minScore;
        return f > minScore ? Math.nextDown(f) : f;
    }

    private TopK[] scan(QueryCodes[] units, int capacity, float floor, Filter filter) {
        int tiles = (count + TILE - 1) / TILE;
        if (parallelism == 1 || tiles < 2) {
            return scanRange(0, tiles, units, capacity, floor, filter);
        }
        int leaves = Math.min(tiles, parallelism * 4);
        int grain = (tiles + leaves - 1) / leaves;
        ForkJoinPool pool = POOLS.computeIfAbsent(parallelism, ForkJoinPool::new);
        return pool.invoke(new ScanTask(0, tiles, grain, units, capacity, floor, filter));
    }

    private final class ScanTask extends RecursiveTask<TopK[]> {
        private final int from;
        private final int to;
        private final int grain;
        private final QueryCodes[] units;
        private final int capacity;
        private final float floor;
        private final Filter filter;

        ScanTask(int from, int to, int grain, QueryCodes[] units, int capacity, float floor, Filter filter) {
            this.from = from;
            this.to = to;
            this.grain = grain;
            this.units = units;
            this.capacity = capacity;
            this.floor = floor;
            this.filter = filter;
        }

        @Override
        protected TopK[] compute() {
            if (to - from <= grain) {
                return scanRange(from, to, units, capacity, floor, filter);
            }
            int mid = (from + to) >>> 1;
            ScanTask left = new ScanTask(from, mid, grain, units, capacity, floor, filter);
            left.fork();
            TopK[] right = new ScanTask(mid, to, grain, units, capacity, floor, filter).compute();
            TopK[] leftHeaps = left.join();
            for (int q = 0; q < right.length; q++) {
                right[q].addAll(leftHeaps[q]);
            }
            return right;
        }
    }

    // Scans tiles [fromTile, toTile) for every query: the tile stays in cache while all queries use it.
    private TopK[] scanRange(int fromTile, int toTile, QueryCodes[] units, int capacity, float floor, Filter filter) {
        TopK[] heaps = new TopK[units.length];
        for (int q = 0; q < units.length; q++) {
            heaps[q] = new TopK(capacity, ids);
        }
        boolean filtered = filter != Filter.all();
        float[] scores = new float[TILE];
        for (int t = fromTile; t < toTile; t++) {
            int base = t * TILE;
            int lanes = Math.min(TILE, count - base);
            for (int q = 0; q < units.length; q++) {
                if (quantization == Quantization.NONE) {
                    kernel.dot(tiles[t], units[q].values(), scores);
                } else {
                    if (quantization == Quantization.INT8) {
                        kernel.dotInt8(codeTiles[t], codeSums, base, units[q], scores);
                    } else {
                        kernel.dotInt4(codeTiles[t], codeSums, base, units[q], scores);
                    }
                    for (int j = 0; j < lanes; j++) {
                        scores[j] *= scales[base + j];
                    }
                }
                TopK heap = heaps[q];
                float threshold = Math.max(heap.threshold(), floor);
                for (int j = 0; j < lanes; j++) {
                    float score = scores[j];
                    if (score >= threshold) {
                        if (filtered && !filter.test(meta(base + j))) {
                            continue;
                        }
                        heap.offer(score, base + j);
                        threshold = Math.max(heap.threshold(), floor);
                    }
                }
            }
        }
        return heaps;
    }

    private TopK rerank(float[] unit, TopK candidates, int topK, float floor) {
        TopK best = new TopK(topK, ids);
        float[] row = mapped == null ? null : new float[dim];
        for (int slot : candidates.sortedSlots()) {
            float score;
            if (mapped == null) {
                score = rowDot(unit, rowChunks[slot / TILE], (slot % TILE) * dim, dim);
            } else {
                mapped.read(slot, row);
                score = rowDot(unit, row, 0, dim);
            }
            if (score >= floor) {
                best.offer(score, slot);
            }
        }
        return best;
    }

    // A fixed-order dot product with eight partial sums, so equal vectors always score equal.
    static float rowDot(float[] a, float[] b, int offset, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int d = 0;
        for (; d + 8 <= dim; d += 8) {
            int o = offset + d;
            s0 = Math.fma(a[d], b[o], s0);
            s1 = Math.fma(a[d + 1], b[o + 1], s1);
            s2 = Math.fma(a[d + 2], b[o + 2], s2);
            s3 = Math.fma(a[d + 3], b[o + 3], s3);
            s4 = Math.fma(a[d + 4], b[o + 4], s4);
            s5 = Math.fma(a[d + 5], b[o + 5], s5);
            s6 = Math.fma(a[d + 6], b[o + 6], s6);
            s7 = Math.fma(a[d + 7], b[o + 7], s7);
        }
        for (; d < dim; d++) {
            s0 = Math.fma(a[d], b[offset + d], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> meta(int slot) {
        return (Map<String, String>) metadata[slot];
    }

    private void ensureCapacity(int needed) {
        if (needed > ids.length) {
            int capacity = Math.max(needed, ids.length + (ids.length >> 1) + 16);
            ids = Arrays.copyOf(ids, capacity);
            texts = Arrays.copyOf(texts, capacity);
            metadata = Arrays.copyOf(metadata, capacity);
            if (quantization != Quantization.NONE) {
                scales = Arrays.copyOf(scales, capacity);
                codeSums = Arrays.copyOf(codeSums, Math.max(codeSums.length, capacity));
            }
            if (mapped != null) {
                mapped.ensureCapacity(capacity);
            }
        }
        int neededChunks = (needed + TILE - 1) / TILE;
        int old = chunks;
        if (neededChunks > old) {
            int grown = Math.max(neededChunks, old + (old >> 2) + 1);
            if (quantization == Quantization.NONE) {
                tiles = Arrays.copyOf(tiles, grown);
                for (int c = old; c < grown; c++) {
                    tiles[c] = new float[dim][TILE];
                }
            } else {
                if (mapped == null) {
                    rowChunks = Arrays.copyOf(rowChunks, grown);
                    for (int c = old; c < grown; c++) {
                        rowChunks[c] = new float[TILE * dim];
                    }
                }
                // the kernels read a code sum for every lane of a tile
                codeSums = Arrays.copyOf(codeSums, Math.max(codeSums.length, grown * TILE));
                codeTiles = Arrays.copyOf(codeTiles, grown);
                for (int c = old; c < grown; c++) {
                    codeTiles[c] = newCodeTile(dim, quantization);
                }
            }
            chunks = grown;
        }
    }

    /** Ints per dimension of a code tile: four 8-bit or eight 4-bit codes per int. */
    static int codeWords(Quantization quantization) {
        return quantization == Quantization.INT4 ? Kernel.INT4_WORDS : TILE / 4;
    }

    private static int[][] newCodeTile(int dim, Quantization quantization) {
        int[][] tile = new int[dim][codeWords(quantization)];
        for (int[] row : tile) {
            Arrays.fill(row, quantization == Quantization.INT4 ? 0x88888888 : 0x80808080); // code 0 in every lane
        }
        return tile;
    }

    private void writeVector(int slot, float[] unit) {
        int lane = slot % TILE;
        if (quantization == Quantization.NONE) {
            float[][] tile = tiles[slot / TILE];
            for (int d = 0; d < dim; d++) {
                tile[d][lane] = unit[d];
            }
            return;
        }
        if (mapped != null) {
            mapped.write(slot, unit);
        } else {
            System.arraycopy(unit, 0, rowChunks[slot / TILE], lane * dim, dim);
        }
        quantize(slot, unit);
    }

    // bits per code: four 8-bit or eight 4-bit codes per int of a code tile
    private int codeBits() {
        return quantization == Quantization.INT4 ? 4 : 8;
    }

    // signed codes with one scale per vector, code = round(value / scale) with scale = max |value| / 127 for 8 bits
    // (7 for 4 bits), stored biased by 128 (8) so that every lane holds an unsigned value
    private void quantize(int slot, float[] unit) {
        int bits = codeBits();
        int levels = (1 << (bits - 1)) - 1;
        int bias = levels + 1;
        int perInt = Integer.SIZE / bits;
        int mask = (1 << bits) - 1;
        float max = 0;
        for (float v : unit) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max == 0 ? 0 : max / levels;
        int[][] tile = codeTiles[slot / TILE];
        int lane = slot % TILE;
        int word = lane / perInt;
        int shift = (lane % perInt) * bits;
        int sum = 0;
        for (int d = 0; d < dim; d++) {
            int code = scale == 0 ? 0 : Math.max(-levels, Math.min(levels, Math.round(unit[d] / scale)));
            sum += code;
            tile[d][word] = (tile[d][word] & ~(mask << shift)) | ((code + bias) << shift);
        }
        scales[slot] = scale;
        codeSums[slot] = sum;
    }

    // copies the codes, scale and code sum of one slot to another
    private void moveCodes(int from, int to) {
        int bits = codeBits();
        int perInt = Integer.SIZE / bits;
        int mask = (1 << bits) - 1;
        int[][] source = codeTiles[from / TILE];
        int[][] target = codeTiles[to / TILE];
        int fromWord = (from % TILE) / perInt;
        int fromShift = (from % perInt) * bits;
        int toWord = (to % TILE) / perInt;
        int toShift = (to % perInt) * bits;
        for (int d = 0; d < dim; d++) {
            int code = (source[d][fromWord] >>> fromShift) & mask;
            target[d][toWord] = (target[d][toWord] & ~(mask << toShift)) | (code << toShift);
        }
        scales[to] = scales[from];
        codeSums[to] = codeSums[from];
    }

    /** Copies the unit vector of a slot into {@code out}. */
    void readVector(int slot, float[] out) {
        int lane = slot % TILE;
        if (quantization == Quantization.NONE) {
            float[][] tile = tiles[slot / TILE];
            for (int d = 0; d < dim; d++) {
                out[d] = tile[d][lane];
            }
        } else if (mapped != null) {
            mapped.read(slot, out);
        } else {
            System.arraycopy(rowChunks[slot / TILE], lane * dim, out, 0, dim);
        }
    }

    /** Runs an action under the read lock, for a consistent snapshot (saving). */
    public <T> T underReadLock(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    // --- raw access for the store file; call under the read lock ---

    int chunkCount() {
        return (count + TILE - 1) / TILE;
    }

    /** Writes chunk {@code index} ({@code TILE * dim} floats in this index's layout) to a buffer. */
    void writeChunk(int index, java.nio.FloatBuffer out) {
        if (quantization == Quantization.NONE) {
            for (float[] row : tiles[index]) {
                out.put(row);
            }
        } else {
            out.put(rowChunks[index]);
        }
    }

    /** Reads chunk {@code index} from a buffer; the chunk must exist (see {@link #restore}). */
    private void readChunk(int index, java.nio.FloatBuffer in) {
        if (quantization == Quantization.NONE) {
            for (float[] row : tiles[index]) {
                in.get(row);
            }
        } else {
            in.get(rowChunks[index]);
        }
    }

    String id(int slot) {
        return ids[slot];
    }

    String text(int slot) {
        return texts[slot];
    }

    Map<String, String> metadata(int slot) {
        return meta(slot);
    }

    int rawCount() {
        return count;
    }

    /**
     * Fills an empty index with entries read from a store file: {@code n} entries whose vectors come as
     * chunks in this index's layout from {@code chunkSource}, called once per chunk in order.
     *
     * @throws IllegalArgumentException if an id repeats
     */
    void restore(String[] loadedIds, String[] loadedTexts, Object[] loadedMetadata, int n,
                 java.util.function.Consumer<java.util.function.Consumer<java.nio.FloatBuffer>> chunkSource) {
        lock.writeLock().lock();
        try {
            if (count != 0) {
                throw new IllegalStateException("restore needs an empty index");
            }
            ensureCapacity(Math.max(n, 1));
            int chunkCount = (n + TILE - 1) / TILE;
            for (int c = 0; c < chunkCount; c++) {
                int index = c;
                chunkSource.accept(buffer -> readChunk(index, buffer));
            }
            adopt(loadedIds, loadedTexts, loadedMetadata, n);
            if (quantization != Quantization.NONE) {
                float[] unit = new float[dim];
                for (int slot = 0; slot < n; slot++) {
                    readVector(slot, unit);
                    quantize(slot, unit);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Copies every entry into another (empty) index, which may use another quantization. */
    void copyInto(FlatIndex target) {
        lock.readLock().lock();
        try {
            for (int slot = 0; slot < count; slot++) {
                float[] unit = new float[dim];
                readVector(slot, unit);
                target.put(ids[slot], unit, texts[slot], meta(slot), false);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    // --- the on-disk layout (MappedStoreFile); call under the read lock unless stated ---

    long modCount() {
        return modCount;
    }

    int[][] codeTile(int chunk) {
        return codeTiles[chunk];
    }

    float scale(int slot) {
        return scales[slot];
    }

    int codeSum(int slot) {
        return codeSums[slot];
    }

    /**
     * Fills an empty on-disk index from a store file: entries, their code tiles in this index's layout (adopted,
     * not copied), scales and code sums, and the file's mapped vectors.
     *
     * @throws IllegalArgumentException if an id repeats
     */
    void restoreOnDisk(String[] loadedIds, String[] loadedTexts, Object[] loadedMetadata, int n, float[] loadedScales,
                       int[] loadedSums, int[][][] loadedTiles, MappedRows rows) {
        lock.writeLock().lock();
        try {
            if (count != 0 || mapped == null) {
                throw new IllegalStateException("restoreOnDisk needs an empty on-disk index");
            }
            mapped = rows;
            codeTiles = loadedTiles;
            chunks = loadedTiles.length;
            ensureCapacity(Math.max(n, 1));
            codeSums = Arrays.copyOf(codeSums, Math.max(codeSums.length, chunks * TILE));
            System.arraycopy(loadedScales, 0, scales, 0, n);
            System.arraycopy(loadedSums, 0, codeSums, 0, n);
            adopt(loadedIds, loadedTexts, loadedMetadata, n);
        } finally {
            lock.writeLock().unlock();
        }
    }

    // restoring, under the write lock: the entries of slots 0..n-1 and their ids' slots
    private void adopt(String[] loadedIds, String[] loadedTexts, Object[] loadedMetadata, int n) {
        System.arraycopy(loadedIds, 0, ids, 0, n);
        System.arraycopy(loadedTexts, 0, texts, 0, n);
        System.arraycopy(loadedMetadata, 0, metadata, 0, n);
        for (int slot = 0; slot < n; slot++) {
            if (slotById.put(ids[slot], slot) != null) {
                throw new IllegalArgumentException("id \"" + ids[slot] + "\" appears twice");
            }
        }
        count = n;
    }

    /**
     * After a save: reads the vectors from the file just written, and drops the heap copies, unless the index
     * changed since the save took its snapshot (then the old mapping, still valid, stays until the next save).
     *
     * @return whether the new file was attached
     */
    boolean attach(MappedRows rows, long savedModCount) {
        lock.writeLock().lock();
        try {
            if (modCount != savedModCount || mapped == null) {
                return false;
            }
            rows.ensureCapacity(ids.length);
            mapped = rows;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Bytes of float vectors held in the heap (for an on-disk index: those changed since the last save). */
    public long floatHeapBytes() {
        lock.readLock().lock();
        try {
            if (mapped != null) {
                return mapped.heapBytes();
            }
            return (long) chunks * TILE * dim * Float.BYTES;
        } finally {
            lock.readLock().unlock();
        }
    }
}
