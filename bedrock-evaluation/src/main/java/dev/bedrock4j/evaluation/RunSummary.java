package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * How one model did with one prompt variant over the whole suite: each metric's mean with its interval,
 * failures, tokens, cost and latency.
 *
 * <pre>{@code
 * RunSummary best = report.ranking("field_accuracy").get(0);
 * System.out.println(best.model() + " / " + best.variant() + ": " + best.mean("field_accuracy"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param model the model's label
 * @param modelId the model's id or ARN
 * @param variant the prompt variant's name
 * @param cases the number of cases run
 * @param failed the number of cases whose call failed (their metric scores are 0)
 * @param usage the tokens the answers used
 * @param cost the answers' estimated cost, in US dollars
 * @param meanLatency the mean latency of the calls
 * @param p95Latency the 95th-percentile latency of the calls
 * @param metrics each metric's summary, by name, in the evaluation's order
 */
public record RunSummary(String model, String modelId, String variant, int cases, int failed, Usage usage,
                         BigDecimal cost, Duration meanLatency, Duration p95Latency, Map<String, MetricSummary> metrics) {

    /**
     * Copies the metrics map.
     *
     * @param model the model's label
     * @param modelId the model's id or ARN
     * @param variant the prompt variant's name
     * @param cases the number of cases run
     * @param failed the number of failed cases
     * @param usage the tokens used
     * @param cost the estimated cost
     * @param meanLatency the mean latency
     * @param p95Latency the 95th-percentile latency
     * @param metrics each metric's summary
     */
    public RunSummary {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /**
     * One metric's summary.
     *
     * @param metric the metric's name
     * @return the summary
     * @throws IllegalArgumentException if the evaluation has no such metric
     */
    public MetricSummary metric(String metric) {
        MetricSummary summary = metrics.get(metric);
        if (summary == null) {
            throw new IllegalArgumentException("no metric named '" + metric + "'; the report has " + metrics.keySet());
        }
        return summary;
    }

    /**
     * One metric's mean score.
     *
     * @param metric the metric's name
     * @return the mean, or NaN when no case was scored
     * @throws IllegalArgumentException if the evaluation has no such metric
     */
    public double mean(String metric) {
        return metric(metric).mean();
    }
}
