package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.TextTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harmonic mean of precision and recall of the answer's words against the expected output (the
 * best over the references), after normalising case, punctuation and whitespace. Partial answers get
 * partial credit: {@code "ACME Corp Ltd"} against {@code "ACME Corp"} scores 0.8. Cases with no expected
 * output or references are left out.
 *
 * <pre>{@code
 * Metric f1 = TokenF1.create();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TokenF1 implements Metric {
    private static final TokenF1 INSTANCE = new TokenF1();

    private TokenF1() {
    }

    /**
     * The metric, named {@code token_f1}.
     *
     * @return the metric
     */
    public static TokenF1 create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "token_f1";
    }

    @Override
    public double score(Sample sample) {
        return Targets.overlapF1(sample, TokenF1::common);
    }

    /**
     * The token F1 of two texts, as this metric computes it.
     *
     * @param answer the answer
     * @param reference the reference
     * @return from 0 to 1; 1 when both are empty
     */
    public static double f1(String answer, String reference) {
        return Targets.overlapF1(TextTokens.tokens(answer), TextTokens.tokens(reference), TokenF1::common);
    }

    // Words in common, each counted as often as it appears in both.
    private static int common(List<String> answer, List<String> reference) {
        Map<String, Integer> counts = new HashMap<>();
        for (String token : reference) {
            counts.merge(token, 1, Integer::sum);
        }
        int common = 0;
        for (String token : answer) {
            Integer left = counts.get(token);
            if (left != null && left > 0) {
                common++;
                counts.put(token, left - 1);
            }
        }
        return common;
    }

    @Override
    public String toString() {
        return "TokenF1";
    }
}
