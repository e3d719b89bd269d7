package dev.bedrock4j.rag.store.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the JDK Vector API. Eight accumulators of the widest float vector the CPU has stay in
 * registers while the loop walks the dimensions, so each value of the tile is loaded once and used in
 * one fused multiply-add. Only loaded (by reflection, from {@link Kernels}) when the JVM has the
 * {@code jdk.incubator.vector} module. Thread-safe.
 */
final class SimdKernel implements Kernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    // L words of four codes each, as wide as the float vectors
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int NIBBLES = 0x000F000F;

    // with 32 vector registers (AVX-512) sixteen accumulators fit, so that one pass reads whole 1 KiB rows
    private static final boolean WIDE = L >= 16;

    SimdKernel() {
        if (L < 8) {
            throw new IllegalStateException("the CPU's vectors hold " + L + " floats; the plain kernel is as fast");
        }
        // run once so that a JVM that cannot execute the API fails here, at selection, not in a search
        float[] out = new float[L];
        dot(new float[1][L], new float[] {1f}, out);
        dotInt8(new int[1][2 * L], new int[8 * L], 0, QueryCodes.of(new float[] {1f}), new float[8 * L]);
        if (INT4_WORDS % (2 * L) != 0) {
            throw new IllegalStateException("a 4-bit tile row of " + INT4_WORDS + " ints does not split into "
                    + 2 * L + "-int steps");
        }
        dotInt4(new int[1][INT4_WORDS], new int[8 * INT4_WORDS], 0, QueryCodes.of(new float[] {1f}),
                new float[8 * INT4_WORDS]);
    }

    @Override
    public void dot(float[][] tile, float[] query, float[] out) {
        int width = tile[0].length;
        int dim = tile.length;
        int j = 0;
        if (WIDE) {
            for (; j + 16 * L <= width; j += 16 * L) {
                dot16(tile, query, out, j);
            }
        }
        for (; j + 8 * L <= width; j += 8 * L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            for (int d = 0; d < dim; d++) {
                float[] row = tile[d];
                FloatVector q = FloatVector.broadcast(F, query[d]);
                a0 = FloatVector.fromArray(F, row, j).fma(q, a0);
                a1 = FloatVector.fromArray(F, row, j + L).fma(q, a1);
                a2 = FloatVector.fromArray(F, row, j + 2 * L).fma(q, a2);
                a3 = FloatVector.fromArray(F, row, j + 3 * L).fma(q, a3);
                a4 = FloatVector.fromArray(F, row, j + 4 * L).fma(q, a4);
                a5 = FloatVector.fromArray(F, row, j + 5 * L).fma(q, a5);
                a6 = FloatVector.fromArray(F, row, j + 6 * L).fma(q, a6);
                a7 = FloatVector.fromArray(F, row, j + 7 * L).fma(q, a7);
            }
            a0.intoArray(out, j);
            a1.intoArray(out, j + L);
            a2.intoArray(out, j + 2 * L);
            a3.intoArray(out, j + 3 * L);
            a4.intoArray(out, j + 4 * L);
            a5.intoArray(out, j + 5 * L);
            a6.intoArray(out, j + 6 * L);
            a7.intoArray(out, j + 7 * L);
        }
        for (; j + L <= width; j += L) {
            FloatVector a = FloatVector.zero(F);
            for (int d = 0; d < dim; d++) {
                float[] row = tile[d];
                a = FloatVector.fromArray(F, row, j).fma(FloatVector.broadcast(F, query[d]), a);
            }
            a.intoArray(out, j);
        }
        for (; j < width; j++) {
            float a = 0f;
            for (int d = 0; d < dim; d++) {
                float[] row = tile[d];
                a = Math.fma(query[d], row[j], a);
            }
            out[j] = a;
        }
    }

    @Override
    public void dotInt8(int[][] tile, int[] codeSums, int offset, QueryCodes prepared, float[] out) {
        float[] query = prepared.values;
        int words = tile[0].length;
        int dim = tile.length;
        // the codes are stored biased (code + 128): score = sum(q * biased) - 128 * sum(q)
        float querySum = 0;
        for (int d = 0; d < dim; d++) {
            querySum += query[d];
        }
        float bias = 128f * querySum;
        float[] lanes = new float[L];
        int w = 0;
        for (; w + 2 * L <= words; w += 2 * L) {
            // two int vectors of L words = 8 L codes; byte k of every word goes to accumulator k (or 4 + k)
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            for (int d = 0; d < dim; d++) {
                int[] row = tile[d];
                FloatVector q = FloatVector.broadcast(F, query[d]);
                IntVector v = IntVector.fromArray(I, row, w);
                IntVector u = IntVector.fromArray(I, row, w + L);
                a0 = toFloat(v.and(0xFF)).fma(q, a0);
                a1 = toFloat(v.lanewise(VectorOperators.LSHR, 8).and(0xFF)).fma(q, a1);
                a2 = toFloat(v.lanewise(VectorOperators.LSHR, 16).and(0xFF)).fma(q, a2);
                a3 = toFloat(v.lanewise(VectorOperators.LSHR, 24)).fma(q, a3);
                a4 = toFloat(u.and(0xFF)).fma(q, a4);
                a5 = toFloat(u.lanewise(VectorOperators.LSHR, 8).and(0xFF)).fma(q, a5);
                a6 = toFloat(u.lanewise(VectorOperators.LSHR, 16).and(0xFF)).fma(q, a6);
                a7 = toFloat(u.lanewise(VectorOperators.LSHR, 24)).fma(q, a7);
            }
            scatter(a0, lanes, out, w, 0, bias);
            scatter(a1, lanes, out, w, 1, bias);
            scatter(a2, lanes, out, w, 2, bias);
            scatter(a3, lanes, out, w, 3, bias);
            scatter(a4, lanes, out, w + L, 0, bias);
            scatter(a5, lanes, out, w + L, 1, bias);
            scatter(a6, lanes, out, w + L, 2, bias);
            scatter(a7, lanes, out, w + L, 3, bias);
        }
        for (int j = 4 * w; j < 4 * words; j++) {
            float a = 0f;
            int shift = (j & 3) * 8;
            for (int d = 0; d < dim; d++) {
                a = Math.fma(query[d], (tile[d][j >>> 2] >>> shift) & 0xFF, a);
            }
            out[j] = a - bias;
        }
    }

    private static FloatVector toFloat(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }

    // lane i of the accumulator holds byte k of word (word + i): vector 4 (word + i) + k
    private static void scatter(FloatVector sums, float[] lanes, float[] out, int word, int k, float bias) {
        sums.intoArray(lanes, 0);
        for (int i = 0; i < L; i++) {
            out[4 * (word + i) + k] = lanes[i] - bias;
        }
    }

    private static void dot16(float[][] tile, float[] query, float[] out, int j) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
                a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (int d = 0; d < tile.length; d++) {
            float[] row = tile[d];
            FloatVector q = FloatVector.broadcast(F, query[d]);
            a0 = FloatVector.fromArray(F, row, j).fma(q, a0);
            a1 = FloatVector.fromArray(F, row, j + L).fma(q, a1);
            a2 = FloatVector.fromArray(F, row, j + 2 * L).fma(q, a2);
            a3 = FloatVector.fromArray(F, row, j + 3 * L).fma(q, a3);
            a4 = FloatVector.fromArray(F, row, j + 4 * L).fma(q, a4);
            a5 = FloatVector.fromArray(F, row, j + 5 * L).fma(q, a5);
            a6 = FloatVector.fromArray(F, row, j + 6 * L).fma(q, a6);
            a7 = FloatVector.fromArray(F, row, j + 7 * L).fma(q, a7);
            a8 = FloatVector.fromArray(F, row, j + 8 * L).fma(q, a8);
            a9 = FloatVector.fromArray(F, row, j + 9 * L).fma(q, a9);
            a10 = FloatVector.fromArray(F, row, j + 10 * L).fma(q, a10);
            a11 = FloatVector.fromArray(F, row, j + 11 * L).fma(q, a11);
            a12 = FloatVector.fromArray(F, row, j + 12 * L).fma(q, a12);
            a13 = FloatVector.fromArray(F, row, j + 13 * L).fma(q, a13);
            a14 = FloatVector.fromArray(F, row, j + 14 * L).fma(q, a14);
            a15 = FloatVector.fromArray(F, row, j + 15 * L).fma(q, a15);
        }
        a0.intoArray(out, j);
        a1.intoArray(out, j + L);
        a2.intoArray(out, j + 2 * L);
        a3.intoArray(out, j + 3 * L);
        a4.intoArray(out, j + 4 * L);
        a5.intoArray(out, j + 5 * L);
        a6.intoArray(out, j + 6 * L);
        a7.intoArray(out, j + 7 * L);
        a8.intoArray(out, j + 8 * L);
        a9.intoArray(out, j + 9 * L);
        a10.intoArray(out, j + 10 * L);
        a11.intoArray(out, j + 11 * L);
        a12.intoArray(out, j + 12 * L);
        a13.intoArray(out, j + 13 * L);
        a14.intoArray(out, j + 14 * L);
        a15.intoArray(out, j + 15 * L);
    }


    @Override
    public String name() {
        return "vector-api";
    }

    // Two int vectors per step (a whole 128-byte row on AVX-512), loaded as ints, as the 8-bit kernel does (no
    // reinterpreting between lane sizes, which JDK 17 does not always compile to vector code). A mask keeps
    // nibbles k and k + 4 of each int, 16 bits apart, and one multiply by the query's 8-bit value makes both
    // products; sixteen dimensions sum to at most 16 x 255 x 15 = 61,200, so they accumulate in the 16-bit halves
    // before the halves are split into 32-bit accumulators, which stay in registers for the whole row.
    @Override
    public void dotInt4(int[][] tile, int[] codeSums, int offset, QueryCodes query, float[] out) {
        int dim = tile.length;
        int[] biased = query.biased;
        int[] lanes = new int[L];
        for (int w = 0; w < INT4_WORDS; w += 2 * L) {
            IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            IntVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, c4 = a0, c5 = a0, c6 = a0, c7 = a0;
            for (int d0 = 0; d0 < dim; d0 += 16) {
                IntVector s0 = IntVector.zero(I), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
                int end = Math.min(dim, d0 + 16);
                for (int d = d0; d < end; d++) {
                    int[] row = tile[d];
                    IntVector p = IntVector.fromArray(I, row, w);
                    IntVector r = IntVector.fromArray(I, row, w + L);
                    int q = biased[d];
                    s0 = s0.add(p.and(NIBBLES).mul(q));
                    s1 = s1.add(p.lanewise(VectorOperators.LSHR, 4).and(NIBBLES).mul(q));
                    s2 = s2.add(p.lanewise(VectorOperators.LSHR, 8).and(NIBBLES).mul(q));
                    s3 = s3.add(p.lanewise(VectorOperators.LSHR, 12).and(NIBBLES).mul(q));
                    t0 = t0.add(r.and(NIBBLES).mul(q));
                    t1 = t1.add(r.lanewise(VectorOperators.LSHR, 4).and(NIBBLES).mul(q));
                    t2 = t2.add(r.lanewise(VectorOperators.LSHR, 8).and(NIBBLES).mul(q));
                    t3 = t3.add(r.lanewise(VectorOperators.LSHR, 12).and(NIBBLES).mul(q));
                }
                // the low half of s_k sums nibble k of each int, the high half nibble k + 4
                a0 = a0.add(s0.and(0xFFFF));
                a4 = a4.add(s0.lanewise(VectorOperators.LSHR, 16));
                a1 = a1.add(s1.and(0xFFFF));
                a5 = a5.add(s1.lanewise(VectorOperators.LSHR, 16));
                a2 = a2.add(s2.and(0xFFFF));
                a6 = a6.add(s2.lanewise(VectorOperators.LSHR, 16));
                a3 = a3.add(s3.and(0xFFFF));
                a7 = a7.add(s3.lanewise(VectorOperators.LSHR, 16));
                c0 = c0.add(t0.and(0xFFFF));
                c4 = c4.add(t0.lanewise(VectorOperators.LSHR, 16));
                c1 = c1.add(t1.and(0xFFFF));
                c5 = c5.add(t1.lanewise(VectorOperators.LSHR, 16));
                c2 = c2.add(t2.and(0xFFFF));
                c6 = c6.add(t2.lanewise(VectorOperators.LSHR, 16));
                c3 = c3.add(t3.and(0xFFFF));
                c7 = c7.add(t3.lanewise(VectorOperators.LSHR, 16));
            }
            // lane i of a_k holds vector 8 (w + i) + k; of c_k, vector 8 (w + L + i) + k
            scatter4(a0, 0, w, lanes, query, codeSums, offset, out);
            scatter4(a1, 1, w, lanes, query, codeSums, offset, out);
            scatter4(a2, 2, w, lanes, query, codeSums, offset, out);
            scatter4(a3, 3, w, lanes, query, codeSums, offset, out);
            scatter4(a4, 4, w, lanes, query, codeSums, offset, out);
            scatter4(a5, 5, w, lanes, query, codeSums, offset, out);
            scatter4(a6, 6, w, lanes, query, codeSums, offset, out);
            scatter4(a7, 7, w, lanes, query, codeSums, offset, out);
            scatter4(c0, 0, w + L, lanes, query, codeSums, offset, out);
            scatter4(c1, 1, w + L, lanes, query, codeSums, offset, out);
            scatter4(c2, 2, w + L, lanes, query, codeSums, offset, out);
            scatter4(c3, 3, w + L, lanes, query, codeSums, offset, out);
            scatter4(c4, 4, w + L, lanes, query, codeSums, offset, out);
            scatter4(c5, 5, w + L, lanes, query, codeSums, offset, out);
            scatter4(c6, 6, w + L, lanes, query, codeSums, offset, out);
            scatter4(c7, 7, w + L, lanes, query, codeSums, offset, out);
        }
    }

    private static void scatter4(IntVector sums, int nibble, int firstInt, int[] lanes, QueryCodes query,
                                 int[] codeSums, int offset, float[] out) {
        sums.intoArray(lanes, 0);
        for (int i = 0; i < L; i++) {
            int j = 8 * (firstInt + i) + nibble;
            out[j] = query.int4Score(lanes[i], codeSums[offset + j]);
        }
    }

    @Override
    public String int4Name() {
        return "vector-api-int4";
    }

    @Override
    public String int8Name() {
        return "vector-api-int8";
    }
}
