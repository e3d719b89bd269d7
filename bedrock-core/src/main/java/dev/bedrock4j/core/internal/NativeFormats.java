package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.ConverseCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.stream.ChatEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native body formats of each model family. Thread-safe.
 *
 * <p>Titan Text, Llama and Mistral take one prompt string in which the turns are marked by control tokens or
 * role prefixes. All text that goes into such a template, system, user and assistant turns alike, first has
 * the family's markers made inert ({@code inertLlama}, {@code inertMistral}, {@code inertTitan}), so that
 * text can never open a turn of its own: a document that contains {@code <|eot_id|><|start_header_id|>system}
 * stays text in the user's turn. The markers are rewritten with look-alike characters rather than removed, so
 * the text still reads the same to people and to the model. The other families take turns as JSON fields.
 */
public final class NativeFormats {
    /** Anthropic Messages API. */
    public static final NativeFormat ANTHROPIC = new Anthropic();
    /** Amazon Nova messages-v1. */
    public static final NativeFormat NOVA = new Nova();
    /** Amazon Titan Text. */
    public static final NativeFormat TITAN = new Titan();
    /** Meta Llama 3. */
    public static final NativeFormat LLAMA = new Llama();
    /** Mistral instruct. */
    public static final NativeFormat MISTRAL = new Mistral();
    /** Cohere Command R. */
    public static final NativeFormat COHERE = new Cohere();

    /** Default {@code max_tokens} where a family requires one and the request sets none. */
    static final int DEFAULT_MAX_TOKENS = 1024;

    private NativeFormats() {
    }

    /** The format of a family. */
    public static NativeFormat forFamily(ModelFamily family) {
        return switch (family) {
            case ANTHROPIC_CLAUDE -> ANTHROPIC;
            case AMAZON_NOVA -> NOVA;
            case AMAZON_TITAN_TEXT -> TITAN;
            case META_LLAMA -> LLAMA;
            case MISTRAL -> MISTRAL;
            case COHERE_COMMAND -> COHERE;
            default -> throw new IllegalArgumentException("no native chat body is known for the " + family
                    + " family; use the model through Converse (Bedrock.chat) or send a raw body with invoke()");
        };
    }

    // ------------------------------------------------------------------ text inside prompt templates

    /** Llama 3 and 4 control tokens: {@code <|begin_of_text|>}, {@code <|eot_id|>}, {@code <|header_start|>}, ... */
    private static final Pattern LLAMA_TOKEN = Pattern.compile("<\\|([A-Za-z0-9_]+)\\|>");
    /** Llama 2's system markers. */
    private static final Pattern SYS_MARKER = Pattern.compile("(?i)<<(/?SYS)>>");
    /** Mistral's (and Llama 2's) instruction and control tags, in any case. */
    private static final Pattern INST_TAG = Pattern.compile("(?i)\\[(/?)(INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS"
            + "|TOOL_RESULTS|TOOL_CONTENT|IMG|IMG_BREAK|IMG_END|PREFIX|MIDDLE|SUFFIX)]");
    /** SentencePiece's sequence markers, which Mistral and Llama 2 prompts use. */
    private static final Pattern SEQUENCE_MARKER = Pattern.compile("<(/?s|unk)>");
    /** Titan Text's role prefixes at the start of a line, in any case. */
    private static final Pattern TITAN_ROLE = Pattern.compile("(?im)^([ \\t]*)(User|Bot)([ \\t]*):");

