package dev.bedrock4j.evaluation.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Means, percentiles and bootstrap intervals over scores. Thread-safe. */
public final class Stats {
    private Stats() {
    }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The nearest-rank percentile ({@code p} from 0 to 1) of values; NaN for no values. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The bootstrap percentile interval of the mean: {@code resamples} resamples with replacement drawn
     * from a generator seeded with {@code seed}, so the same values always give the same interval.
     *
     * @return {@code {low, high}}; both NaN for no values, both the value for one
     */
    public static double[] bootstrapMean(double[] values, int resamples, long seed, double confidence) {
        int n = values.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        if (n == 1) {
            return new double[] {values[0], values[0]};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        int low = (int) Math.floor(alpha * resamples);
        int high = (int) Math.ceil((1 - alpha) * resamples) - 1;
        return new double[] {means[Math.max(0, low)], means[Math.min(resamples - 1, high)]};
    }
}
