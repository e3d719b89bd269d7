package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one model, with one prompt variant, did on one case: the answer, its usage, latency and cost,
 * and each metric's score. When the call failed, the error is kept and every metric scores 0: a failed
 * call is a failed case, and the report counts the failures so that outages are told apart.
 *
 * <pre>{@code
 * for (CaseResult result : report.results()) {
 *     System.out.println(result.caseId() + " " + result.model() + " " + result.score("field_accuracy"));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CaseResult {
    private final String caseId;
    private final String model;
    private final String modelId;
    private final String variant;
    private final String output;
    private final Usage usage;
    private final Duration latency;
    private final BigDecimal cost;
    private final Map<String, Double> scores;
    private final Map<String, String> metricErrors;
    private final String error;

    CaseResult(String caseId, String model, String modelId, String variant, String output, Usage usage,
               Duration latency, BigDecimal cost, Map<String, Double> scores, Map<String, String> metricErrors,
               String error) {
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.model = Objects.requireNonNull(model, "model");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.output = Objects.requireNonNull(output, "output");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.cost = Objects.requireNonNull(cost, "cost");
        this.scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        this.metricErrors = Collections.unmodifiableMap(new LinkedHashMap<>(metricErrors));
        this.error = error;
    }

    /** A copy with one more score or metric error. */
    CaseResult withScore(String metric, Double score, String metricError) {
        Map<String, Double> moreScores = new LinkedHashMap<>(scores);
        Map<String, String> moreErrors = new LinkedHashMap<>(metricErrors);
        if (score != null) {
            moreScores.put(metric, score);
        }
        if (metricError != null) {
            moreErrors.put(metric, metricError);
        }
        return new CaseResult(caseId, model, modelId, variant, output, usage, latency, cost, moreScores, moreErrors, error);
    }

    /**
     * The case's id.
     *
     * @return the id
     */
    public String caseId() {
        return caseId;
    }

    /**
     * The label of the model, as the evaluation named it.
     *
     * @return the label
     */
    public String model() {
        return model;
    }

    /**
     * The model's id: a model id, inference profile id, or the ARN of a custom or provisioned model.
     *
     * @return the model id
     */
    public String modelId() {
        return modelId;
    }

    /**
     * The prompt variant's name.
     *
     * @return the name
     */
    public String variant() {
        return variant;
    }

    /**
     * The answer's text.
     *
     * @return the text; empty when the call failed
     */
    public String output() {
        return output;
    }

    /**
     * The tokens the answer used; metric calls (judges, perturbed reruns) are not included.
     *
     * @return the usage
     */
    public Usage usage() {
        return usage;
    }

    /**
     * How long the call took as the caller saw it, including any retries the model itself made.
     *
     * @return the latency
     */
    public Duration latency() {
        return latency;
    }

    /**
     * The answer's estimated cost, in US dollars.
     *
     * @return the cost; zero when the price table has no price for the model
     */
    public BigDecimal cost() {
        return cost;
    }

    /**
     * The scores, by metric name; metrics that did not apply or failed are absent.
     *
     * @return the scores
     */
    public Map<String, Double> scores() {
        return scores;
    }

    /**
     * One metric's score.
     *
     * @param metric the metric's name
     * @return the score, or empty when the metric did not apply or failed
     */
    public OptionalDouble score(String metric) {
        Double score = scores.get(metric);
        return score == null ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    /**
     * Why metrics failed on this answer, by metric name.
     *
     * @return the errors; empty when none failed
     */
    public Map<String, String> metricErrors() {
        return metricErrors;
    }

    /**
     * Why the call failed.
     *
     * @return the error, or empty when the model answered
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** Shows the result's keys and scores, never the answer's text. */
    @Override
    public String toString() {
        return "CaseResult[" + caseId + ", " + model + "/" + variant + ", scores=" + scores
                + (error == null ? "" : ", failed") + "]";
    }
}
