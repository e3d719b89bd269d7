package dev.bedrock4j.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An answer scored somewhere else than in an {@link Evaluation}, such as by a Bedrock evaluation job: the case it
 * answers, the answer, and its scores by metric name, each from 0 (worst) to 1 (best). A report takes these with
 * {@link EvalReport#withRun(String, String, String, java.util.List)}, next to the runs it has.
 *
 * <pre>{@code
 * ScoredAnswer answer = new ScoredAnswer("q1", "Paris", Map.of("accuracy", 1.0));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param caseId the id of the suite's case it answers
 * @param output the answer
 * @param scores the scores by metric name, from 0 to 1
 */
public record ScoredAnswer(String caseId, String output, Map<String, Double> scores) {
    /**
     * Validates and copies the components.
     *
     * @param caseId the case id
     * @param output the answer
     * @param scores the scores
     * @throws IllegalArgumentException if a score is not between 0 and 1
     */
    public ScoredAnswer {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(output, "output");
        Map<String, Double> copy = new LinkedHashMap<>();
        scores.forEach((metric, score) -> {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("the score of " + metric + " for case '" + caseId + "' is " + score
                        + "; scores are from 0 to 1");
            }
            copy.put(Objects.requireNonNull(metric, "metric"), score);
        });
        scores = Collections.unmodifiableMap(copy);
    }
}
