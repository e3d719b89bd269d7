package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.TextTokens;

/**
 * Scores 1 when the answer equals the expected output or a reference, else 0. The normalised form
 * ignores case, punctuation and extra whitespace ({@code "Paris."} matches {@code "paris"}); the strict
 * form ignores only leading and trailing whitespace. Cases with no expected output or references are
 * left out.
 *
 * <pre>{@code
 * Metric exact = ExactMatch.normalized();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExactMatch implements Metric {
    private static final ExactMatch NORMALIZED = new ExactMatch(true);
    private static final ExactMatch STRICT = new ExactMatch(false);

    private final boolean normalize;

    private ExactMatch(boolean normalize) {
        this.normalize = normalize;
    }

    /**
     * Exact match ignoring case, punctuation and extra whitespace; named {@code exact_match}.
     *
     * @return the metric
     */
    public static ExactMatch normalized() {
        return NORMALIZED;
    }

    /**
     * Exact match ignoring only surrounding whitespace; named {@code exact_match_strict}.
     *
     * @return the metric
     */
    public static ExactMatch strict() {
        return STRICT;
    }

    @Override
    public String name() {
        return normalize ? "exact_match" : "exact_match_strict";
    }

    @Override
    public double score(Sample sample) {
        String output = form(sample.output());
        return Targets.best(sample, target -> form(target).equals(output) ? 1 : 0);
    }

    private String form(String text) {
        return normalize ? TextTokens.normalize(text) : text.strip();
    }

    @Override
    public String toString() {
        return "ExactMatch[" + name() + "]";
    }
}
