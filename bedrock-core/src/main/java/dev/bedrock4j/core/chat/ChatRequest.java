package dev.bedrock4j.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.internal.RequestValidator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A model-agnostic chat request: system prompts, turns, inference settings, guardrail and tools. The
 * model is not part of the request; it is the {@link ChatModel} the request is sent to, so the same
 * request can go to any model.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *         .system("Answer in one sentence.")
 *         .user("Why is the sky blue?")
 *         .maxTokens(200)
 *         .build();
 * ChatResponse reply = model.call(request);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChatRequest {
    private final List<ContentBlock> system;
    private final List<Message> messages;
    private final Double temperature;
    private final Double topP;
    private final Integer maxTokens;
    private final List<String> stopSequences;
    private final JsonNode additionalModelRequestFields;
    private final List<String> additionalModelResponseFieldPaths;
    private final Guardrail guardrail;
    private final List<ToolDefinition> tools;
    private final ToolChoice toolChoice;
    private final boolean cacheTools;
    private final Map<String, String> requestMetadata;

    ChatRequest(ChatRequestSpec<?> spec) {
        this.system = List.copyOf(spec.system);
        this.messages = List.copyOf(spec.messages);
        this.temperature = spec.temperature;
        this.topP = spec.topP;
        this.maxTokens = spec.maxTokens;
        this.stopSequences = List.copyOf(spec.stopSequences);
        this.additionalModelRequestFields = spec.additionalModelRequestFields == null
                ? null : spec.additionalModelRequestFields.deepCopy();
        this.additionalModelResponseFieldPaths = List.copyOf(spec.additionalModelResponseFieldPaths);
        this.guardrail = spec.guardrail;
        this.tools = List.copyOf(spec.tools);
        this.toolChoice = spec.toolChoice;
        this.cacheTools = spec.cacheTools;
        this.requestMetadata = Map.copyOf(spec.requestMetadata);
    }

    /**
     * A new, empty builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A request with one user turn of text.
     *
     * @param userText the user's text
     * @return the request
     */
    public static ChatRequest of(String userText) {
        return builder().user(userText).build();
    }

    /**
     * A builder holding this request's settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder().from(this);
    }

    /**
     * Runs the pre-flight checks for a model: turn order, ranges, formats, cache points, tool names,
     * and features the catalog knows the model lacks.
     *
     * @param model what the catalog knows about the target model
     * @throws dev.bedrock4j.core.InvalidRequestException naming the field and the fix, on the first problem found
     */
    public void validateFor(ModelInfo model) {
        RequestValidator.validate(this, model);
    }

    /**
     * The system blocks.
     *
     * @return text, cache point and guard content blocks, in order
     */
    public List<ContentBlock> system() {
        return system;
    }

    /**
     * The turns.
     *
     * @return the messages, in order
     */
    public List<Message> messages() {
        return messages;
    }

    /**
     * The sampling temperature.
     *
     * @return the temperature, or empty for the model's default
     */
    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /**
     * The nucleus-sampling probability.
     *
     * @return top-p, or empty for the model's default
     */
    public OptionalDouble topP() {
        return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
    }

    /**
     * The longest answer, in tokens.
     *
     * @return max tokens, or empty for the model's default
     */
    public OptionalInt maxTokens() {
        return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
    }

    Double temperatureOrNull() {
        return temperature;
    }

    Double topPOrNull() {
        return topP;
    }

    Integer maxTokensOrNull() {
        return maxTokens;
    }

    /**
     * The stop sequences.
     *
     * @return the sequences; empty when none
     */
    public List<String> stopSequences() {
        return stopSequences;
    }

    /**
     * Model-specific request fields.
     *
     * @return a copy of the JSON object, or empty
     */
    public Optional<JsonNode> additionalModelRequestFields() {
        return Optional.ofNullable(additionalModelRequestFields).map(JsonNode::deepCopy);
    }

    /**
     * JSON pointers of model-specific response fields to return.
     *
     * @return the pointers; empty when none
     */
    public List<String> additionalModelResponseFieldPaths() {
        return additionalModelResponseFieldPaths;
    }

    /**
     * The guardrail to apply.
     *
     * @return the guardrail, or empty
     */
    public Optional<Guardrail> guardrail() {
        return Optional.ofNullable(guardrail);
    }

    /**
     * The tools offered to the model.
     *
     * @return the definitions; empty when none
     */
    public List<ToolDefinition> tools() {
        return tools;
    }

    /**
     * How the model must use the tools.
     *
     * @return the choice, or empty for the model's default (auto)
     */
    public Optional<ToolChoice> toolChoice() {
        return Optional.ofNullable(toolChoice);
    }

    /**
     * Whether a cache point follows the tool definitions.
     *
     * @return {@code true} if the tools are cached
     */
    public boolean cacheTools() {
        return cacheTools;
    }

    /**
     * Request metadata for invocation logs.
     *
     * @return the metadata; empty when none
     */
    public Map<String, String> requestMetadata() {
        return requestMetadata;
    }

    /**
     * The text of the last user turn, for logs and assertions.
     *
     * @return the text, or empty when there is no user turn
     */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChatRequest other
                && system.equals(other.system) && messages.equals(other.messages)
                && Objects.equals(temperature, other.temperature) && Objects.equals(topP, other.topP)
                && Objects.equals(maxTokens, other.maxTokens) && stopSequences.equals(other.stopSequences)
                && Objects.equals(additionalModelRequestFields, other.additionalModelRequestFields)
                && additionalModelResponseFieldPaths.equals(other.additionalModelResponseFieldPaths)
                && Objects.equals(guardrail, other.guardrail) && tools.equals(other.tools)
                && Objects.equals(toolChoice, other.toolChoice) && cacheTools == other.cacheTools
                && requestMetadata.equals(other.requestMetadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, messages, temperature, topP, maxTokens, stopSequences, tools, guardrail);
    }

    /** Shows the shape of the request, never its text: prompts stay out of logs. */
    @Override
    public String toString() {
        return "ChatRequest[system=" + system.size() + " blocks, messages=" + messages.size()
                + ", tools=" + tools.size() + ", maxTokens=" + maxTokens + ", temperature=" + temperature + "]";
    }

    /**
     * Builds a {@link ChatRequest}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder extends ChatRequestSpec<Builder> {
        Builder() {
        }

        /**
         * Builds the immutable request.
         *
         * @return the request
         */
        public ChatRequest build() {
            return toRequest();
        }
    }
}
