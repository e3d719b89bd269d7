package dev.bedrock4j.evaluation;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A way of scoring one answer: a name for reports and a score from 0 (worst) to 1 (best). A score of
 * {@link Double#NaN} means the metric does not apply to the case (no reference to compare with, no
 * human rating yet) and leaves it out of the mean. A metric that throws is recorded as a metric error
 * for that case.
 *
 * <p>The built-in metrics are {@link ExactMatch}, {@link TokenF1}, {@link RougeL}, {@link JsonValidity},
 * {@link FieldAccuracy}, {@link Robustness}, {@link LlmJudge}, {@link Toxicity} and {@link HumanJudgement}; any function
 * is a metric too:
 *
 * <pre>{@code
 * Metric shortEnough = Metric.of("under_50_words", s -> s.output().split("\\s+").length <= 50 ? 1 : 0);
 * }</pre>
 *
 * <p>Implementations must be thread-safe: an evaluation scores many answers at once.
 */
public interface Metric {

    /**
     * The metric's name, as reports show it.
     *
     * @return the name
     */
    String name();

    /**
     * Scores one answer.
     *
     * @param sample the case, the answer and the means to ask models more
     * @return a score from 0 to 1, or NaN when the metric does not apply
     */
    double score(Sample sample);

    /**
     * A metric from a function.
     *
     * @param name the metric's name
     * @param score scores an answer from 0 to 1, or NaN when it does not apply
     * @return the metric
     */
    static Metric of(String name, ToDoubleFunction<Sample> score) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(score, "score");
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double score(Sample sample) {
                return score.applyAsDouble(sample);
            }

            @Override
            public String toString() {
                return "Metric[" + name + "]";
            }
        };
    }
}
