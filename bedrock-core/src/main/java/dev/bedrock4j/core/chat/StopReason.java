package dev.bedrock4j.core.chat;

import java.util.Objects;

/**
 * Why the model stopped generating. Open to values Bedrock adds later: an unknown reason is kept
 * as its raw string and {@link #isKnown()} returns {@code false}.
 *
 * <pre>{@code
 * if (response.stopReason().equals(StopReason.MAX_TOKENS)) {
 *     // the answer was cut short; ask for more or raise maxTokens
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the reason as Bedrock spells it, such as {@code "end_turn"}
 */
public record StopReason(String value) {
    /** The model finished its answer. */
    public static final StopReason END_TURN = new StopReason("end_turn");
    /** The model asks for one or more tools to be run. */
    public static final StopReason TOOL_USE = new StopReason("tool_use");
    /** The answer reached the {@code maxTokens} limit. */
    public static final StopReason MAX_TOKENS = new StopReason("max_tokens");
    /** The answer reached one of the stop sequences. */
    public static final StopReason STOP_SEQUENCE = new StopReason("stop_sequence");
    /** A guardrail intervened. */
    public static final StopReason GUARDRAIL_INTERVENED = new StopReason("guardrail_intervened");
    /** The content was filtered by the model provider. */
    public static final StopReason CONTENT_FILTERED = new StopReason("content_filtered");
    /** The model produced output Bedrock could not parse. */
    public static final StopReason MALFORMED_MODEL_OUTPUT = new StopReason("malformed_model_output");
    /** The model produced a tool call Bedrock could not parse. */
    public static final StopReason MALFORMED_TOOL_USE = new StopReason("malformed_tool_use");
    /** The conversation no longer fits the model's context window. */
    public static final StopReason MODEL_CONTEXT_WINDOW_EXCEEDED = new StopReason("model_context_window_exceeded");

    private static final StopReason[] KNOWN = {END_TURN, TOOL_USE, MAX_TOKENS, STOP_SEQUENCE, GUARDRAIL_INTERVENED,
        CONTENT_FILTERED, MALFORMED_MODEL_OUTPUT, MALFORMED_TOOL_USE, MODEL_CONTEXT_WINDOW_EXCEEDED};

    /**
     * Creates a stop reason.
     *
     * @param value the reason as Bedrock spells it
     */
    public StopReason {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Returns the stop reason for a wire value, reusing the constants for known values.
     *
     * @param value the reason as Bedrock spells it
     * @return the stop reason
     */
    public static StopReason of(String value) {
        for (StopReason known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new StopReason(value);
    }

    /**
     * Whether this reason is one this version of the library names as a constant.
     *
     * @return {@code true} for the constants of this class
     */
    public boolean isKnown() {
        for (StopReason known : KNOWN) {
            if (known.value.equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