    /**
     * Text for a Llama prompt: Llama 3 and 4 control tokens {@code <|name|>} become {@code <¦name¦>} (U+00A6
     * broken bars), and Llama 2's markers ({@code [INST]}, {@code <<SYS>>}, {@code <s>}) are made inert as for
     * Mistral, in case a Llama 2 model receives the prompt.
     */
    static String inertLlama(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('[') < 0) {
            return text;
        }
        String inert = replace(LLAMA_TOKEN, text, m -> "<\u00A6" + m.group(1) + "\u00A6>");
        inert = replace(SYS_MARKER, inert, m -> "\u2039\u2039" + m.group(1) + "\u203A\u203A");
        return inertMistral(inert);
    }

    /**
     * Text for a Mistral prompt: instruction and control tags such as {@code [INST]} and {@code [/INST]} get
     * full-width brackets ({@code ［INST］}), and the sequence markers {@code <s>}, {@code </s>} and
     * {@code <unk>} get single angle quotation marks ({@code ‹/s›}).
     */
    static String inertMistral(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('[') < 0) {
            return text;
        }
        String inert = replace(INST_TAG, text, m -> "\uFF3B" + m.group(1) + m.group(2) + "\uFF3D");
        return replace(SEQUENCE_MARKER, inert, m -> "\u2039" + m.group(1) + "\u203A");
    }

    /** Text for a Titan Text prompt: a line that starts with {@code User:} or {@code Bot:} gets a full-width colon. */
    static String inertTitan(String text) {
        if (text.indexOf(':') < 0) {
            return text;
        }
        return replace(TITAN_ROLE, text, m -> m.group(1) + m.group(2) + m.group(3) + "\uFF1A");
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ shared helpers

    static String systemText(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : request.system()) {
            if (block instanceof ContentBlock.Text t) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(t.text());
            }
        }
        return text.toString();
    }

    /** The text of a message; fails for blocks a text-only body cannot carry. */
    static String textOnly(Message message, ModelFamily family, int index) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (!(block instanceof ContentBlock.CachePoint)) {
                throw new InvalidRequestException("messages[" + index + "].content",
                        "the native " + family + " body carries only text, not " + block.getClass().getSimpleName()
                                + " blocks; send this request through Converse (Bedrock.chat) instead");
            }
        }
        return text.toString();
    }

    static void requireMessages(ChatRequest request) {
        if (request.messages().isEmpty() || request.messages().get(0).role() != Role.USER) {
            throw new InvalidRequestException("messages", "a native body needs at least one turn, starting with the user's");
        }
    }

    static void rejectTools(ChatRequest request, ModelFamily family) {
        if (!request.tools().isEmpty()) {
            throw new InvalidRequestException("tools", "the native " + family
                    + " body in this library carries no tools; use Converse (Bedrock.chat) for tool use");
        }
    }

    static ChatResponse textResponse(String text, StopReason stop, Usage usage) {
        return ChatResponse.builder().message(Message.assistant(text)).stopReason(stop).usage(usage).build();
    }

    /** The usage Bedrock appends to the last chunk of every native stream, or {@code null}. */
    static ChatEvent.Metadata invocationMetrics(JsonNode chunk) {
        JsonNode metrics = chunk.get("amazon-bedrock-invocationMetrics");
        if (metrics == null) {
            return null;
        }
        return new ChatEvent.Metadata(Usage.of(metrics.path("inputTokenCount").asInt(), metrics.path("outputTokenCount").asInt()),
                Duration.ofMillis(metrics.path("invocationLatency").asLong()), null);
    }

    /**
     * Decodes text-only native streams: the first chunk starts the message, text becomes deltas of block 0,
     * the chunk with a stop reason closes the block and the message, and Bedrock's metrics end the stream.
     */
    static final class TextStreamDecoder implements Function<JsonNode, List<ChatEvent>> {
        private final Function<JsonNode, String> text;
        private final Function<JsonNode, StopReason> stop;
        private boolean started;
        private boolean stopped;

        TextStreamDecoder(Function<JsonNode, String> text, Function<JsonNode, StopReason> stop) {
            this.text = text;
            this.stop = stop;
        }

        @Override
        public List<ChatEvent> apply(JsonNode chunk) {
            List<ChatEvent> events = new ArrayList<>(4);
            if (!started) {
                started = true;
                events.add(new ChatEvent.MessageStart(Role.ASSISTANT));
            }
            String piece = text.apply(chunk);
            if (piece != null && !piece.isEmpty()) {
                events.add(new ChatEvent.TextDelta(0, piece));
            }
            StopReason reason = stop.apply(chunk);
            if (reason != null && !stopped) {
                stopped = true;
                events.add(new ChatEvent.ContentBlockStop(0));
                events.add(new ChatEvent.MessageStop(reason, null));
            }
            ChatEvent.Metadata metadata = invocationMetrics(chunk);
            if (metadata != null) {
                if (!stopped) {
                    stopped = true;
                    events.add(new ChatEvent.ContentBlockStop(0));
                    events.add(new ChatEvent.MessageStop(StopReason.END_TURN, null));
                }
                events.add(metadata);
            }
            return events;
        }
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    // ------------------------------------------------------------------ Anthropic

    private static final class Anthropic implements NativeFormat {
        @Override
        public ModelFamily family() {
            return ModelFamily.ANTHROPIC_CLAUDE;
        }

        @Override
        public ObjectNode toBody(ChatRequest request) {
            requireMessages(request);
            ObjectNode body = JsonSupport.object();
            body.put("anthropic_version", "bedrock-2023-05-31");
            body.put("max_tokens", request.maxTokens().orElse(DEFAULT_MAX_TOKENS));
            String system = systemText(request);
            if (!system.isEmpty()) {
                body.put("system", system);
            }
            ArrayNode messages = body.putArray("messages");
            for (Message message : request.messages()) {
                ObjectNode m = messages.addObject();
                m.put("role", message.role().wireName());
                ArrayNode content = m.putArray("content");
                for (ContentBlock block : message.content()) {
                    ObjectNode part = anthropicBlock(block);
                    if (part != null) {
                        content.add(part);
                    }
                }
            }
            request.temperature().ifPresent(t -> body.put("temperature", t));
            request.topP().ifPresent(p -> body.put("top_p", p));
            if (!request.stopSequences().isEmpty()) {
                ArrayNode stops = body.putArray("stop_sequences");
                request.stopSequences().forEach(stops::add);
            }
            if (!request.tools().isEmpty()) {
                ArrayNode tools = body.putArray("tools");
                for (ToolDefinition tool : request.tools()) {
                    ObjectNode t = tools.addObject();
                    t.put("name", tool.name());
                    t.put("description", tool.description());
                    t.set("input_schema", tool.inputSchema());
                }
                request.toolChoice().ifPresent(choice -> {
                    ObjectNode c = body.putObject("tool_choice");
                    if (choice instanceof ToolChoice.Named named) {
                        c.put("type", "tool");
                        c.put("name", named.name());
                    } else {
                        c.put("type", choice instanceof ToolChoice.Any ? "any" : "auto");
                    }
                });
            }
            request.additionalModelRequestFields().ifPresent(extra -> body.setAll((ObjectNode) extra));
            return body;
        }

        private static ObjectNode anthropicBlock(ContentBlock block) {
            ObjectNode part = JsonSupport.object();
            if (block instanceof ContentBlock.Text text) {
                part.put("type", "text").put("text", text.text());
            } else if (block instanceof ContentBlock.Image image && image.source() instanceof MediaSource.Bytes bytes) {
                part.put("type", "image");
                ObjectNode source = part.putObject("source");
                source.put("type", "base64");
                source.put("media_type", "image/" + image.format());
                source.put("data", Base64.getEncoder().encodeToString(bytes.data()));
            } else if (block instanceof ContentBlock.Document doc && doc.format().equals("pdf")
                    && doc.source() instanceof MediaSource.Bytes bytes) {
                part.put("type", "document");
                ObjectNode source = part.putObject("source");
                source.put("type", "base64");
                source.put("media_type", "application/pdf");
                source.put("data", Base64.getEncoder().encodeToString(bytes.data()));
            } else if (block instanceof ContentBlock.ToolUse use) {
                part.put("type", "tool_use").put("id", use.id()).put("name", use.name());
                part.set("input", use.input());
            } else if (block instanceof ContentBlock.ToolResult result) {
                part.put("type", "tool_result").put("tool_use_id", result.toolUseId());
                ArrayNode content = part.putArray("content");
                for (ContentBlock c : result.content()) {
                    if (c instanceof ContentBlock.Json json) {
                        content.addObject().put("type", "text").put("text", JsonSupport.write(json.value()));
                    } else {
                        ObjectNode inner = anthropicBlock(c);
                        if (inner != null) {
                            content.add(inner);
                        }
                    }
                }
                if (result.error()) {
                    part.put("is_error", true);
                }
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                part.put("type", "thinking").put("thinking", reasoning.text());
                if (reasoning.signature() != null) {
                    part.put("signature", reasoning.signature());
                }
            } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
                part.put("type", "redacted_thinking").put("data", Base64.getEncoder().encodeToString(redacted.data()));
            } else if (block instanceof ContentBlock.CachePoint) {
                return null;
            } else {
                throw new InvalidRequestException("messages.content", "the native Anthropic body cannot carry "
                        + block.getClass().getSimpleName() + " blocks here; send this request through Converse instead");
            }
            return part;
        }

        @Override
        public Function<JsonNode, List<ChatEvent>> streamDecoder() {
            return chunk -> {
                List<ChatEvent> events = new ArrayList<>(2);
                int index = chunk.path("index").asInt();
                switch (chunk.path("type").asText()) {
                    case "message_start" -> events.add(new ChatEvent.MessageStart(Role.ASSISTANT));
                    case "content_block_start" -> {
                        JsonNode block = chunk.path("content_block");
                        if ("tool_use".equals(block.path("type").asText())) {
                            events.add(new ChatEvent.ToolUseStart(index, block.path("id").asText(), block.path("name").asText()));
                        }
                    }
                    case "content_block_delta" -> {
                        JsonNode delta = chunk.path("delta");
                        switch (delta.path("type").asText()) {
                            case "text_delta" -> events.add(new ChatEvent.TextDelta(index, delta.path("text").asText()));
                            case "input_json_delta" -> events.add(new ChatEvent.ToolUseInputDelta(index, delta.path("partial_json").asText()));
                            case "thinking_delta" -> events.add(new ChatEvent.ReasoningDelta(index, delta.path("thinking").asText()));
                            case "signature_delta" -> events.add(new ChatEvent.ReasoningSignature(index, delta.path("signature").asText()));
                            default -> { }
                        }
                    }
                    case "content_block_stop" -> events.add(new ChatEvent.ContentBlockStop(index));
                    case "message_delta" -> {
                        String reason = textOrNull(chunk.path("delta").get("stop_reason"));
                        if (reason != null) {
                            events.add(new ChatEvent.MessageStop(StopReason.of(reason), null));
                        }
                    }
                    default -> { }
                }
                ChatEvent.Metadata metadata = invocationMetrics(chunk);
                if (metadata != null) {
                    events.add(metadata);
                }
                return events;
            };
        }

        @Override
        public ChatResponse fromBody(JsonNode body) {
            List<ContentBlock> content = new ArrayList<>();
            for (JsonNode part : body.path("content")) {
                switch (part.path("type").asText()) {
                    case "text" -> content.add(new ContentBlock.Text(part.path("text").asText()));
                    case "tool_use" -> content.add(new ContentBlock.ToolUse(part.path("id").asText(),
                            part.path("name").asText(), part.path("input")));
                    case "thinking" -> content.add(new ContentBlock.Reasoning(part.path("thinking").asText(),
                            part.has("signature") ? part.get("signature").asText() : null));
                    case "redacted_thinking" -> content.add(new ContentBlock.RedactedReasoning(
                            Base64.getDecoder().decode(part.path("data").asText())));
                    default -> content.add(new ContentBlock.Other(part));
                }
            }
            JsonNode usage = body.path("usage");
            return ChatResponse.builder()
                    .message(new Message(Role.ASSISTANT, content))
                    .stopReason(StopReason.of(body.path("stop_reason").asText("end_turn")))
                    .usage(new Usage(usage.path("input_tokens").asInt(), usage.path("output_tokens").asInt(),
                            usage.path("cache_read_input_tokens").asInt(), usage.path("cache_creation_input_tokens").asInt()))
                    .build();
        }
    }

    // ------------------------------------------------------------------ Amazon Nova

    private static final class Nova implements NativeFormat {
        @Override
        public ModelFamily family() {
            return ModelFamily.AMAZON_NOVA;
        }

        @Override
        public ObjectNode toBody(ChatRequest request) {
            requireMessages(request);
            // Nova's native body is the Converse shape plus a schema version.
            ObjectNode converse = ConverseCodec.request(request);
            ObjectNode body = JsonSupport.object();
            body.put("schemaVersion", "messages-v1");
            if (converse.has("system")) {
                body.set("system", converse.get("system"));
            }
            body.set("messages", converse.get("messages"));
            if (converse.has("inferenceConfig")) {
                body.set("inferenceConfig", converse.get("inferenceConfig"));
            }
            if (converse.has("toolConfig")) {
                body.set("toolConfig", converse.get("toolConfig"));
            }
            request.additionalModelRequestFields().ifPresent(extra -> body.setAll((ObjectNode) extra));
            return body;
        }

        @Override
        public ChatResponse fromBody(JsonNode body) {
            return ConverseCodec.parseResponse(body, null);
        }

        @Override
        public Function<JsonNode, List<ChatEvent>> streamDecoder() {
            return chunk -> {
                List<ChatEvent> events = new ArrayList<>(2);
                if (chunk.has("messageStart")) {
                    events.add(new ChatEvent.MessageStart(Role.ASSISTANT));
                } else if (chunk.has("contentBlockStart")) {
                    JsonNode start = chunk.get("contentBlockStart");
                    JsonNode tool = start.path("start").path("toolUse");
                    if (!tool.isMissingNode()) {
                        events.add(new ChatEvent.ToolUseStart(start.path("contentBlockIndex").asInt(),
                                tool.path("toolUseId").asText(), tool.path("name").asText()));
                    }
                } else if (chunk.has("contentBlockDelta")) {
                    JsonNode delta = chunk.get("contentBlockDelta");
                    int index = delta.path("contentBlockIndex").asInt();
                    JsonNode d = delta.path("delta");
                    if (d.has("text")) {
                        events.add(new ChatEvent.TextDelta(index, d.get("text").asText()));
                    } else if (d.has("toolUse")) {
                        events.add(new ChatEvent.ToolUseInputDelta(index, d.get("toolUse").path("input").asText()));
                    } else if (d.has("reasoningContent") && d.get("reasoningContent").has("text")) {
                        events.add(new ChatEvent.ReasoningDelta(index, d.get("reasoningContent").get("text").asText()));
                    }
                } else if (chunk.has("contentBlockStop")) {
                    events.add(new ChatEvent.ContentBlockStop(chunk.get("contentBlockStop").path("contentBlockIndex").asInt()));
                } else if (chunk.has("messageStop")) {
                    events.add(new ChatEvent.MessageStop(StopReason.of(chunk.get("messageStop").path("stopReason").asText("end_turn")), null));
                } else if (chunk.has("metadata")) {
                    JsonNode metadata = chunk.get("metadata");
                    events.add(new ChatEvent.Metadata(ConverseCodec.usage(metadata.path("usage")),
                            Duration.ofMillis(metadata.path("metrics").path("latencyMs").asLong()), null));
                    return events;
                }
                ChatEvent.Metadata metrics = invocationMetrics(chunk);
                if (metrics != null) {
                    events.add(metrics);
                }
                return events;
            };
        }
    }

    // ------------------------------------------------------------------ Amazon Titan Text

    private static final class Titan implements NativeFormat {
        @Override
        public ModelFamily family() {
            return ModelFamily.AMAZON_TITAN_TEXT;
        }

        @Override
        public ObjectNode toBody(ChatRequest request) {
            requireMessages(request);
            rejectTools(request, family());
            StringBuilder prompt = new StringBuilder();
            String system = inertTitan(systemText(request));
            if (!system.isEmpty()) {
                prompt.append(system).append("\n\n");
            }
            List<Message> messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                prompt.append(m.role() == Role.USER ? "User: " : "Bot: ").append(inertTitan(textOnly(m, family(), i)))
                        .append('\n');
            }
            if (messages.get(messages.size() - 1).role() == Role.USER) {
                prompt.append("Bot:");
            }
            ObjectNode body = JsonSupport.object();
            body.put("inputText", prompt.toString());
            ObjectNode config = body.putObject("textGenerationConfig");
            config.put("maxTokenCount", request.maxTokens().orElse(DEFAULT_MAX_TOKENS));
            request.temperature().ifPresent(t -> config.put("temperature", t));
            request.topP().ifPresent(p -> config.put("topP", p));
            if (!request.stopSequences().isEmpty()) {
                ArrayNode stops = config.putArray("stopSequences");
                request.stopSequences().forEach(stops::add);
            }
            return body;
        }

        @Override
        public ChatResponse fromBody(JsonNode body) {
            JsonNode result = body.path("results").path(0);
            String reason = result.path("completionReason").asText("FINISH");
            StopReason stop = switch (reason) {
                case "LENGTH" -> StopReason.MAX_TOKENS;
                case "STOP_CRITERIA_MET" -> StopReason.STOP_SEQUENCE;
                case "CONTENT_FILTERED" -> StopReason.CONTENT_FILTERED;
                default -> StopReason.END_TURN;
            };
            return textResponse(result.path("outputText").asText().strip(), stop,
                    Usage.of(body.path("inputTextTokenCount").asInt(), result.path("tokenCount").asInt()));
        }

        @Override
        public Function<JsonNode, List<ChatEvent>> streamDecoder() {
            return new TextStreamDecoder(chunk -> textOrNull(chunk.get("outputText")), chunk -> {
                String reason = textOrNull(chunk.get("completionReason"));
                return reason == null ? null : switch (reason) {
                    case "LENGTH" -> StopReason.MAX_TOKENS;
                    case "STOP_CRITERIA_MET" -> StopReason.STOP_SEQUENCE;
                    case "CONTENT_FILTERED" -> StopReason.CONTENT_FILTERED;
                    default -> StopReason.END_TURN;
                };
            });
        }
    }

    // ------------------------------------------------------------------ Meta Llama 3

    private static final class Llama implements NativeFormat {
        @Override
        public ModelFamily family() {
            return ModelFamily.META_LLAMA;
        }

        @Override
        public ObjectNode toBody(ChatRequest request) {
            requireMessages(request);
            rejectTools(request, family());
            StringBuilder prompt = new StringBuilder("<|begin_of_text|>");
            String system = inertLlama(systemText(request));
            if (!system.isEmpty()) {
                header(prompt, "system").append(system).append("<|eot_id|>");
            }
            List<Message> messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                header(prompt, m.role().wireName()).append(inertLlama(textOnly(m, family(), i))).append("<|eot_id|>");
            }
            header(prompt, "assistant");
            ObjectNode body = JsonSupport.object();
            body.put("prompt", prompt.toString());
            body.put("max_gen_len", request.maxTokens().orElse(DEFAULT_MAX_TOKENS));
            request.temperature().ifPresent(t -> body.put("temperature", t));
            request.topP().ifPresent(p -> body.put("top_p", p));
            return body;
        }

        private static StringBuilder header(StringBuilder prompt, String role) {
            return prompt.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n");
        }

        @Override
        public ChatResponse fromBody(JsonNode body) {
            StopReason stop = "length".equals(body.path("stop_reason").asText()) ? StopReason.MAX_TOKENS : StopReason.END_TURN;
            return textResponse(body.path("generation").asText().strip(), stop,
                    Usage.of(body.path("prompt_token_count").asInt(), body.path("generation_token_count").asInt()));
        }

        @Override
        public Function<JsonNode, List<ChatEvent>> streamDecoder() {
            return new TextStreamDecoder(chunk -> textOrNull(chunk.get("generation")), chunk -> {
                String reason = textOrNull(chunk.get("stop_reason"));
                return reason == null ? null : "length".equals(reason) ? StopReason.MAX_TOKENS : StopReason.END_TURN;
            });
        }
    }

    // ------------------------------------------------------------------ Mistral

    private static final class Mistral implements NativeFormat {
        @Override
        public ModelFamily family() {
            return ModelFamily.MISTRAL;
        }

        @Override
        public ObjectNode toBody(ChatRequest request) {
            requireMessages(request);
            rejectTools(request, family());
            StringBuilder prompt = new StringBuilder("<s>");
            String system = inertMistral(systemText(request));
            List<Message> messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                String text = inertMistral(textOnly(m, family(), i));
                if (m.role() == Role.USER) {
                    prompt.append("[INST] ");
                    if (i == 0 && !system.isEmpty()) {
                        prompt.append(system).append("\n\n");
                    }
                    prompt.append(text).append(" [/INST]");
                } else {
                    prompt.append(' ').append(text).append("</s>");
                }
            }
            ObjectNode body = JsonSupport.object();
            body.put("prompt", prompt.toString());
            body.put("max_tokens", request.maxTokens().orElse(DEFAULT_MAX_TOKENS));
            request.temperature().ifPresent(t -> body.put("temperature", t));
            request.topP().ifPresent(p -> body.put("top_p", p));
            if (!request.stopSequences().isEmpty()) {
                ArrayNode stops = body.putArray("stop");
                request.stopSequences().forEach(stops::add);
            }
            return body;
        }

        @Override
        public ChatResponse fromBody(JsonNode body) {
            JsonNode output = body.path("outputs").path(0);
            StopReason stop = "length".equals(output.path("stop_reason").asText()) ? StopReason.MAX_TOKENS : StopReason.END_TURN;
            return textResponse(output.path("text").asText().strip(), stop, Usage.ZERO);
        }

        @Override
        public Function<JsonNode, List<ChatEvent>> streamDecoder() {
            return new TextStreamDecoder(chunk -> textOrNull(chunk.path("outputs").path(0).get("text")), chunk -> {
                String reason = textOrNull(chunk.path("outputs").path(0).get("stop_reason"));
                return reason == null ? null : "length".equals(reason) ? StopReason.MAX_TOKENS : StopReason.END_TURN;
            });
        }
    }

    // ------------------------------------------------------------------ Cohere Command R

    private static final class Cohere implements NativeFormat {
        @Override
        public ModelFamily family() {
            return ModelFamily.COHERE_COMMAND;
        }

        @Override
        public ObjectNode toBody(ChatRequest request) {
            requireMessages(request);
            rejectTools(request, family());
            List<Message> messages = request.messages();
            int last = messages.size() - 1;
            if (messages.get(last).role() != Role.USER) {
                throw new InvalidRequestException("messages[" + last + "].role",
                        "the native Cohere body needs the last turn to be the user's message");
            }
            ObjectNode body = JsonSupport.object();
            body.put("message", textOnly(messages.get(last), family(), last));
            if (last > 0) {
                ArrayNode history = body.putArray("chat_history");
                for (int i = 0; i < last; i++) {
                    Message m = messages.get(i);
                    history.addObject().put("role", m.role() == Role.USER ? "USER" : "CHATBOT")
                            .put("message", textOnly(m, family(), i));
                }
            }
            String system = systemText(request);
            if (!system.isEmpty()) {
                body.put("preamble", system);
            }
            body.put("max_tokens", request.maxTokens().orElse(DEFAULT_MAX_TOKENS));
            request.temperature().ifPresent(t -> body.put("temperature", t));
            request.topP().ifPresent(p -> body.put("p", p));
            if (!request.stopSequences().isEmpty()) {
                ArrayNode stops = body.putArray("stop_sequences");
                request.stopSequences().forEach(stops::add);
            }
            return body;
        }

        @Override
        public ChatResponse fromBody(JsonNode body) {
            StopReason stop = switch (body.path("finish_reason").asText("COMPLETE")) {
                case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
                case "STOP_SEQUENCE" -> StopReason.STOP_SEQUENCE;
                case "ERROR_TOXIC" -> StopReason.CONTENT_FILTERED;
                default -> StopReason.END_TURN;
            };
            return textResponse(body.path("text").asText(), stop, Usage.ZERO);
        }

        @Override
        public Function<JsonNode, List<ChatEvent>> streamDecoder() {
            return new TextStreamDecoder(
                    chunk -> "text-generation".equals(chunk.path("event_type").asText()) ? textOrNull(chunk.get("text")) : null,
                    chunk -> chunk.path("is_finished").asBoolean(false)
                            ? fromBody(chunk).stopReason() : null);
        }
    }
}
