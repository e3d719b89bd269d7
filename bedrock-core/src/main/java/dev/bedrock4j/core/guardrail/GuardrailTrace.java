package dev.bedrock4j.core.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The guardrail trace of a chat response or stream, asked for with
 * {@code Guardrail.of(id, version).withTrace(Guardrail.Trace.ENABLED)}: what the guardrail assessed in the input
 * and in the model's output.
 *
 * <pre>{@code
 * ChatResponse response = model.prompt().user(question)
 *         .guardrail(Guardrail.of("gr7abc123xyz", "1").withTrace(Guardrail.Trace.ENABLED)).call();
 * response.guardrailAssessment().ifPresent(trace -> trace.fired().forEach(System.out::println));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param inputAssessments the assessment of the input, by guardrail id
 * @param outputAssessments the assessments of the output, by guardrail id
 * @param modelOutputs what the model wrote before the guardrail intervened on it, when Bedrock reports it
 * @param actionReason Bedrock's reason for the action, or empty
 */
public record GuardrailTrace(Map<String, GuardrailAssessment> inputAssessments,
                             Map<String, List<GuardrailAssessment>> outputAssessments, List<String> modelOutputs,
                             String actionReason) {
    /**
     * Validates and copies the components.
     *
     * @param inputAssessments the input assessments
     * @param outputAssessments the output assessments
     * @param modelOutputs the model outputs
     * @param actionReason the reason, or empty
     */
    public GuardrailTrace {
        inputAssessments = Map.copyOf(new LinkedHashMap<>(inputAssessments));
        Map<String, List<GuardrailAssessment>> copied = new LinkedHashMap<>();
        outputAssessments.forEach((id, list) -> copied.put(id, List.copyOf(list)));
        outputAssessments = Map.copyOf(copied);
        modelOutputs = List.copyOf(modelOutputs);
        Objects.requireNonNull(actionReason, "actionReason");
    }

    /**
     * The checks that blocked or masked the input.
     *
     * @return the input findings whose action is not {@code NONE}
     */
    public List<GuardrailAssessment.Finding> inputFired() {
        return inputAssessments.values().stream().flatMap(a -> a.fired().stream()).toList();
    }

    /**
     * The checks that blocked or masked the output.
     *
     * @return the output findings whose action is not {@code NONE}
     */
    public List<GuardrailAssessment.Finding> outputFired() {
        return outputAssessments.values().stream().flatMap(List::stream).flatMap(a -> a.fired().stream()).toList();
    }

    /**
     * The checks that blocked or masked the input or the output.
     *
     * @return the input findings, then the output findings
     */
    public List<GuardrailAssessment.Finding> fired() {
        List<GuardrailAssessment.Finding> all = new ArrayList<>(inputFired());
        all.addAll(outputFired());
        return List.copyOf(all);
    }
}
