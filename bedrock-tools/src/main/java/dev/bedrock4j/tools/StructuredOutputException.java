package dev.bedrock4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.BedrockException;
import java.util.List;
import java.util.Optional;

/**
 * The model did not produce a valid structured answer in the attempts allowed. The problems of the last
 * attempt say what was wrong.
 *
 * <pre>{@code
 * try {
 *     Invoice invoice = StructuredOutput.of(model, Invoice.class).call(emailText);
 * } catch (StructuredOutputException e) {
 *     e.problems();     // e.g. ["/total: string found, number expected"]
 *     e.lastOutput();   // what the model sent last, if it called the tool at all
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StructuredOutputException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the last attempt. */
    private final List<String> problems;
    /** How many times the model was asked. */
    private final int attempts;
    private final transient JsonNode lastOutput;

    /**
     * Creates the exception.
     *
     * @param type the type asked for
     * @param attempts the attempts made
     * @param problems what was wrong with the last attempt
     * @param lastOutput the model's last tool input, or {@code null} if it never called the tool
     */
    public StructuredOutputException(Class<?> type, int attempts, List<String> problems, JsonNode lastOutput) {
        super("the model gave no valid " + type.getSimpleName() + " in " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.attempts = attempts;
        this.lastOutput = lastOutput == null ? null : lastOutput.deepCopy();
    }

    /**
     * What was wrong with the last attempt.
     *
     * @return the problems, one per entry
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * How many times the model was asked.
     *
     * @return the attempts
     */
    public int attempts() {
        return attempts;
    }

    /**
     * The model's last tool input.
     *
     * @return a copy of the JSON, or empty if the model never called the tool
     */
    public Optional<JsonNode> lastOutput() {
        return Optional.ofNullable(lastOutput).map(JsonNode::deepCopy);
    }
}
