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
     * @param query the query, prepared
     * @param out receives {@code width} scores
     */
    void dotInt8(int[][] tile, int[] codeSums, int offset, QueryCodes query, float[] out);

    /**
     * Dot products of a query with every vector of a 4-bit tile, unscaled: {@code sum(q[d] * code[d])} where
     * {@code q} is the query's 8-bit rounding ({@link QueryCodes}), times its scale. Every implementation sums in
     * integers, so all kernels return bitwise identical scores.
     *
     * @param tile the tile, {@code dim} rows of {@link #INT4_WORDS} ints, eight codes per int: nibble {@code k}
     *        (bits {@code 4k..4k+3}) of word {@code w} holds {@code code + 8} of vector {@code 8w + k}, codes from
     *        -7 to 7
     * @param codeSums the sum of each vector's codes, vector {@code j} of the tile at {@code offset + j}
     * @param offset where the tile's vectors start in {@code codeSums}
     * @param query the query, prepared
     * @param out receives {@code 8 * INT4_WORDS} scores
     */
    void dotInt4(int[][] tile, int[] codeSums, int offset, QueryCodes query, float[] out);

    /** Ints per dimension of a 4-bit tile: eight codes per int, one tile of {@link FlatIndex#TILE} vectors. */
    int INT4_WORDS = FlatIndex.TILE / 8;

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
}
