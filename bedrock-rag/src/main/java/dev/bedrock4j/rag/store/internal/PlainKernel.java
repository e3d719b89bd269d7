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
        int d = 0;
        // four dimensions per pass over the accumulators: a quarter of the stores, the same fma chain
        for (; d + 4 <= tile.length; d += 4) {
            float q0 = query[d];
            float q1 = query[d + 1];
            float q2 = query[d + 2];
            float q3 = query[d + 3];
            float[] r0 = tile[d];
            float[] r1 = tile[d + 1];
            float[] r2 = tile[d + 2];
            float[] r3 = tile[d + 3];
            for (int j = 0; j < width; j++) {
                out[j] = Math.fma(q3, r3[j], Math.fma(q2, r2[j], Math.fma(q1, r1[j], Math.fma(q0, r0[j], out[j]))));
            }
        }
        for (; d < tile.length; d++) {
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
