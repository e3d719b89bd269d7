package dev.bedrock4j.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.guardrail.GuardrailTrace;
import dev.bedrock4j.core.internal.guardrail.GuardrailWire;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer: the assistant message, why generation stopped, token usage, latency, and the
 * guardrail trace when one was asked for.
 *
 * <pre>{@code
 * ChatResponse reply = model.prompt().user("Name a prime number.").call();
 * System.out.println(reply.text() + " (" + reply.usage().outputTokens() + " tokens, " + reply.latency().toMillis() + " ms)");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChatResponse {
    private final String modelId;
    private final Message message;
    private final StopReason stopReason;
    private final Usage usage;
    private final Duration latency;
    private final JsonNode guardrailTrace;
    private final JsonNode additionalModelResponseFields;

    private ChatResponse(Builder builder) {
        this.modelId = builder.modelId;
        this.message = Objects.requireNonNull(builder.message, "message");
        if (message.role() != Role.ASSISTANT) {
            throw new IllegalArgumentException("a response message must have the assistant role");
        }
        this.stopReason = Objects.requireNonNull(builder.stopReason, "stopReason");
        this.usage = Objects.requireNonNull(builder.usage, "usage");
        this.latency = Objects.requireNonNull(builder.latency, "latency");
        this.guardrailTrace = builder.guardrailTrace == null ? null : builder.guardrailTrace.deepCopy();
        this.additionalModelResponseFields = builder.additionalModelResponseFields == null
                ? null : builder.additionalModelResponseFields.deepCopy();
    }

    /**
     * A new builder; message, stop reason ({@code end_turn}), usage (zero) and latency (zero) have defaults
     * except the message.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A text answer that ended normally, for fakes and tests.
     *
     * @param text the answer
     * @return the response
     */
    public static ChatResponse ofText(String text) {
        return builder().message(Message.assistant(text)).build();
    }

    /**
     * A builder holding this response's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder().modelId(modelId).message(message).stopReason(stopReason).usage(usage)
                .latency(latency).guardrailTrace(guardrailTrace)
                .additionalModelResponseFields(additionalModelResponseFields);
    }

    /**
     * The model that answered.
     *
     * @return the model id, or empty when unknown (for example a scripted fake reply)
     */
    public Optional<String> modelId() {
        return Optional.ofNullable(modelId);
    }

    /**
     * The assistant's message, with every content block (text, reasoning, tool calls, citations).
     *
     * @return the message
     */
    public Message message() {
        return message;
    }

    /**
     * The answer's text.
     *
     * @return the text blocks joined; empty when the model only called tools
     */
    public String text() {
        return message.text();
    }

    /**
     * The model's reasoning text, for models that reason.
     *
     * @return the reasoning blocks joined, or empty
     */
    public String reasoning() {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.Reasoning r) {
                text.append(r.text());
            }
        }
        return text.toString();
    }

    /**
     * The tool calls the model asks for.
     *
     * @return the tool-use blocks; empty when none
     */
    public List<ContentBlock.ToolUse> toolUses() {
        return message.toolUses();
    }

    /**
     * Why generation stopped.
     *
     * @return the stop reason
     */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Tokens used, including prompt-cache reads and writes.
     *
     * @return the usage
     */
    public Usage usage() {
        return usage;
    }

    /**
     * How long the model took, as Bedrock measured it.
     *
     * @return the latency
     */
    public Duration latency() {
        return latency;
    }

    /**
     * The guardrail's assessment, when a guardrail with trace was applied.
     *
     * @return a copy of the trace JSON, or empty
     */
    public Optional<JsonNode> guardrailTrace() {
        return Optional.ofNullable(guardrailTrace).map(JsonNode::deepCopy);
    }

    /**
     * The guardrail's trace as typed values: what it assessed in the input and the output, and which policies
     * fired. Present when a guardrail with trace was applied ({@link Guardrail.Trace#ENABLED} or
     * {@link Guardrail.Trace#ENABLED_FULL}).
     *
     * <pre>{@code
     * response.guardrailAssessment().ifPresent(trace -> trace.fired().forEach(System.out::println));
     * }</pre>
     *
     * @return the trace, or empty
     */
    public Optional<GuardrailTrace> guardrailAssessment() {
        return Optional.ofNullable(guardrailTrace).map(GuardrailWire::trace);
    }

    /**
     * Model-specific response fields that were asked for by JSON pointer.
     *
     * @return a copy of the JSON, or empty
     */
    public Optional<JsonNode> additionalModelResponseFields() {
        return Optional.ofNullable(additionalModelResponseFields).map(JsonNode::deepCopy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChatResponse other && Objects.equals(modelId, other.modelId)
                && message.equals(other.message) && stopReason.equals(other.stopReason)
                && usage.equals(other.usage) && latency.equals(other.latency)
                && Objects.equals(guardrailTrace, other.guardrailTrace)
                && Objects.equals(additionalModelResponseFields, other.additionalModelResponseFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, message, stopReason, usage, latency);
    }

    /** Shows the shape of the response, never its text: answers stay out of logs. */
    @Override
    public String toString() {
        return "ChatResponse[model=" + modelId + ", stopReason=" + stopReason + ", blocks=" + message.content().size()
                + ", usage=" + usage + ", latency=" + latency.toMillis() + "ms]";
    }

    /**
     * Builds a {@link ChatResponse}; used by model implementations and fakes.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private String modelId;
        private Message message;
        private StopReason stopReason = StopReason.END_TURN;
        private Usage usage = Usage.ZERO;
        private Duration latency = Duration.ZERO;
        private JsonNode guardrailTrace;
        private JsonNode additionalModelResponseFields;

        private Builder() {
        }

        /**
         * Sets the model that answered.
         *
         * @param modelId the model id, or {@code null}
         * @return this
         */
        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        /**
         * Sets the assistant message.
         *
         * @param message a message with the assistant role
         * @return this
         */
        public Builder message(Message message) {
            this.message = message;
            return this;
        }

        /**
         * Sets the assistant message to plain text.
         *
         * @param text the answer
         * @return this
         */
        public Builder text(String text) {
            return message(Message.assistant(text));
        }

        /**
         * Sets the stop reason.
         *
         * @param stopReason the stop reason
         * @return this
         */
        public Builder stopReason(StopReason stopReason) {
            this.stopReason = stopReason;
            return this;
        }

        /**
         * Sets the token usage.
         *
         * @param usage the usage
         * @return this
         */
        public Builder usage(Usage usage) {
            this.usage = usage;
            return this;
        }

        /**
         * Sets the latency.
         *
         * @param latency the latency
         * @return this
         */
        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        /**
         * Sets the guardrail trace.
         *
         * @param guardrailTrace the trace JSON, or {@code null}
         * @return this
         */
        public Builder guardrailTrace(JsonNode guardrailTrace) {
            this.guardrailTrace = guardrailTrace;
            return this;
        }

        /**
         * Sets the model-specific response fields.
         *
         * @param fields the JSON, or {@code null}
         * @return this
         */
        public Builder additionalModelResponseFields(JsonNode fields) {
            this.additionalModelResponseFields = fields;
            return this;
        }

        /**
         * Builds the response.
         *
         * @return the response
         * @throws NullPointerException if no message was set
         */
        public ChatResponse build() {
            return new ChatResponse(this);
        }
    }
}
