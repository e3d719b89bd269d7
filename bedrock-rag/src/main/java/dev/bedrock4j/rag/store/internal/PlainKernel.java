package dev.bedrock4j.rag.store.internal;

import java.util.Arrays;

/**
 * The kernel in plain Java. The inner loop runs over the vectors of a tile, with no dependency between
 * iterations, so the JIT compiles it to SIMD instructions by itself. Thread-safe.
 */
final class PlainKernel implements Kernel {
    @Override
    public void dot(float[] tile, int width, int dim, float[] query, float[] out) {
        Arrays.fill(out, 0, width, 0f);
        for (int d = 0, base = 0; d < dim; d++, base += width) {
            float q = query[d];
            for (int j = 0; j < width; j++) {
                out[j] = Math.fma(q, tile[base + j], out[j]);
            }
        }
    }

    @Override
    public void dotInt8(byte[] tile, int width, int dim, float[] query, float[] out) {
        Arrays.fill(out, 0, width, 0f);
        for (int d = 0, base = 0; d < dim; d++, base += width) {
            float q = query[d];
            for (int j = 0; j < width; j++) {
                out[j] = Math.fma(q, tile[base + j], out[j]);
            }
        }
    }

    @Override
    public String name() {
        return "plain";
    }
}
