package dev.bedrock4j.rag.store.internal;

/**
 * The inner loops of exact search over one tile: vectors stored dimension-major, one array per dimension,
 * so that value {@code d} of vector {@code j} sits at {@code tile[d][j]}. (One array per dimension, not one
 * flat array with offsets: the JDK 17 JIT vectorises {@code out[j] = fma(q, row[j], out[j])} only when
 * both arrays use the same index.) Every implementation computes, for each vector,
 * {@code acc = fma(query[d], value[d], acc)} for {@code d} ascending, so identical vectors get bitwise
 * identical scores. Thread-safe.
 */
public interface Kernel {
    /**
     * Dot products of a query with every vector of a float tile.
     *
     * @param tile the tile, {@code dim} rows of {@code width} values
     * @param query the query, {@code dim} values
     * @param out receives {@code width} scores
     */
    void dot(float[][] tile, float[] query, float[] out);

    /**
     * Dot products of a query with every vector of an 8-bit tile (unscaled): {@code sum(query[d] * code[d])},
     * exact up to float rounding, or, for kernels that also quantize the query, up to its 8-bit rounding.
     *
     * @param tile the tile, {@code dim} rows of {@code width / 4} ints, four codes per int: byte {@code k} of
     *        word {@code w} holds {@code code + 128} of vector {@code 4w + k}
     * @param codeSums the sum of each vector's codes, vector {@code j} of the tile at {@code offset + j}
     * @param offset where the tile's vectors start in {@code codeSums}
     * @param query the query, {@code dim} values
     * @param out receives {@code width} scores
     */
    void dotInt8(int[][] tile, int[] codeSums, int offset, float[] query, float[] out);

    /**
     * Dot products of a query with every vector of a 4-bit tile, unscaled: {@code sum(q[d] * code[d])} where
     * {@code q} is the query in 8 bits ({@code round(query[d] / s)}, {@code s = max |query| / 127}) and the
     * result is multiplied by {@code s}. Every implementation rounds the query the same way and sums in integers,
     * so all kernels return bitwise identical scores.
     *
     * @param tile the tile, {@code dim} rows of {@link #INT4_WORDS} longs, row {@code d} at {@code d * INT4_WORDS}:
     *        nibble {@code k} (bits {@code 4k..4k+3}) of long {@code w} holds {@code code + 8} of vector
     *        {@code 16w + k}, codes from -7 to 7
     * @param dim the dimension
     * @param codeSums the sum of each vector's codes, vector {@code j} of the tile at {@code offset + j}
     * @param offset where the tile's vectors start in {@code codeSums}
     * @param query the query, {@code dim} values
     * @param out receives {@code 16 * INT4_WORDS} scores
     */
    void dotInt4(long[] tile, int dim, int[] codeSums, int offset, float[] query, float[] out);

    /** Longs per dimension of a 4-bit tile: sixteen codes per long, one tile of {@link FlatIndex#TILE} vectors. */
    int INT4_WORDS = FlatIndex.TILE / 16;

    /**
     * A short name for logs and benchmarks.
     *
     * @return {@code "plain"} or {@code "vector-api"}, for the float scan
     */
    String name();

    /**
     * The name of the 8-bit scan's inner loop, for logs and benchmarks.
     *
     * @return {@code "plain-int8-swar"} or {@code "vector-api-int8"}
     */
    String int8Name();

    /**
     * The name of the 4-bit scan's inner loop, for logs and benchmarks.
     *
     * @return {@code "plain-int4-swar"} or {@code "vector-api-int4"}
     */
    String int4Name();

    /**
     * The 8-bit query of the 4-bit kernels, biased by 128 to {@code 1..255}; {@code out[dim]} receives the sum of
     * the biased values. Shared so that every kernel rounds identically.
     *
     * @return the scale {@code s}: a biased value {@code b} stands for {@code (b - 128) * s}; 0 for a zero query
     */
    static float biasedQuery(float[] query, int dim, int[] out) {
        float max = 0;
        for (int d = 0; d < dim; d++) {
            max = Math.max(max, Math.abs(query[d]));
        }
        float scale = max / 127f;
        int sum = 0;
        for (int d = 0; d < dim; d++) {
            out[d] = scale == 0 ? 128 : Math.round(query[d] / scale) + 128;
            sum += out[d];
        }
        out[dim] = sum;
        return scale;
    }

    /**
     * Turns the raw sums of the 4-bit kernels, {@code sum(biasedQuery * (code + 8))}, into unscaled dot products:
     * {@code sum(q * code) = raw - 8 sum(biasedQuery) - 128 sum(code)}, times the query's scale.
     */
    static float int4Score(long raw, int biasedQuerySum, int codeSum, float queryScale) {
        return queryScale * (raw - 8L * biasedQuerySum - 128L * codeSum);
    }
}
