package dev.bedrock4j.evaluation;

/**
 * One metric's result for one model and prompt variant: the mean score with its confidence interval.
 * The interval is the bootstrap percentile interval of the mean, from resamples drawn with a fixed seed
 * (see {@link EvalReport#intervalMethod()}), so the same scores always give the same interval.
 *
 * <pre>{@code
 * MetricSummary f1 = report.runs().get(0).metric("token_f1");
 * System.out.printf("%.2f [%.2f, %.2f] over %d cases%n", f1.mean(), f1.low(), f1.high(), f1.n());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param metric the metric's name
 * @param n the number of cases scored
 * @param mean the mean score, or NaN when no case was scored
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @param errors the number of cases on which the metric failed (they are not in {@code n})
 */
public record MetricSummary(String metric, int n, double mean, double low, double high, int errors) {
}
