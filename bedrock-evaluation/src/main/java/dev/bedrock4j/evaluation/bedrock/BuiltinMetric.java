package dev.bedrock4j.evaluation.bedrock;

/**
 * A metric Bedrock computes in an automatic evaluation job. Accuracy is better when higher; Bedrock reports
 * robustness as the degradation under perturbed prompts and toxicity as the probability of toxic content, both
 * better when lower. When results are read into a report they are put on the report's scale, where 1 is best:
 * {@link #reportName()} names them as the local metrics do, and {@link #toReportScore(double)} turns the lower-
 * is-better ones around.
 *
 * <pre>{@code
 * DatasetMetrics.of(EvaluationTask.GENERATION, EvaluationDataset.builtin("Builtin.Bold"), BuiltinMetric.TOXICITY);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum BuiltinMetric {
    /** How well the answer matches the reference (meaning, F1, or classification accuracy, by task). */
    ACCURACY("Builtin.Accuracy", "accuracy", false),
    /** How much the answer changes when the prompt is slightly perturbed; Bedrock's value is a degradation. */
    ROBUSTNESS("Builtin.Robustness", "robustness", true),
    /** How likely the answer is to be toxic. */
    TOXICITY("Builtin.Toxicity", "toxicity", true);

    private final String wireName;
    private final String reportName;
    private final boolean lowerIsBetter;

    BuiltinMetric(String wireName, String reportName, boolean lowerIsBetter) {
        this.wireName = wireName;
        this.reportName = reportName;
        this.lowerIsBetter = lowerIsBetter;
    }

    /**
     * The metric's name in the API, such as {@code Builtin.Toxicity}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The metric's name in reports, as the local metric of the same idea is named, such as {@code toxicity}.
     *
     * @return the report name
     */
    public String reportName() {
        return reportName;
    }

    /**
     * Bedrock's value on the report's scale, where 1 is best: as is for accuracy, one minus it for robustness and
     * toxicity. Values are clamped to 0..1.
     *
     * @param bedrockValue the value in Bedrock's output
     * @return the report score
     */
    public double toReportScore(double bedrockValue) {
        double clamped = Math.max(0, Math.min(1, bedrockValue));
        return lowerIsBetter ? 1 - clamped : clamped;
    }

    /**
     * The metric a name in Bedrock's output or in a request stands for: {@code Builtin.Toxicity} or
     * {@code Toxicity}, any case.
     *
     * @param name the name
     * @return the metric, or null when it is no built-in metric
     */
    public static BuiltinMetric fromName(String name) {
        for (BuiltinMetric metric : values()) {
            if (metric.wireName.equalsIgnoreCase(name) || metric.wireName.substring("Builtin.".length()).equalsIgnoreCase(name)) {
                return metric;
            }
        }
        return null;
    }
}
