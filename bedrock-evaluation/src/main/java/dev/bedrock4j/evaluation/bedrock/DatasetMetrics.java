package dev.bedrock4j.evaluation.bedrock;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One dataset of an evaluation job with its task and the metrics computed (automatic jobs) or rated (human
 * jobs) on it. A job has 1 to {@value EvaluationJobRequest#MAX_DATASETS} of these.
 *
 * <pre>{@code
 * DatasetMetrics qa = DatasetMetrics.of(EvaluationTask.QUESTION_AND_ANSWER,
 *         EvaluationDataset.s3("support", "s3://my-bucket/eval/support.jsonl"),
 *         BuiltinMetric.ACCURACY, BuiltinMetric.ROBUSTNESS, BuiltinMetric.TOXICITY);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param task the task
 * @param dataset the prompts
 * @param metricNames the metrics' names, such as {@code Builtin.Accuracy} or a human metric's name; 1 to 25
 */
public record DatasetMetrics(EvaluationTask task, EvaluationDataset dataset, List<String> metricNames) {
    private static final Pattern METRIC = Pattern.compile("[0-9a-zA-Z-_.]{1,63}");
    private static final int MAX_METRICS = 25;

    /**
     * Validates and copies the components.
     *
     * @param task the task
     * @param dataset the dataset
     * @param metricNames the metric names
     * @throws InvalidRequestException if there are no metrics, too many, or a name has the wrong form
     */
    public DatasetMetrics {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(dataset, "dataset");
        metricNames = List.copyOf(metricNames);
        if (metricNames.isEmpty() || metricNames.size() > MAX_METRICS) {
            throw new InvalidRequestException("metricNames", "a dataset needs 1 to " + MAX_METRICS + " metrics, had "
                    + metricNames.size());
        }
        for (String name : metricNames) {
            if (!METRIC.matcher(name).matches()) {
                throw new InvalidRequestException("metricNames", "the metric name '" + name + "' must be 1 to 63"
                        + " letters, digits, '-', '_' or '.'");
            }
        }
    }

    /**
     * A dataset with built-in metrics, for an automatic job.
     *
     * @param task the task
     * @param dataset the prompts
     * @param metrics the built-in metrics
     * @return the configuration
     */
    public static DatasetMetrics of(EvaluationTask task, EvaluationDataset dataset, BuiltinMetric... metrics) {
        List<String> names = new ArrayList<>();
        for (BuiltinMetric metric : metrics) {
            names.add(metric.wireName());
        }
        return new DatasetMetrics(task, dataset, names);
    }

    /**
     * A dataset with metrics named by name, such as a human job's custom metrics.
     *
     * @param task the task
     * @param dataset the prompts
     * @param metricNames the metrics' names
     * @return the configuration
     */
    public static DatasetMetrics named(EvaluationTask task, EvaluationDataset dataset, String... metricNames) {
        return new DatasetMetrics(task, dataset, List.of(metricNames));
    }
}
