package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.ChatResponse;
import java.util.List;
import java.util.Objects;

/**
 * Robustness: another metric's score when the input is slightly perturbed (typos, casing, whitespace).
 * Each case is perturbed a few times, deterministically from a seed, the case id and the copy number;
 * each perturbed copy is sent to the same model with the same prompt variant, and the inner metric
 * scores the new answer. The score is the mean over the copies, so comparing it with the inner
 * metric's own score shows how much the model's quality drops under noise.
 *
 * <pre>{@code
 * Metric robust = Robustness.of(FieldAccuracy.all());    // robustness(field_accuracy): 3 copies, seed 42
 * Metric typosOnly = Robustness.of(ExactMatch.normalized(), 5, 7L, Perturbation.TYPOS);
 * }</pre>
 *
 * <p>Each copy is one more model call per case, counted in the evaluation's usage and cost. A copy whose
 * call fails (after the model's own retries, if it has any) makes the metric an error for that case.
 *
 * <p>Instances are immutable and thread-safe if the inner metric is.
 */
public final class Robustness implements Metric {
    private final Metric inner;
    private final int copies;
    private final long seed;
    private final List<Perturbation> perturbations;

    private Robustness(Metric inner, int copies, long seed, List<Perturbation> perturbations) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, was " + copies);
        }
        if (perturbations.isEmpty()) {
            throw new IllegalArgumentException("name at least one perturbation");
        }
        this.copies = copies;
        this.seed = seed;
        this.perturbations = List.copyOf(perturbations);
    }

    /**
     * Robustness with three copies, one per kind of perturbation, seed 42.
     *
     * @param inner the metric to score perturbed answers with
     * @return the metric, named {@code robustness(<inner>)}
     */
    public static Robustness of(Metric inner) {
        return new Robustness(inner, 3, 42, List.of(Perturbation.values()));
    }

    /**
     * Robustness with chosen copies, seed and perturbations; copy {@code i} uses perturbation
     * {@code i mod n}.
     *
     * @param inner the metric to score perturbed answers with
     * @param copies perturbed copies per case, at least 1
     * @param seed the seed
     * @param perturbations the kinds of perturbation, at least one
     * @return the metric, named {@code robustness(<inner>)}
     */
    public static Robustness of(Metric inner, int copies, long seed, Perturbation... perturbations) {
        return new Robustness(inner, copies, seed, List.of(perturbations));
    }

    @Override
    public String name() {
        return "robustness(" + inner.name() + ")";
    }

    @Override
    public double score(Sample sample) {
        double sum = 0;
        int scored = 0;
        for (int i = 0; i < copies; i++) {
            EvalCase perturbed = perturb(sample.evalCase(), i);
            ChatResponse answer = sample.rerun(perturbed);
            double score = inner.score(sample.with(perturbed, answer.text()));
            if (!Double.isNaN(score)) {
                sum += score;
                scored++;
            }
        }
        return scored == 0 ? Double.NaN : sum / scored;
    }

    /**
     * The perturbed copy number {@code copy} of a case, as this metric sends it.
     *
     * @param evalCase the case
     * @param copy the copy number, from 0
     * @return the perturbed case
     */
    public EvalCase perturb(EvalCase evalCase, int copy) {
        Perturbation kind = perturbations.get(copy % perturbations.size());
        long copySeed = seed * 1_000_003L + evalCase.id().hashCode() * 31L + copy;
        return evalCase.mapInput(text -> kind.apply(text, copySeed));
    }

    @Override
    public String toString() {
        return "Robustness[" + inner.name() + ", copies=" + copies + ", seed=" + seed + ", " + perturbations + "]";
    }
}
