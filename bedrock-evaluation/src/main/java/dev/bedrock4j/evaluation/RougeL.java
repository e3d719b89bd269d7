package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.TextTokens;
import java.util.List;

/**
 * ROUGE-L for summaries: the longest common subsequence of words between the answer and a reference
 * summary, as the F1 of its precision (LCS / answer length) and recall (LCS / reference length). Word
 * order matters, unlike {@link TokenF1}, but words need not be adjacent. The best over the expected
 * output and references counts; cases with neither are left out.
 *
 * <pre>{@code
 * Metric rouge = RougeL.create();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RougeL implements Metric {
    private static final RougeL INSTANCE = new RougeL();

    private RougeL() {
    }

    /**
     * The metric, named {@code rouge_l}.
     *
     * @return the metric
     */
    public static RougeL create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "rouge_l";
    }

    @Override
    public double score(Sample sample) {
        return Targets.overlapF1(sample, RougeL::lcs);
    }

    /**
     * The ROUGE-L F1 of an answer against a reference, as this metric computes it.
     *
     * @param answer the answer
     * @param reference the reference summary
     * @return from 0 to 1; 1 when both are empty
     */
    public static double f1(String answer, String reference) {
        return Targets.overlapF1(TextTokens.tokens(answer), TextTokens.tokens(reference), RougeL::lcs);
    }

    // Two rows of the classic table: O(n*m) time, O(m) memory.
    private static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    @Override
    public String toString() {
        return "RougeL";
    }
}
