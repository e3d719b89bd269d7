package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.WireEvent;
import dev.bedrock4j.testkit.internal.ConverseEvents;
import dev.bedrock4j.testkit.internal.TextPieces;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of the native {@code InvokeModel} bodies: reads each family's request body (the
 * reverse of core's {@code NativeFormat.toBody}) and writes its answer and its stream chunks (which
 * core's {@code NativeFormat.fromBody} reads back). AI21 Jamba, DeepSeek-R1 and OpenAI gpt-oss, whose
 * bodies core does not write, follow AWS's model parameter pages ({@link ChatCompletions} for the two
 * chat completion bodies). Thread-safe.
 */
public final class NativeBodies {
    private static final Pattern LLAMA_TURN = Pattern.compile(
            "<\\|start_header_id\\|>(\\w+)<\\|end_header_id\\|>\\s*(.*?)(?:<\\|eot_id\\|>|$)", Pattern.DOTALL);
    private static final Pattern TITAN_TURN = Pattern.compile("^(User|Bot):\\s?(.*)$");

    private NativeBodies() {
    }

    /**
     * Whether the family has a chat body this class reads and writes.
     *
     * @param family the family
     * @return {@code true} for the text generation families
     */
    public static boolean readsChat(ModelFamily family) {
        return switch (family) {
            case ANTHROPIC_CLAUDE, AMAZON_NOVA, AMAZON_TITAN_TEXT, META_LLAMA, MISTRAL, COHERE_COMMAND, AI21_JAMBA,
                    DEEPSEEK, OPENAI_GPT_OSS -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ requests

    /**
     * Reads a family's native request body as a chat request.
     *
     * @param family a family for which {@link #readsChat(ModelFamily)} holds
     * @param body the request body
     * @return the request
     */
    public static ChatRequest parseRequest(ModelFamily family, JsonNode body) {
        return switch (family) {
            case ANTHROPIC_CLAUDE -> anthropicRequest(body);
            case AMAZON_NOVA -> ConverseCodec.parseRequest(body);
            case AMAZON_TITAN_TEXT -> titanRequest(body);
            case META_LLAMA -> llamaRequest(body);
            case MISTRAL -> mistralRequest(body);
            case COHERE_COMMAND -> cohereRequest(body);
            case AI21_JAMBA, OPENAI_GPT_OSS -> ChatCompletions.parseRequest(body);
            case DEEPSEEK -> deepSeekRequest(body);
            default -> throw new IllegalArgumentException("no native chat body for " + family);
        };
    }

    private static ChatRequest anthropicRequest(JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder();
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            b.system(system.asText());
        } else {
            system.forEach(part -> b.system(part.path("text").asText()));
        }
        for (JsonNode message : body.path("messages")) {
            List<ContentBlock> blocks = new ArrayList<>();
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                blocks.add(new ContentBlock.Text(content.asText()));
            } else {
                content.forEach(part -> blocks.add(anthropicBlock(part)));
            }
            b.message(new Message(Role.fromWireName(message.path("role").asText("user")), blocks));
        }
        if (body.has("max_tokens")) {
            b.maxTokens(body.get("max_tokens").asInt());
        }
        if (body.has("temperature")) {
            b.temperature(body.get("temperature").asDouble());
        }
        if (body.has("top_p")) {
            b.topP(body.get("top_p").asDouble());
        }
        b.stopSequences(strings(body.path("stop_sequences")));
        for (JsonNode tool : body.path("tools")) {
            b.tools(ToolDefinition.of(tool.path("name").asText(), tool.path("description").asText(""),
                    tool.path("input_schema")));
        }
        JsonNode choice = body.path("tool_choice");
        switch (choice.path("type").asText("")) {
            case "any" -> b.toolChoice(ToolChoice.any());
            case "tool" -> b.toolChoice(ToolChoice.tool(choice.path("name").asText()));
            case "auto" -> b.toolChoice(ToolChoice.auto());
            default -> {
            }
        }
        // the rest (thinking, top_k, anthropic_beta, ...) is what Converse carries in additionalModelRequestFields
        ObjectNode extra = JsonSupport.object();
        body.fields().forEachRemaining(field -> {
            if (!ANTHROPIC_FIELDS.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        });
        if (!extra.isEmpty()) {
            b.additionalModelRequestFields(extra);
        }
        return b.build();
    }

    private static final Set<String> ANTHROPIC_FIELDS = Set.of("anthropic_version", "max_tokens", "system", "messages",
            "temperature", "top_p", "stop_sequences", "tools", "tool_choice");

    private static ContentBlock anthropicBlock(JsonNode part) {
        switch (part.path("type").asText()) {
            case "text":
                return new ContentBlock.Text(part.path("text").asText());
            case "image": {
                String mediaType = part.path("source").path("media_type").asText("image/png");
                return new ContentBlock.Image(mediaType.substring(mediaType.indexOf('/') + 1),
                        MediaSource.bytes(Base64.getDecoder().decode(part.path("source").path("data").asText())));
            }
            case "tool_use":
                return new ContentBlock.ToolUse(part.path("id").asText(), part.path("name").asText(), part.path("input"));
            case "tool_result": {
                List<ContentBlock> content = new ArrayList<>();
                JsonNode inner = part.path("content");
                if (inner.isTextual()) {
                    content.add(new ContentBlock.Text(inner.asText()));
                } else {
                    inner.forEach(c -> content.add(anthropicBlock(c)));
                }
                return new ContentBlock.ToolResult(part.path("tool_use_id").asText(), content,
                        part.path("is_error").asBoolean(false));
            }
            case "thinking":
                return new ContentBlock.Reasoning(part.path("thinking").asText(),
                        part.has("signature") ? part.get("signature").asText() : null);
            default:
                return new ContentBlock.Other(part);
        }
    }

    private static ChatRequest titanRequest(JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder();
        String prompt = body.path("inputText").asText();
        Role role = null;
        StringBuilder text = new StringBuilder();
        StringBuilder preamble = new StringBuilder();
        for (String line : prompt.split("\n", -1)) {
            Matcher turn = TITAN_TURN.matcher(line);
            if (turn.matches()) {
                if (role != null) {
                    b.message(message(role, text.toString().strip()));
                }
                role = turn.group(1).equals("User") ? Role.USER : Role.ASSISTANT;
                text.setLength(0);
                text.append(turn.group(2));
            } else if (role == null) {
                preamble.append(line).append('\n');
            } else {
                text.append('\n').append(line);
            }
        }
        if (role == null) {
            b.user(prompt.strip());
        } else {
            if (role == Role.USER || !text.toString().isBlank()) {
                b.message(message(role, text.toString().strip()));
            }
            if (!preamble.toString().isBlank()) {
                b.system(preamble.toString().strip());
            }
        }
        JsonNode config = body.path("textGenerationConfig");
        if (config.has("maxTokenCount")) {
            b.maxTokens(config.get("maxTokenCount").asInt());
        }
        if (config.has("temperature")) {
            b.temperature(config.get("temperature").asDouble());
        }
        if (config.has("topP")) {
            b.topP(config.get("topP").asDouble());
        }
        b.stopSequences(strings(config.path("stopSequences")));
        return b.build();
    }

    private static ChatRequest llamaRequest(JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder();
        String prompt = body.path("prompt").asText();
        Matcher turn = LLAMA_TURN.matcher(prompt);
        boolean any = false;
        while (turn.find()) {
            any = true;
            String role = turn.group(1);
            String text = turn.group(2).strip();
            if (role.equals("system")) {
                b.system(text);
            } else if (!(role.equals("assistant") && text.isEmpty())) {
                b.message(message(Role.fromWireName(role), text));
            }
        }
        if (!any) {
            b.user(prompt.replace("<|begin_of_text|>", "").strip());
        }
        if (body.has("max_gen_len")) {
            b.maxTokens(body.get("max_gen_len").asInt());
        }
        samplingSnakeCase(body, b);
        return b.build();
    }

    private static ChatRequest mistralRequest(JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder();
        String prompt = body.path("prompt").asText().replace("<s>", "");
        String[] turns = prompt.split("\\[INST]");
        if (turns.length <= 1) {
            b.user(prompt.strip());
        }
        for (int i = 1; i < turns.length; i++) {
            String turn = turns[i];
            int end = turn.indexOf("[/INST]");
            String user = end < 0 ? turn : turn.substring(0, end);
            b.user(user.strip());
            String answer = end < 0 ? "" : turn.substring(end + "[/INST]".length()).replace("</s>", "").strip();
            if (!answer.isEmpty()) {
                b.assistant(answer);
            }
        }
        if (body.has("max_tokens")) {
            b.maxTokens(body.get("max_tokens").asInt());
        }
        samplingSnakeCase(body, b);
        b.stopSequences(strings(body.path("stop")));
        return b.build();
    }

    private static ChatRequest cohereRequest(JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder();
        if (body.has("preamble")) {
            b.system(body.get("preamble").asText());
        }
        for (JsonNode turn : body.path("chat_history")) {
            b.message(message(turn.path("role").asText().equals("USER") ? Role.USER : Role.ASSISTANT,
                    turn.path("message").asText()));
        }
        b.user(body.path("message").asText());
        if (body.has("max_tokens")) {
            b.maxTokens(body.get("max_tokens").asInt());
        }
        if (body.has("temperature")) {
            b.temperature(body.get("temperature").asDouble());
        }
        if (body.has("p")) {
            b.topP(body.get("p").asDouble());
        }
        b.stopSequences(strings(body.path("stop_sequences")));
        return b.build();
    }

    /**
     * DeepSeek-R1's text completion body: {@code prompt} in DeepSeek's chat template (as AWS's example writes it,
     * {@code <｜begin▁of▁sentence｜><｜User｜>...<｜Assistant｜><think>\n}), {@code max_tokens},
     * {@code temperature}, {@code top_p}, {@code stop}. A prompt without the template is one user turn.
     */
    private static ChatRequest deepSeekRequest(JsonNode body) {
        if (!body.path("prompt").isTextual()) {
            throw new IllegalArgumentException("prompt is required: send {\"prompt\":\"...\"}");
        }
        ChatRequest.Builder b = ChatRequest.builder();
        String prompt = body.path("prompt").asText().replace(DEEPSEEK_BOS, "");
        String[] turns = prompt.split(Pattern.quote(DEEPSEEK_USER), -1);
        if (turns.length == 1) {
            b.user(prompt.replace(DEEPSEEK_ASSISTANT, "").replace("<think>", "").strip());
        } else {
            if (!turns[0].isBlank()) {
                b.system(turns[0].strip());
            }
            for (int i = 1; i < turns.length; i++) {
                int cut = turns[i].indexOf(DEEPSEEK_ASSISTANT);
                b.user((cut < 0 ? turns[i] : turns[i].substring(0, cut)).strip());
                String answer = cut < 0 ? "" : turns[i].substring(cut + DEEPSEEK_ASSISTANT.length())
                        .replace(DEEPSEEK_EOS, "").replace("<think>", "").strip();
                if (!answer.isEmpty()) {
                    b.assistant(answer);
                }
            }
        }
        if (body.has("max_tokens")) {
            b.maxTokens(body.get("max_tokens").asInt());
        }
        samplingSnakeCase(body, b);
        JsonNode stop = body.path("stop");
        b.stopSequences(stop.isTextual() ? new String[] {stop.asText()} : strings(stop));
        return b.build();
    }

    private static final String DEEPSEEK_BOS = "<\uFF5Cbegin\u2581of\u2581sentence\uFF5C>";
    private static final String DEEPSEEK_EOS = "<\uFF5Cend\u2581of\u2581sentence\uFF5C>";
    private static final String DEEPSEEK_USER = "<\uFF5CUser\uFF5C>";
    private static final String DEEPSEEK_ASSISTANT = "<\uFF5CAssistant\uFF5C>";

    private static void samplingSnakeCase(JsonNode body, ChatRequest.Builder b) {
        if (body.has("temperature")) {
            b.temperature(body.get("temperature").asDouble());
        }
        if (body.has("top_p")) {
            b.topP(body.get("top_p").asDouble());
        }
    }

    private static Message message(Role role, String text) {
        return new Message(role, List.of(new ContentBlock.Text(text)));
    }

    private static String[] strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.toArray(String[]::new);
    }

