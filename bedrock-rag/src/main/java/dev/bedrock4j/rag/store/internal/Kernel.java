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
     * Dot products of a query with every vector of an 8-bit tile (unscaled).
     *
     * @param tile the tile, {@code dim} rows of {@code width} values
     * @param query the query, {@code dim} values
     * @param out receives {@code width} scores
     */
    void dotInt8(byte[][] tile, float[] query, float[] out);

    /**
     * A short name for logs and benchmarks.
     *
     * @return {@code "plain"} or {@code "vector-api"}
     */
    String name();
}
