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
    public void dotInt8(int[][] tile, int[] codeSums, int offset, QueryCodes query, float[] out) {
        int dim = tile.length;
        int words = tile[0].length;
        // the query in 8 bits too, biased by 128 like the codes: every product and sum stays in int arithmetic
        int[] biasedQuery = query.biased;
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
        for (int w = 0; w < words; w++) {
            int j = 4 * w;
            out[j] = query.int8Score(lane0[w], codeSums[offset + j]);
            out[j + 1] = query.int8Score(lane1[w], codeSums[offset + j + 1]);
            out[j + 2] = query.int8Score(lane2[w], codeSums[offset + j + 2]);
            out[j + 3] = query.int8Score(lane3[w], codeSums[offset + j + 3]);
        }
    }

    private static final int NIBBLES = 0x000F000F;

    // The 4-bit codes in int arithmetic on arrays indexed alike, which the JIT vectorises: a mask keeps nibbles k
    // and k + 4 of each int, 16 bits apart, so one multiply makes two products; sixteen dimensions sum to at most
    // 16 x 255 x 15 = 61,200, so they accumulate in the 16-bit halves before the halves are split.
    @Override
    public void dotInt4(int[][] tile, int[] codeSums, int offset, QueryCodes query, float[] out) {
        int dim = tile.length;
        int words = tile[0].length;
        int[] biased = query.biased;
        int[] s0 = new int[words];
        int[] s1 = new int[words];
        int[] s2 = new int[words];
        int[] s3 = new int[words];
        int[][] lanes = new int[8][words];
        for (int d0 = 0; d0 < dim; d0 += 16) {
            Arrays.fill(s0, 0);
            Arrays.fill(s1, 0);
            Arrays.fill(s2, 0);
            Arrays.fill(s3, 0);
            int end = Math.min(dim, d0 + 16);
            for (int d = d0; d < end; d++) {
                int q = biased[d];
                int[] row = tile[d];
                for (int w = 0; w < words; w++) {
                    int packed = row[w];
                    s0[w] += q * (packed & NIBBLES);
                    s1[w] += q * ((packed >>> 4) & NIBBLES);
                    s2[w] += q * ((packed >>> 8) & NIBBLES);
                    s3[w] += q * ((packed >>> 12) & NIBBLES);
                }
            }
            int[] l0 = lanes[0];
            int[] l1 = lanes[1];
            int[] l2 = lanes[2];
            int[] l3 = lanes[3];
            int[] l4 = lanes[4];
            int[] l5 = lanes[5];
            int[] l6 = lanes[6];
            int[] l7 = lanes[7];
            for (int w = 0; w < words; w++) {
                l0[w] += s0[w] & 0xFFFF;
                l4[w] += s0[w] >>> 16;
                l1[w] += s1[w] & 0xFFFF;
                l5[w] += s1[w] >>> 16;
                l2[w] += s2[w] & 0xFFFF;
                l6[w] += s2[w] >>> 16;
                l3[w] += s3[w] & 0xFFFF;
                l7[w] += s3[w] >>> 16;
            }
        }
        for (int w = 0; w < words; w++) {
            for (int k = 0; k < 8; k++) {
                int j = 8 * w + k;
                out[j] = query.int4Score(lanes[k][w], codeSums[offset + j]);
            }
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

    @Override
    public String int4Name() {
        return "plain-int4-swar";
    }
}
