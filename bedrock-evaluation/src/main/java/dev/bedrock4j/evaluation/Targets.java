package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.TextTokens;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntBiFunction;

/** How text metrics compare an answer with its case's targets. Thread-safe: static and stateless. */
final class Targets {
    private Targets() {
    }

    /** The highest score over the expected output and references; NaN when the case has none. */
    static double best(Sample sample, ToDoubleFunction<String> scoreAgainst) {
        double best = Double.NaN;
        for (String target : sample.targets()) {
            double score = scoreAgainst.applyAsDouble(target);
            best = Double.isNaN(best) ? score : Math.max(best, score);
        }
        return best;
    }

    /**
     * The F1 of word overlap between an answer and its best target, after normalising both: precision is
     * overlap / answer length, recall overlap / target length. NaN when the case has no target.
     */
    static double overlapF1(Sample sample, ToIntBiFunction<List<String>, List<String>> overlap) {
        List<String> answer = TextTokens.tokens(sample.output());
        return best(sample, target -> overlapF1(answer, TextTokens.tokens(target), overlap));
    }

    /** The overlap F1 of two word lists; 1 when both are empty, 0 when one is. */
    static double overlapF1(List<String> answer, List<String> reference, ToIntBiFunction<List<String>, List<String>> overlap) {
        if (answer.isEmpty() || reference.isEmpty()) {
            return answer.isEmpty() && reference.isEmpty() ? 1 : 0;
        }
        int common = overlap.applyAsInt(answer, reference);
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / answer.size();
        double recall = (double) common / reference.size();
        return 2 * precision * recall / (precision + recall);
    }
}
