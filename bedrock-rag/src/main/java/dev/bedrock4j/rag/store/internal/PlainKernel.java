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

    private static final long NIBBLES = 0x000F000F000F000FL;

    // Four codes per multiply: the fields of (long & NIBBLES) are 16 bits apart, and 16 products of at most
    // 255 * 15 sum to at most 61,200, so sixteen dimensions accumulate in the fields before they are split.
    // Scalar long arithmetic, which the JIT need not vectorise to beat the float scan (a quarter of its loads).
    @Override
    public void dotInt4(long[] tile, int dim, int[] codeSums, int offset, QueryCodes query, float[] out) {
        int[] biased = query.biased;
        for (int w = 0; w < INT4_WORDS; w++) {
            // the sixteen vectors of long w, in locals (registers) rather than an array
            long l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
            long l8 = 0, l9 = 0, l10 = 0, l11 = 0, l12 = 0, l13 = 0, l14 = 0, l15 = 0;
            for (int d0 = 0; d0 < dim; d0 += 16) {
                long s0 = 0;
                long s1 = 0;
                long s2 = 0;
                long s3 = 0;
                int end = Math.min(dim, d0 + 16);
                for (int d = d0, at = d0 * INT4_WORDS + w; d < end; d++, at += INT4_WORDS) {
                    long packed = tile[at];
                    long q = biased[d];
                    s0 += q * (packed & NIBBLES);
                    s1 += q * ((packed >>> 4) & NIBBLES);
                    s2 += q * ((packed >>> 8) & NIBBLES);
                    s3 += q * ((packed >>> 12) & NIBBLES);
                }
                // field f of s_k sums nibble 4f + k
                l0 += s0 & 0xFFFF;
                l4 += (s0 >>> 16) & 0xFFFF;
                l8 += (s0 >>> 32) & 0xFFFF;
                l12 += s0 >>> 48;
                l1 += s1 & 0xFFFF;
                l5 += (s1 >>> 16) & 0xFFFF;
                l9 += (s1 >>> 32) & 0xFFFF;
                l13 += s1 >>> 48;
                l2 += s2 & 0xFFFF;
                l6 += (s2 >>> 16) & 0xFFFF;
                l10 += (s2 >>> 32) & 0xFFFF;
                l14 += s2 >>> 48;
                l3 += s3 & 0xFFFF;
                l7 += (s3 >>> 16) & 0xFFFF;
                l11 += (s3 >>> 32) & 0xFFFF;
                l15 += s3 >>> 48;
            }
            int j = 16 * w;
            long[] sums = {l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14, l15};
            for (int k = 0; k < 16; k++) {
                out[j + k] = query.int4Score(sums[k], codeSums[offset + j + k]);
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
