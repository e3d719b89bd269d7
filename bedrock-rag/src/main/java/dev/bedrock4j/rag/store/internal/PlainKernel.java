package dev.bedrock4j.rag.store.internal;

import java.util.Arrays;

/**
 * The kernel in plain Java. The inner loop runs over the vectors of a tile, with no dependency between
 * iterations, so the JIT compiles the float loop to SIMD instructions by itself. (The 8-bit loop mixes
 * byte and float, which the JDK 17 JIT does not vectorise; it is correct but slow without the Vector API.)
 * Thread-safe.
 */
final class PlainKernel implements Kernel {
    @Override
    public void dot(float[][] tile, float[] query, float[] out) {
        int width = tile[0].length;
        Arrays.fill(out, 0, width, 0f);
        for (int d = 0; d < tile.length; d++) {
            float q = query[d];
            float[] row = tile[d];
            for (int j = 0; j < width; j++) {
                out[j] = Math.fma(q, row[j], out[j]);
            }
        }
    }

    @Override
    public void dotInt8(byte[][] tile, float[] query, float[] out) {
        int width = tile[0].length;
        Arrays.fill(out, 0, width, 0f);
        for (int d = 0; d < tile.length; d++) {
            float q = query[d];
            byte[] row = tile[d];
            for (int j = 0; j < width; j++) {
                out[j] = Math.fma(q, row[j], out[j]);
            }
        }
    }

    @Override
    public String name() {
        return "plain";
    }
}
