package dev.bedrock4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Deterministic benchmark data, generated on every core. */
final class VectorData {
    private VectorData() {
    }

    /** Uniform random vectors in [-1, 1): the exact-search workload (every vector is scanned either way). */
    static List<float[]> uniform(int n, int dim, long seed) {
        float[][] out = new float[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) (random.nextDouble() * 2 - 1);
            }
            out[i] = v;
        });
        return List.of(out);
    }

    /**
     * Clustered vectors, as real embeddings are (texts gather by topic): random centres in the unit
     * cube, and points at a Gaussian offset from one of them. Uniform or Gaussian random vectors in
     * 1024 dimensions have no neighbourhood structure and defeat every graph index, so graph-index
     * benchmarks use this. Data and queries use the same {@code centreSeed} (same clusters) and different
     * {@code pointSeed}s (different points).
     */
    static List<float[]> clustered(int n, int dim, int clusters, double spread, long centreSeed, long seed) {
        List<float[]> centres = uniform(clusters, dim, centreSeed ^ 0x5DEECE66DL);
        float[][] out = new float[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            float[] centre = centres.get(random.nextInt(clusters));
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = centre[d] + (float) (gaussian(random) * spread);
            }
            out[i] = v;
        });
        return List.of(out);
    }

    /** Vector {@code i} of a Gaussian data set (each value N(0, 1)), generated alone, so that 1M x 1024 never sits in one list. */
    static float[] gaussian(int i, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) gaussian(random);
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static List<float[]> firstN(List<float[]> all, int n) {
        return new ArrayList<>(all.subList(0, n));
    }
}
