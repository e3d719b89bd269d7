package dev.bedrock4j.rag.store.internal;

import java.util.Arrays;

/**
 * The kernel in plain Java. The inner loop runs over the vectors of a tile, with no dependency between
 * iterations, so the JIT compiles the float loop to SIMD instructions by itself. The JDK 17 JIT does not
 * vectorise loops that mix bytes with ints or floats, so the 8-bit loop reads four codes per int and
 * multiplies two at a time in the halves of an int (SWAR), all in int arithmetic, which it does vectorise.
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
    public void dotInt8(int[][] tile, int[] codeSums, int offset, float[] query, float[] out) {
        int dim = tile.length;
        int words = tile[0].length;
        // the query in 8 bits too, biased by 128 like the codes: every product and sum stays in int arithmetic
        float max = 0;
        for (int d = 0; d < dim; d++) {
            max = Math.max(max, Math.abs(query[d]));
        }
        if (max == 0) {
            Arrays.fill(out, 0, words * 4, 0f);
            return;
        }
        float queryScale = max / 127f;
        int[] biasedQuery = new int[dim];
        long querySum = 0;
        for (int d = 0; d < dim; d++) {
            biasedQuery[d] = Math.round(query[d] / queryScale) + 128;
            querySum += biasedQuery[d];
        }
        int[] lane0 = new int[words];
        int[] lane1 = new int[words];
        int[] lane2 = new int[words];
        int[] lane3 = new int[words];
        for (int d = 0; d < dim; d++) {
            int q = biasedQuery[d];
            int[] row = tile[d];
            // SWAR: two biased codes per int in 16-bit halves; q * code <= 255 * 255 fits a half, so one
            // multiply yields two products, split again before they add up. Only int operations on arrays
            // indexed alike, which the JIT turns into SIMD instructions.
            for (int w = 0; w < words; w++) {
                int packed = row[w];
                int even = q * (packed & 0x00FF00FF);
                int odd = q * ((packed >>> 8) & 0x00FF00FF);
                lane0[w] += even & 0xFFFF;
                lane2[w] += even >>> 16;
                lane1[w] += odd & 0xFFFF;
                lane3[w] += odd >>> 16;
            }
        }
        // sum((q+128)(c+128)) - 128 sum(c) - 128 sum(q+128) = sum(q * c)
        long constant = -128L * querySum;
        for (int w = 0; w < words; w++) {
            int j = 4 * w;
            out[j] = queryScale * (lane0[w] + constant - 128L * codeSums[offset + j]);
            out[j + 1] = queryScale * (lane1[w] + constant - 128L * codeSums[offset + j + 1]);
            out[j + 2] = queryScale * (lane2[w] + constant - 128L * codeSums[offset + j + 2]);
            out[j + 3] = queryScale * (lane3[w] + constant - 128L * codeSums[offset + j + 3]);
        }
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public String int8Name() {
        return "plain-int8-swar";
    }
}
