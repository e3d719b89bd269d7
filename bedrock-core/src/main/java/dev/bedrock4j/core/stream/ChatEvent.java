package dev.bedrock4j.core.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.guardrail.GuardrailTrace;
import dev.bedrock4j.core.internal.guardrail.GuardrailWire;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a streamed answer, in the order the model produces them: {@link MessageStart}; for each
 * content block its deltas and a {@link ContentBlockStop}; {@link MessageStop}; {@link Metadata}.
 * Blocks are numbered by {@code index}; a tool call opens with {@link ToolUseStart}.
 *
 * <pre>{@code
 * model.prompt().user("Tell me a story").stream().subscribe(new Flow.Subscriber<ChatEvent>() {
 *     ...
 *     public void onNext(ChatEvent event) {
 *         if (event instanceof ChatEvent.TextDelta delta) {
 *             System.out.print(delta.text());
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface ChatEvent {

    /**
     * The answer starts.
     *
     * @param role the author, the assistant
     */
    record MessageStart(Role role) implements ChatEvent {
        /**
         * Validates the role.
         *
         * @param role the author
         */
        public MessageStart {
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * A piece of text of block {@code index}.
     *
     * @param index the content block index
     * @param text the new text
     */
    record TextDelta(int index, String text) implements ChatEvent {
        /**
         * Validates the text.
         *
         * @param index the block index
         * @param text the new text
         */
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Block {@code index} is a tool call.
     *
     * @param index the content block index
     * @param toolUseId the id the tool result must carry
     * @param name the tool's name
     */
    record ToolUseStart(int index, String toolUseId, String name) implements ChatEvent {
        /**
         * Validates the components.
         *
         * @param index the block index
         * @param toolUseId the tool-use id
         * @param name the tool name
         */
        public ToolUseStart {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A fragment of a tool call's JSON input; the fragments of one block, joined, are the input.
     *
     * @param index the content block index
     * @param json the fragment, usually not valid JSON on its own
     */
    record ToolUseInputDelta(int index, String json) implements ChatEvent {
        /**
         * Validates the fragment.
         *
         * @param index the block index
         * @param json the fragment
         */
        public ToolUseInputDelta {
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * A piece of the model's reasoning text.
     *
     * @param index the content block index
     * @param text the new text
     */
    record ReasoningDelta(int index, String text) implements ChatEvent {
        /**
         * Validates the text.
         *
         * @param index the block index
         * @param text the new text
         */
        public ReasoningDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The signature over a reasoning block, sent once the reasoning is complete.
     *
     * @param index the content block index
     * @param signature the signature
     */
    record ReasoningSignature(int index, String signature) implements ChatEvent {
        /**
         * Validates the signature.
         *
         * @param index the block index
         * @param signature the signature
         */
        public ReasoningSignature {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /**
     * Encrypted reasoning, to be sent back unchanged.
     *
     * @param index the content block index
     * @param data the encrypted bytes
     */
    record RedactedReasoningDelta(int index, byte[] data) implements ChatEvent {
        /**
         * Copies the bytes.
         *
         * @param index the block index
         * @param data the bytes
         */
        public RedactedReasoningDelta {
            data = Objects.requireNonNull(data, "data").clone();
        }

        /**
         * A copy of the bytes.
         *
         * @return the bytes
         */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RedactedReasoningDelta other && index == other.index && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * index + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "RedactedReasoningDelta[index=" + index + ", " + data.length + " bytes]";
        }
    }

    /**
     * A citation supporting the text of block {@code index}.
     *
     * @param index the content block index
     * @param citation the cited passage
     */
    record CitationDelta(int index, Citation citation) implements ChatEvent {
        /**
         * Validates the citation.
         *
         * @param index the block index
         * @param citation the citation
         */
        public CitationDelta {
            Objects.requireNonNull(citation, "citation");
        }
    }

    /**
     * Block {@code index} is complete.
     *
     * @param index the content block index
     */
    record ContentBlockStop(int index) implements ChatEvent {
    }

    /**
     * The answer is complete.
     *
     * @param stopReason why generation stopped
     * @param additionalModelResponseFields model-specific response fields; {@link NullNode} when none
     */
    record MessageStop(StopReason stopReason, JsonNode additionalModelResponseFields) implements ChatEvent {
        /**
         * Validates the components.
         *
         * @param stopReason why generation stopped
         * @param additionalModelResponseFields extra fields, or {@code null}
         */
        public MessageStop {
            Objects.requireNonNull(stopReason, "stopReason");
            additionalModelResponseFields = additionalModelResponseFields == null
                    ? NullNode.getInstance() : additionalModelResponseFields.deepCopy();
        }

        /**
         * A copy of the extra fields.
         *
         * @return the fields, or {@link NullNode}
         */
        @Override
        public JsonNode additionalModelResponseFields() {
            return additionalModelResponseFields.deepCopy();
        }
    }

    /**
     * Usage and timing, the last event of a stream.
     *
     * @param usage tokens used
     * @param latency the model's latency as Bedrock measured it
     * @param guardrailTrace the guardrail's assessment; {@link NullNode} when none
     */
    record Metadata(Usage usage, Duration latency, JsonNode guardrailTrace) implements ChatEvent {
        /**
         * Validates the components.
         *
         * @param usage tokens used
         * @param latency the latency
         * @param guardrailTrace the trace, or {@code null}
         */
        public Metadata {
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(latency, "latency");
            guardrailTrace = guardrailTrace == null ? NullNode.getInstance() : guardrailTrace.deepCopy();
        }

        /**
         * A copy of the guardrail trace.
         *
         * @return the trace, or {@link NullNode}
         */
        @Override
        public JsonNode guardrailTrace() {
            return guardrailTrace.deepCopy();
        }

        /**
         * The guardrail trace as typed values.
         *
         * @return the trace, or empty when the stream had no guardrail with trace
         */
        public Optional<GuardrailTrace> guardrailAssessment() {
            return guardrailTrace.isNull() || guardrailTrace.isMissingNode() ? Optional.empty()
                    : Optional.of(GuardrailWire.trace(guardrailTrace));
        }
    }
}