    // ------------------------------------------------------------------ responses

    /**
     * Writes a response as the family's native {@code InvokeModel} answer.
     *
     * @param family the family
     * @param modelId the model id, echoed where the body carries one
     * @param response the response, with usage filled in
     * @return the body
     */
    public static ObjectNode writeResponse(ModelFamily family, String modelId, ChatResponse response) {
        Usage usage = response.usage();
        String text = response.text();
        StopReason stop = response.stopReason();
        ObjectNode body = JsonSupport.object();
        switch (family) {
            case ANTHROPIC_CLAUDE -> {
                body.put("id", "msg_local_" + Integer.toHexString(text.hashCode()));
                body.put("type", "message").put("role", "assistant").put("model", modelId);
                ArrayNode content = body.putArray("content");
                for (ContentBlock block : response.message().content()) {
                    ObjectNode part = anthropicPart(block);
                    if (part != null) {
                        content.add(part);
                    }
                }
                body.put("stop_reason", stop.value()).putNull("stop_sequence");
                body.putObject("usage").put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens());
            }
            case AMAZON_NOVA -> {
                body = ConverseCodec.response(response);
                body.remove("metrics");
            }
            case AMAZON_TITAN_TEXT -> {
                body.put("inputTextTokenCount", usage.inputTokens());
                body.putArray("results").addObject().put("tokenCount", usage.outputTokens()).put("outputText", text)
                        .put("completionReason", titanReason(stop));
            }
            case META_LLAMA -> body.put("generation", text).put("prompt_token_count", usage.inputTokens())
                    .put("generation_token_count", usage.outputTokens()).put("stop_reason", lengthOrStop(stop));
            case MISTRAL -> body.putArray("outputs").addObject().put("text", text).put("stop_reason", lengthOrStop(stop));
            case COHERE_COMMAND -> {
                body.put("response_id", "local-" + Integer.toHexString(text.hashCode()));
                body.put("text", text).put("generation_id", "local-gen-" + Integer.toHexString(text.hashCode()));
                body.put("finish_reason", cohereReason(stop));
                body.putArray("chat_history");
            }
            case AI21_JAMBA -> body = ChatCompletions.jambaResponse(response);
            case OPENAI_GPT_OSS -> body = ChatCompletions.gptOssResponse(modelId, response);
            // AWS's DeepSeek page: the text completion answers the text, without a reasoning block
            case DEEPSEEK -> body.putArray("choices").addObject().put("text", text).put("stop_reason", lengthOrStop(stop));
            default -> throw new IllegalArgumentException("no native chat body for " + family);
        }
        return body;
    }

    /**
     * Writes a response as the family's native stream, one JSON chunk per element; the last chunk
     * carries {@code amazon-bedrock-invocationMetrics} as Bedrock adds it.
     *
     * @param family the family
     * @param modelId the model id
     * @param response the response, with usage filled in
     * @return the chunks, in order
     */
    public static List<ObjectNode> streamChunks(ModelFamily family, String modelId, ChatResponse response) {
        Usage usage = response.usage();
        StopReason stop = response.stopReason();
        List<String> pieces = TextPieces.split(response.text());
        List<ObjectNode> chunks = new ArrayList<>();
        switch (family) {
            case ANTHROPIC_CLAUDE -> anthropicChunks(modelId, response, chunks);
            case AMAZON_NOVA -> {
                for (WireEvent event : ConverseEvents.of(response)) {
                    ObjectNode chunk = JsonSupport.object();
                    chunk.set(event.type(), event.payload());
                    chunks.add(chunk);
                }
            }
            case AMAZON_TITAN_TEXT -> {
                int produced = 0;
                for (int i = 0; i < pieces.size(); i++) {
                    boolean last = i == pieces.size() - 1;
                    produced = last ? usage.outputTokens() : Math.min(usage.outputTokens(), produced + 1);
                    ObjectNode chunk = JsonSupport.object().put("outputText", pieces.get(i)).put("index", 0)
                            .put("totalOutputTextTokenCount", produced);
                    if (last) {
                        chunk.put("completionReason", titanReason(stop));
                    } else {
                        chunk.putNull("completionReason");
                    }
                    chunk.put("inputTextTokenCount", usage.inputTokens());
                    chunks.add(chunk);
                }
            }
            case META_LLAMA -> {
                for (int i = 0; i < pieces.size(); i++) {
                    boolean last = i == pieces.size() - 1;
                    ObjectNode chunk = JsonSupport.object().put("generation", pieces.get(i));
                    if (i == 0) {
                        chunk.put("prompt_token_count", usage.inputTokens());
                    } else {
                        chunk.putNull("prompt_token_count");
                    }
                    chunk.put("generation_token_count", last ? usage.outputTokens() : i + 1);
                    if (last) {
                        chunk.put("stop_reason", lengthOrStop(stop));
                    } else {
                        chunk.putNull("stop_reason");
                    }
                    chunks.add(chunk);
                }
            }
            case MISTRAL -> {
                for (int i = 0; i < pieces.size(); i++) {
                    ObjectNode output = JsonSupport.object().put("text", pieces.get(i));
                    if (i == pieces.size() - 1) {
                        output.put("stop_reason", lengthOrStop(stop));
                    } else {
                        output.putNull("stop_reason");
                    }
                    ObjectNode chunk = JsonSupport.object();
                    chunk.putArray("outputs").add(output);
                    chunks.add(chunk);
                }
            }
            case COHERE_COMMAND -> {
                chunks.add(JsonSupport.object().put("is_finished", false).put("event_type", "stream-start")
                        .put("generation_id", "local-gen-" + Integer.toHexString(response.text().hashCode())));
                for (String piece : pieces) {
                    chunks.add(JsonSupport.object().put("is_finished", false).put("event_type", "text-generation")
                            .put("text", piece));
                }
                ObjectNode end = JsonSupport.object().put("is_finished", true).put("event_type", "stream-end")
                        .put("finish_reason", cohereReason(stop));
                end.set("response", writeResponse(family, modelId, response));
                chunks.add(end);
            }
            case AI21_JAMBA -> chunks.addAll(ChatCompletions.jambaChunks(response));
            case OPENAI_GPT_OSS -> chunks.addAll(ChatCompletions.gptOssChunks(modelId, response));
            case DEEPSEEK -> {
                for (int i = 0; i < pieces.size(); i++) {
                    ObjectNode choice = JsonSupport.object().put("text", pieces.get(i));
                    if (i == pieces.size() - 1) {
                        choice.put("stop_reason", lengthOrStop(stop));
                    } else {
                        choice.putNull("stop_reason");
                    }
                    ObjectNode chunk = JsonSupport.object();
                    chunk.putArray("choices").add(choice);
                    chunks.add(chunk);
                }
            }
            default -> throw new IllegalArgumentException("no native chat body for " + family);
        }
        ObjectNode metrics = chunks.get(chunks.size() - 1).putObject("amazon-bedrock-invocationMetrics");
        metrics.put("inputTokenCount", usage.inputTokens()).put("outputTokenCount", usage.outputTokens())
                .put("invocationLatency", response.latency().toMillis()).put("firstByteLatency", 0);
        return chunks;
    }

    private static void anthropicChunks(String modelId, ChatResponse response, List<ObjectNode> chunks) {
        Usage usage = response.usage();
        ObjectNode start = JsonSupport.object().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "msg_local_" + Integer.toHexString(response.text().hashCode())).put("type", "message")
                .put("role", "assistant").put("model", modelId);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", usage.inputTokens()).put("output_tokens", 1);
        chunks.add(start);
        int index = 0;
        for (ContentBlock block : response.message().content()) {
            ObjectNode blockStart = JsonSupport.object().put("type", "content_block_start").put("index", index);
            List<ObjectNode> deltas = new ArrayList<>();
            if (block instanceof ContentBlock.Text text) {
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                TextPieces.split(text.text()).forEach(p -> deltas.add(JsonSupport.object().put("type", "text_delta").put("text", p)));
            } else if (block instanceof ContentBlock.ToolUse use) {
                ObjectNode cb = blockStart.putObject("content_block").put("type", "tool_use").put("id", use.id())
                        .put("name", use.name());
                cb.putObject("input");
                TextPieces.fragments(JsonSupport.write(use.input()))
                        .forEach(p -> deltas.add(JsonSupport.object().put("type", "input_json_delta").put("partial_json", p)));
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                blockStart.putObject("content_block").put("type", "thinking").put("thinking", "");
                TextPieces.split(reasoning.text()).forEach(p -> deltas.add(JsonSupport.object().put("type", "thinking_delta").put("thinking", p)));
                if (reasoning.signature() != null) {
                    deltas.add(JsonSupport.object().put("type", "signature_delta").put("signature", reasoning.signature()));
                }
            } else {
                continue;
            }
            chunks.add(blockStart);
            for (ObjectNode delta : deltas) {
                ObjectNode chunk = JsonSupport.object().put("type", "content_block_delta").put("index", index);
                chunk.set("delta", delta);
                chunks.add(chunk);
            }
            chunks.add(JsonSupport.object().put("type", "content_block_stop").put("index", index));
            index++;
        }
        ObjectNode messageDelta = JsonSupport.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", response.stopReason().value()).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", usage.outputTokens());
        chunks.add(messageDelta);
        chunks.add(JsonSupport.object().put("type", "message_stop"));
    }

    private static ObjectNode anthropicPart(ContentBlock block) {
        ObjectNode part = JsonSupport.object();
        if (block instanceof ContentBlock.Text text) {
            return part.put("type", "text").put("text", text.text());
        }
        if (block instanceof ContentBlock.ToolUse use) {
            part.put("type", "tool_use").put("id", use.id()).put("name", use.name());
            part.set("input", use.input());
            return part;
        }
        if (block instanceof ContentBlock.Reasoning reasoning) {
            part.put("type", "thinking").put("thinking", reasoning.text());
            if (reasoning.signature() != null) {
                part.put("signature", reasoning.signature());
            }
            return part;
        }
        if (block instanceof ContentBlock.RedactedReasoning redacted) {
            return part.put("type", "redacted_thinking").put("data", Base64.getEncoder().encodeToString(redacted.data()));
        }
        return null;
    }

    private static String titanReason(StopReason stop) {
        if (stop.equals(StopReason.MAX_TOKENS)) {
            return "LENGTH";
        }
        if (stop.equals(StopReason.STOP_SEQUENCE)) {
            return "STOP_CRITERIA_MET";
        }
        return stop.equals(StopReason.CONTENT_FILTERED) ? "CONTENT_FILTERED" : "FINISH";
    }

    private static String lengthOrStop(StopReason stop) {
        return stop.equals(StopReason.MAX_TOKENS) ? "length" : "stop";
    }

    private static String cohereReason(StopReason stop) {
        if (stop.equals(StopReason.MAX_TOKENS)) {
            return "MAX_TOKENS";
        }
        if (stop.equals(StopReason.STOP_SEQUENCE)) {
            return "STOP_SEQUENCE";
        }
        return stop.equals(StopReason.CONTENT_FILTERED) ? "ERROR_TOXIC" : "COMPLETE";
    }
}
