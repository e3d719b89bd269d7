package dev.bedrock4j.core.eval;

import java.util.function.ToDoubleFunction;

/** The best score of an answer over its case's targets, as text metrics take it. */
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
}
