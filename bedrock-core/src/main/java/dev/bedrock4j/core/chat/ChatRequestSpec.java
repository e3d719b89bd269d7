package dev.bedrock4j.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a chat request, shared by {@link ChatRequest.Builder} and the fluent {@link Prompt}
 * so both read the same way. Each method returns {@code this} for chaining.
 *
 * <p>Blank user and system text fail at once, where they are passed. Everything else is checked when
 * the request is sent: then the pre-flight checks of
 * {@link ChatRequest#validateFor(dev.bedrock4j.core.catalog.ModelInfo)} run before any network call.
 *
 * <p>Not thread-safe; confine each instance to one thread.
 *
 * @param <B> the concrete builder type
 */
public abstract class ChatRequestSpec<B extends ChatRequestSpec<B>> {
    final List<ContentBlock> system = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    Double temperature;
    Double topP;
    Integer maxTokens;
    final List<String> stopSequences = new ArrayList<>();
    JsonNode additionalModelRequestFields;
    final List<String> additionalModelResponseFieldPaths = new ArrayList<>();
    Guardrail guardrail;
    final List<ToolDefinition> tools = new ArrayList<>();
    ToolChoice toolChoice;
    boolean cacheTools;
    final Map<String, String> requestMetadata = new LinkedHashMap<>();

    ChatRequestSpec() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Adds a system prompt. Several calls add several system blocks, in order.
     *
     * @param text instructions for the model
     * @return this
     * @throws dev.bedrock4j.core.InvalidRequestException if the text is empty or blank, which Bedrock rejects
     */
    public B system(String text) {
        system.add(new ContentBlock.Text(Message.requireText(text, "system[" + system.size() + "].text", "the system prompt",
                "pass the instructions or leave the system prompt out")));
        return self();
    }

    /**
     * Adds system blocks: {@link ContentBlock.Text}, {@link ContentBlock.CachePoint} or
     * {@link ContentBlock.GuardContent}.
     *
     * @param blocks the blocks
     * @return this
     */
    public B system(ContentBlock... blocks) {
        system.addAll(List.of(blocks));
        return self();
    }

    /**
     * Adds a user turn of plain text.
     *
     * @param text the text
     * @return this
     * @throws dev.bedrock4j.core.InvalidRequestException if the text is empty or blank, which Bedrock rejects
     */
    public B user(String text) {
        Message.requireText(text, "messages[" + messages.size() + "].content[0].text", "the user text", Message.USER_FIX);
        return message(Message.user(text));
    }

    /**
     * Adds a user turn of several blocks, such as text with an image.
     *
     * @param content the blocks
     * @return this
     */
    public B user(ContentBlock... content) {
        return message(Message.user(content));
    }

    /**
     * Adds an assistant turn of plain text, for few-shot examples or prefilled answers.
     *
     * @param text the text
     * @return this
     */
    public B assistant(String text) {
        return message(Message.assistant(text));
    }

    /**
     * Adds a turn.
     *
     * @param message the turn
     * @return this
     */
    public B message(Message message) {
        messages.add(Objects.requireNonNull(message, "message"));
        return self();
    }

    /**
     * Replaces all turns.
     *
     * @param messages the turns, in order
     * @return this
     */
    public B messages(List<Message> messages) {
        this.messages.clear();
        this.messages.addAll(List.copyOf(messages));
        return self();
    }

    /**
     * Marks the prompt so far as cacheable: adds a cache point after the last turn, or after the
     * system prompt when there are no turns yet. Bedrock accepts at most four per request.
     *
     * @return this
     */
    public B cachePoint() {
        if (messages.isEmpty()) {
            system.add(ContentBlock.CachePoint.DEFAULT);
        } else {
            Message last = messages.remove(messages.size() - 1);
            List<ContentBlock> content = new ArrayList<>(last.content());
            content.add(ContentBlock.CachePoint.DEFAULT);
            messages.add(new Message(last.role(), content));
        }
        return self();
    }

    /**
     * Sets the sampling temperature; lower is more deterministic.
     *
     * @param temperature from 0.0 to 1.0
     * @return this
     */
    public B temperature(double temperature) {
        this.temperature = temperature;
        return self();
    }

    /**
     * Sets nucleus sampling: only tokens within this cumulative probability are considered.
     *
     * @param topP from 0.0 to 1.0
     * @return this
     */
    public B topP(double topP) {
        this.topP = topP;
        return self();
    }

    /**
     * Sets the longest answer, in tokens.
     *
     * @param maxTokens at least 1
     * @return this
     */
    public B maxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
        return self();
    }

    /**
     * Sets sequences that stop generation when the model produces them.
     *
     * @param stopSequences the sequences
     * @return this
     */
    public B stopSequences(String... stopSequences) {
        this.stopSequences.clear();
        this.stopSequences.addAll(Arrays.asList(stopSequences));
        return self();
    }

    /**
     * Sets model-specific request fields Converse does not name, such as {@code {"top_k": 200}}.
     *
     * @param fields a JSON object
     * @return this
     */
    public B additionalModelRequestFields(JsonNode fields) {
        this.additionalModelRequestFields = fields == null ? null : fields.deepCopy();
        return self();
    }

    /**
     * Asks for model-specific response fields by JSON pointer, such as {@code "/stop_sequence"}.
     *
     * @param paths JSON pointers
     * @return this
     */
    public B additionalModelResponseFieldPaths(String... paths) {
        additionalModelResponseFieldPaths.clear();
        additionalModelResponseFieldPaths.addAll(Arrays.asList(paths));
        return self();
    }

    /**
     * Applies a guardrail.
     *
     * @param guardrail the guardrail
     * @return this
     */
    public B guardrail(Guardrail guardrail) {
        this.guardrail = guardrail;
        return self();
    }

    /**
     * Offers tools to the model, in addition to those already offered.
     *
     * @param tools the tool definitions
     * @return this
     */
    public B tools(ToolDefinition... tools) {
        return tools(Arrays.asList(tools));
    }

    /**
     * Offers tools to the model, in addition to those already offered.
     *
     * @param tools the tool definitions
     * @return this
     */
    public B tools(List<ToolDefinition> tools) {
        this.tools.addAll(List.copyOf(tools));
        return self();
    }

    /**
     * Sets how the model must use the tools.
     *
     * @param toolChoice auto (the default), any, or a named tool
     * @return this
     */
    public B toolChoice(ToolChoice toolChoice) {
        this.toolChoice = toolChoice;
        return self();
    }

    /**
     * Adds a cache point after the tool definitions, so that they are cached with the system prompt.
     *
     * @return this
     */
    public B cacheTools() {
        this.cacheTools = true;
        return self();
    }

    /**
     * Adds request metadata, which Bedrock records in invocation logs.
     *
     * @param key the key
     * @param value the value
     * @return this
     */
    public B requestMetadata(String key, String value) {
        requestMetadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /**
     * Copies every setting of a request into this builder, replacing what was set before.
     *
     * @param request the request to copy
     * @return this
     */
    public B from(ChatRequest request) {
        system.clear();
        system.addAll(request.system());
        messages(request.messages());
        temperature = request.temperatureOrNull();
        topP = request.topPOrNull();
        maxTokens = request.maxTokensOrNull();
        stopSequences.clear();
        stopSequences.addAll(request.stopSequences());
        additionalModelRequestFields = request.additionalModelRequestFields().orElse(null);
        additionalModelResponseFieldPaths.clear();
        additionalModelResponseFieldPaths.addAll(request.additionalModelResponseFieldPaths());
        guardrail = request.guardrail().orElse(null);
        tools.clear();
        tools.addAll(request.tools());
        toolChoice = request.toolChoice().orElse(null);
        cacheTools = request.cacheTools();
        requestMetadata.clear();
        requestMetadata.putAll(request.requestMetadata());
        return self();
    }

    /**
     * Builds the immutable request from the settings so far.
     *
     * @return the request
     */
    public ChatRequest toRequest() {
        return new ChatRequest(this);
    }
}
