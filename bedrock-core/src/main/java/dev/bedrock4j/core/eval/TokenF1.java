package dev.bedrock4j.core.eval;

import dev.bedrock4j.core.internal.eval.TextTokens;
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
        List<String> answer = TextTokens.tokens(sample.output());
        return Targets.best(sample, target -> f1(answer, TextTokens.tokens(target)));
    }

    /**
     * The token F1 of two texts, as this metric computes it.
     *
     * @param answer the answer
     * @param reference the reference
     * @return from 0 to 1; 1 when both are empty
     */
    public static double f1(String answer, String reference) {
        return f1(TextTokens.tokens(answer), TextTokens.tokens(reference));
    }

    private static double f1(List<String> answer, List<String> reference) {
        if (answer.isEmpty() || reference.isEmpty()) {
            return answer.isEmpty() && reference.isEmpty() ? 1 : 0;
        }
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
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / answer.size();
        double recall = (double) common / reference.size();
        return 2 * precision * recall / (precision + recall);
    }

    @Override
    public String toString() {
        return "TokenF1";
    }
}
