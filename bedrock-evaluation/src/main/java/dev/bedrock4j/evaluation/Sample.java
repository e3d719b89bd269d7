package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a {@link Metric} scores: one case, the answer a model gave with one prompt variant, and the means
 * to ask models more: {@link #rerun(EvalCase)} asks the same model with the same variant again (for
 * robustness), {@link #ask(ChatModel, ChatRequest)} asks another model (for a judge). Both call the models as
 * given and are counted in the evaluation's cost.
 *
 * <pre>{@code
 * Sample sample = Sample.of(EvalCase.of("q1", "Capital of France?", "Paris"), "paris");
 * double score = ExactMatch.normalized().score(sample);   // 1.0
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Sample {
    private final EvalCase evalCase;
    private final String output;
    private final String model;
    private final String variant;
    private final Function<EvalCase, ChatResponse> rerun;
    private final BiFunction<ChatModel, ChatRequest, ChatResponse> ask;

    Sample(EvalCase evalCase, String output, String model, String variant, Function<EvalCase, ChatResponse> rerun,
           BiFunction<ChatModel, ChatRequest, ChatResponse> ask) {
        this.evalCase = Objects.requireNonNull(evalCase, "evalCase");
        this.output = Objects.requireNonNull(output, "output");
        this.model = Objects.requireNonNull(model, "model");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.rerun = rerun;
        this.ask = ask;
    }

    /**
     * A sample outside an evaluation, for trying metrics: {@link #ask(ChatModel, ChatRequest)} calls the
     * model directly and {@link #rerun(EvalCase)} is not available.
     *
     * @param evalCase the case
     * @param output the answer to score
     * @return the sample
     */
    public static Sample of(EvalCase evalCase, String output) {
        return new Sample(evalCase, output, "", "", null, ChatModel::call);
    }

    /**
     * The case.
     *
     * @return the case
     */
    public EvalCase evalCase() {
        return evalCase;
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
     * The label of the model that answered.
     *
     * @return the label; empty outside an evaluation
     */
    public String model() {
        return model;
    }

    /**
     * The name of the prompt variant used.
     *
     * @return the name; empty outside an evaluation
     */
    public String variant() {
        return variant;
    }

    /**
     * The case's expected output.
     *
     * @return the expected output, or empty
     */
    public Optional<String> expected() {
        return evalCase.expected();
    }

    /**
     * The texts the answer is compared with: the expected output, then the references.
     *
     * @return the texts; empty when the case has none
     */
    public List<String> targets() {
        return evalCase.targets();
    }

    /**
     * Asks the same model, with the same prompt variant, about a changed case.
     *
     * @param changed the changed case, such as a perturbed copy
     * @return the answer
     * @throws IllegalStateException outside an evaluation, where there is no model to ask
     * @throws dev.bedrock4j.core.BedrockException if the call fails
     */
    public ChatResponse rerun(EvalCase changed) {
        if (rerun == null) {
            throw new IllegalStateException("this sample has no model to ask again; metrics that rerun the model,"
                    + " such as robustness, must run inside an Evaluation");
        }
        return rerun.apply(Objects.requireNonNull(changed, "changed"));
    }

    /**
     * Asks another model, such as a judge.
     *
     * @param other the model to ask
     * @param request the request
     * @return the answer
     * @throws dev.bedrock4j.core.BedrockException if the call fails
     */
    public ChatResponse ask(ChatModel other, ChatRequest request) {
        return ask.apply(Objects.requireNonNull(other, "other"), Objects.requireNonNull(request, "request"));
    }

    /**
     * This sample with another case and answer, keeping the model, the variant and the means to ask.
     *
     * @param changed the case
     * @param changedOutput the answer
     * @return the new sample
     */
    public Sample with(EvalCase changed, String changedOutput) {
        return new Sample(changed, changedOutput, model, variant, rerun, ask);
    }

    @Override
    public String toString() {
        return "Sample[" + evalCase.id() + ", model=" + model + ", variant=" + variant + "]";
    }
}
