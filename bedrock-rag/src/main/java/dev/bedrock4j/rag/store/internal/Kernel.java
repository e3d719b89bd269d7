package dev.bedrock4j.rag.store.internal;

/**
 * The inner loops of exact search over one tile: {@code width} vectors stored dimension-major, so that
 * value {@code d} of vector {@code j} sits at {@code tile[d * width + j]}. Every implementation computes,
 * for each vector, {@code acc = fma(query[d], value[d], acc)} for {@code d} ascending, so identical vectors
 * get bitwise identical scores. Thread-safe.
 */
public interface Kernel {
    /**
     * Dot products of a query with every vector of a float tile.
     *
     * @param tile the tile, {@code width * dim} values
     * @param width the number of vectors in a tile
     * @param dim the dimension
     * @param query the query, {@code dim} values
     * @param out receives {@code width} scores
     */
    void dot(float[] tile, int width, int dim, float[] query, float[] out);

    /**
     * Dot products of a query with every vector of an 8-bit tile (unscaled).
     *
     * @param tile the tile, {@code width * dim} values
     * @param width the number of vectors in a tile
     * @param dim the dimension
     * @param query the query, {@code dim} values
     * @param out receives {@code width} scores
     */
    void dotInt8(byte[] tile, int width, int dim, float[] query, float[] out);

    /**
     * A short name for logs and benchmarks.
     *
     * @return {@code "plain"} or {@code "vector-api"}
     */
    String name();
}
