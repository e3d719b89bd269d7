package dev.bedrock4j.core.guardrail;

import java.util.List;
import java.util.Objects;

/**
 * A guardrail's verdict on content checked on its own ({@code ApplyGuardrail}): whether it intervened, the text to
 * use instead (the blocked message, or the content with sensitive information masked), what each policy found, and
 * the usage.
 *
 * <pre>{@code
 * GuardrailResult result = checker.checkOutput("Write to jane@example.com");
 * if (result.intervened()) {
 *     System.out.println(result.outputText());        // "Write to {EMAIL}"
 *     result.fired().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param action whether the guardrail intervened
 * @param actionReason Bedrock's reason, such as {@code "Guardrail blocked."}, or empty
 * @param outputs the texts to use instead of the content when the guardrail intervened; empty otherwise
 * @param assessments what the policies found, one assessment per call
 * @param usage the units processed
 */
public record GuardrailResult(Action action, String actionReason, List<String> outputs, List<GuardrailAssessment> assessments,
                              GuardrailUsage usage) {

    /** What a guardrail did to the content. */
    public enum Action {
        /** The content passes unchanged. */
        NONE,
        /** The guardrail blocked or masked the content: use {@link #outputs()} instead. */
        INTERVENED
    }

    /**
     * Validates and copies the components.
     *
     * @param action the action
     * @param actionReason the reason, or empty
     * @param outputs the outputs
     * @param assessments the assessments
     * @param usage the usage
     */
    public GuardrailResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actionReason, "actionReason");
        outputs = List.copyOf(outputs);
        assessments = List.copyOf(assessments);
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * Whether the guardrail blocked or masked the content.
     *
     * @return {@code true} when the action is {@link Action#INTERVENED}
     */
    public boolean intervened() {
        return action == Action.INTERVENED;
    }

    /**
     * Whether a policy blocked the content (not only masked it).
     *
     * @return {@code true} when a finding's action is {@code BLOCKED}
     */
    public boolean blocked() {
        return fired().stream().anyMatch(f -> f.action().equals("BLOCKED"));
    }

    /**
     * The outputs joined by blank lines: the blocked message or the masked content when the guardrail intervened.
     *
     * @return the text to use instead of the content, or empty when the guardrail did not intervene
     */
    public String outputText() {
        return String.join("\n\n", outputs);
    }

    /**
     * The checks that blocked or masked content, across the assessments.
     *
     * @return the findings whose action is not {@code NONE}
     */
    public List<GuardrailAssessment.Finding> fired() {
        return assessments.stream().flatMap(a -> a.fired().stream()).toList();
    }

    /**
     * The grounding score of the contextual grounding check.
     *
     * @return the score, or {@code NaN} when the check did not run or was not reported
     */
    public double groundingScore() {
        return assessments.stream().mapToDouble(GuardrailAssessment::groundingScore).filter(s -> !Double.isNaN(s))
                .findFirst().orElse(Double.NaN);
    }

    /**
     * The relevance score of the contextual grounding check.
     *
     * @return the score, or {@code NaN} when the check did not run or was not reported
     */
    public double relevanceScore() {
        return assessments.stream().mapToDouble(GuardrailAssessment::relevanceScore).filter(s -> !Double.isNaN(s))
                .findFirst().orElse(Double.NaN);
    }
}
