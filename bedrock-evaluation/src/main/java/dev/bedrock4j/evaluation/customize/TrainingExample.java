package dev.bedrock4j.evaluation.customize;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.evaluation.EvalCase;
import dev.bedrock4j.evaluation.PromptVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One labelled example for fine-tuning: an optional system prompt, the prompt, and the completion the
 * model should learn to give.
 *
 * <pre>{@code
 * TrainingExample example = TrainingExample.of("Extract vendor and total as JSON.",
 *         "Invoice 4411 from ACME Corp, total 120.50 EUR.", "{\"vendor\":\"ACME Corp\",\"total\":120.50}");
 * TrainingExample fromSuite = TrainingExample.fromCase(suite.cases().get(0), jsonOnly);   // same prompt as evaluated
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param system the system prompt; empty for none
 * @param prompt the user's prompt
 * @param completion the answer to learn
 */
public record TrainingExample(String system, String prompt, String completion) {

    /**
     * Validates the components.
     *
     * @param system the system prompt; empty for none
     * @param prompt the user's prompt
     * @param completion the answer to learn
     * @throws IllegalArgumentException if the prompt or the completion is blank
     */
    public TrainingExample {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("a training example needs a non-blank prompt");
        }
        if (completion.isBlank()) {
            throw new IllegalArgumentException("a training example needs a non-blank completion: it is what the model learns");
        }
    }

    /**
     * An example without a system prompt.
     *
     * @param prompt the user's prompt
     * @param completion the answer to learn
     * @return the example
     */
    public static TrainingExample of(String prompt, String completion) {
        return new TrainingExample("", prompt, completion);
    }

    /**
     * An example with a system prompt.
     *
     * @param system the system prompt
     * @param prompt the user's prompt
     * @param completion the answer to learn
     * @return the example
     */
    public static TrainingExample of(String system, String prompt, String completion) {
        return new TrainingExample(system, prompt, completion);
    }

    /**
     * An example from a single-turn request and its answer: the request's system texts joined by blank
     * lines, and its one user turn's text.
     *
     * @param request a request with exactly one turn, from the user, of text
     * @param completion the answer to learn
     * @return the example
     * @throws IllegalArgumentException if the request has more than one turn
     */
    public static TrainingExample of(ChatRequest request, String completion) {
        List<Message> messages = request.messages();
        if (messages.size() != 1 || messages.get(0).role() != Role.USER) {
            throw new IllegalArgumentException("a training example is one user turn and its answer; the request has "
                    + messages.size() + " turns");
        }
        List<String> system = new ArrayList<>();
        for (ContentBlock block : request.system()) {
            if (block instanceof ContentBlock.Text text) {
                system.add(text.text());
            }
        }
        return new TrainingExample(String.join("\n\n", system), messages.get(0).text(), completion);
    }

    /**
     * An example from a case of an evaluation suite and its expected output, prompted as the case itself is.
     *
     * @param evalCase a case with an expected output
     * @return the example
     * @throws IllegalArgumentException if the case has no expected output, or more than one turn
     */
    public static TrainingExample fromCase(EvalCase evalCase) {
        return fromCase(evalCase, PromptVariant.asIs());
    }

    /**
     * An example from a case of an evaluation suite and its expected output, prompted as a prompt variant
     * prompts it, so that the model is trained on the prompt it will be evaluated and used with.
     *
     * @param evalCase a case with an expected output
     * @param variant the prompt variant
     * @return the example
     * @throws IllegalArgumentException if the case has no expected output, or its request more than one turn
     */
    public static TrainingExample fromCase(EvalCase evalCase, PromptVariant variant) {
        String expected = evalCase.expected().orElseThrow(() -> new IllegalArgumentException("case '" + evalCase.id()
                + "' has no expected output to train on"));
        return of(variant.requestFor(evalCase), expected);
    }
}
