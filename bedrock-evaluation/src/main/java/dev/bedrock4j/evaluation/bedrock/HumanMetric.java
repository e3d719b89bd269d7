package dev.bedrock4j.evaluation.bedrock;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.Objects;
import java.util.Set;

/**
 * A metric people rate in a human evaluation job: its name, what it means, and how it is rated.
 *
 * <pre>{@code
 * HumanMetric helpful = new HumanMetric("Helpfulness", "Does the answer solve the problem?",
 *         HumanMetric.INDIVIDUAL_LIKERT_SCALE);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the metric's name, as the datasets' {@link DatasetMetrics#metricNames()} use it
 * @param description what it means, up to 63 characters; empty for none
 * @param ratingMethod one of {@link #RATING_METHODS}
 */
public record HumanMetric(String name, String description, String ratingMethod) {
    /** A thumbs up or down per answer. */
    public static final String THUMBS_UP_DOWN = "ThumbsUpDown";
    /** A grade from 1 to 5 per answer. */
    public static final String INDIVIDUAL_LIKERT_SCALE = "IndividualLikertScale";
    /** A preference on a 5-point scale between two models' answers. */
    public static final String COMPARISON_LIKERT_SCALE = "ComparisonLikertScale";
    /** A choice of the better of two models' answers. */
    public static final String COMPARISON_CHOICE = "ComparisonChoice";
    /** A ranking of the models' answers. */
    public static final String COMPARISON_RANK = "ComparisonRank";
    /** The rating methods Bedrock offers. */
    public static final Set<String> RATING_METHODS = Set.of(THUMBS_UP_DOWN, INDIVIDUAL_LIKERT_SCALE,
            COMPARISON_LIKERT_SCALE, COMPARISON_CHOICE, COMPARISON_RANK);

    /**
     * Validates the components.
     *
     * @param name the name
     * @param description the description
     * @param ratingMethod the rating method
     * @throws InvalidRequestException if a value has the wrong form
     */
    public HumanMetric {
        if (name == null || !name.matches("[0-9a-zA-Z-_.]{1,63}")) {
            throw new InvalidRequestException("humanMetric.name", "the metric name '" + name + "' must be 1 to 63"
                    + " letters, digits, '-', '_' or '.'");
        }
        description = Objects.requireNonNullElse(description, "");
        if (description.length() > 63) {
            throw new InvalidRequestException("humanMetric.description", "the description of " + name + " has "
                    + description.length() + " characters; at most 63");
        }
        if (!RATING_METHODS.contains(ratingMethod)) {
            throw new InvalidRequestException("humanMetric.ratingMethod", "'" + ratingMethod + "' is not a rating method;"
                    + " use one of " + RATING_METHODS);
        }
    }
}
