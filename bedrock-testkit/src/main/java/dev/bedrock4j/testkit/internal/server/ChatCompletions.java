package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.internal.TextPieces;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The chat completion bodies of AI21 Jamba and OpenAI gpt-oss, which both follow OpenAI's Chat Completions
 * shape: {@code messages} of {@code system} (gpt-oss also {@code developer}), {@code user},
 * {@code assistant} (with {@code tool_calls}) and {@code tool} turns, answered as {@code choices} with a
 * {@code message}, a {@code finish_reason} and {@code usage}; streamed as chunks with a {@code delta}.
 *
 * <p>Sources: AWS's pages model-parameters-jamba.html (request fields; the response as AI21's own SDK reads
 * it: {@code id}, {@code choices}, {@code usage}, {@code meta}) and model-parameters-openai.html (OpenAI's
 * chat completion object; over InvokeModel the reasoning comes first in the content, inside
 * {@code <reasoning>} tags). Thread-safe: stateless.
 */
final class ChatCompletions {
    private static final Set<String> FIELDS = Set.of("messages", "max_tokens", "max_completion_tokens", "temperature",
            "top_p", "stop", "tools", "tool_choice", "model", "stream");

    private ChatCompletions() {
    }

    static ChatRequest parseRequest(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages is required: send {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]}");
        }
        ChatRequest.Builder b = ChatRequest.builder();
        List<ContentBlock> toolResults = new ArrayList<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (!role.equals("tool") && !toolResults.isEmpty()) {
                b.message(new Message(Role.USER, List.copyOf(toolResults)));
                toolResults.clear();
            }
            String text = text(message.path("content"));
            switch (role) {
                case "system", "developer" -> b.system(text);
                case "user" -> b.user(text);
                case "assistant" -> {
                    List<ContentBlock> content = new ArrayList<>();
                    if (!text.isEmpty()) {
                        content.add(new ContentBlock.Text(text));
                    }
                    for (JsonNode call : message.path("tool_calls")) {
                        JsonNode function = call.path("function");
                        JsonNode arguments = function.path("arguments");
                        content.add(new ContentBlock.ToolUse(call.path("id").asText(), function.path("name").asText(),
                                arguments.isTextual() ? JsonSupport.parse(arguments.asText()) : arguments));
                    }
                    b.message(new Message(Role.ASSISTANT, content.isEmpty() ? List.of(new ContentBlock.Text("")) : content));
                }
                case "tool" -> toolResults.add(new ContentBlock.ToolResult(message.path("tool_call_id").asText(),
                        List.of(new ContentBlock.Text(text)), false));
                default -> throw new IllegalArgumentException("a message's role must be system, user, assistant or tool,"
                        + " was \"" + role + "\"");
            }
        }
        if (!toolResults.isEmpty()) {
            b.message(new Message(Role.USER, List.copyOf(toolResults)));
        }
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (max != null && max.isNumber()) {
            b.maxTokens(max.asInt());
        }
        if (body.has("temperature")) {
            b.temperature(body.get("temperature").asDouble());
        }
        if (body.has("top_p")) {
            b.topP(body.get("top_p").asDouble());
        }
        JsonNode stop = body.path("stop");
        if (stop.isTextual()) {
            b.stopSequences(stop.asText());
        } else if (stop.isArray()) {
            List<String> stops = new ArrayList<>();
            stop.forEach(s -> stops.add(s.asText()));
            b.stopSequences(stops.toArray(String[]::new));
        }
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.path("function");
            b.tools(ToolDefinition.of(function.path("name").asText(), function.path("description").asText(""),
                    function.path("parameters")));
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "required" -> b.toolChoice(ToolChoice.any());
                case "auto" -> b.toolChoice(ToolChoice.auto());
                default -> {
                }
            }
        } else if (choice.path("function").has("name")) {
            b.toolChoice(ToolChoice.tool(choice.path("function").path("name").asText()));
        }
        ObjectNode extra = JsonSupport.object();
        body.fields().forEachRemaining(field -> {
            if (!FIELDS.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        });
        if (!extra.isEmpty()) {
            b.additionalModelRequestFields(extra);
        }
        return b.build();
    }

    /** A message's content: a string, or OpenAI's list of {@code {"type":"text","text":...}} parts. */
    private static String text(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return content.isNull() || content.isMissingNode() ? "" : content.asText();
    }

    // ------------------------------------------------------------------ answers

    static ObjectNode jambaResponse(ChatResponse response) {
        ObjectNode body = JsonSupport.object().put("id", id(response));
        body.putArray("choices").add(choice(response, ""));
        body.set("usage", usage(response.usage()));
        body.putObject("meta").put("requestDurationMillis", response.latency().toMillis());
        return body;
    }

    static ObjectNode gptOssResponse(String modelId, ChatResponse response) {
        ObjectNode body = JsonSupport.object().put("id", id(response)).put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", modelId);
        body.putArray("choices").add(choice(response, reasoningPrefix(response)));
        body.set("usage", usage(response.usage()));
        return body;
    }

    private static ObjectNode choice(ChatResponse response, String prefix) {
        ObjectNode choice = JsonSupport.object().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        ArrayNode calls = toolCalls(response);
        String text = prefix + response.text();
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(response.stopReason()));
        return choice;
    }

    static List<ObjectNode> jambaChunks(ChatResponse response) {
        return chunks(JsonSupport.object().put("id", id(response)), response, "");
    }

    static List<ObjectNode> gptOssChunks(String modelId, ChatResponse response) {
        ObjectNode head = JsonSupport.object().put("id", id(response)).put("object", "chat.completion.chunk")
                .put("created", System.currentTimeMillis() / 1000).put("model", modelId);
        return chunks(head, response, reasoningPrefix(response));
    }

    /** The role first, then the text in pieces, each tool call's name and its arguments in fragments, then the finish. */
    private static List<ObjectNode> chunks(ObjectNode head, ChatResponse response, String prefix) {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(head, JsonSupport.object().put("role", "assistant").put("content", ""), null));
        String text = prefix + response.text();
        if (!text.isEmpty()) {
            for (String piece : TextPieces.split(text)) {
                chunks.add(chunk(head, JsonSupport.object().put("content", piece), null));
            }
        }
        int index = 0;
        for (ContentBlock block : response.message().content()) {
            if (block instanceof ContentBlock.ToolUse use) {
                ObjectNode start = JsonSupport.object();
                ObjectNode call = start.putArray("tool_calls").addObject().put("index", index).put("id", use.id())
                        .put("type", "function");
                call.putObject("function").put("name", use.name()).put("arguments", "");
                chunks.add(chunk(head, start, null));
                for (String fragment : TextPieces.fragments(JsonSupport.write(use.input()))) {
                    ObjectNode delta = JsonSupport.object();
                    delta.putArray("tool_calls").addObject().put("index", index).putObject("function")
                            .put("arguments", fragment);
                    chunks.add(chunk(head, delta, null));
                }
                index++;
            }
        }
        ObjectNode last = chunk(head, JsonSupport.object(), finishReason(response.stopReason()));
        last.set("usage", usage(response.usage()));
        chunks.add(last);
        return chunks;
    }

    private static ObjectNode chunk(ObjectNode head, ObjectNode delta, String finishReason) {
        ObjectNode chunk = head.deepCopy();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ArrayNode toolCalls(ChatResponse response) {
        ArrayNode calls = JsonSupport.array();
        for (ContentBlock block : response.message().content()) {
            if (block instanceof ContentBlock.ToolUse use) {
                ObjectNode call = calls.addObject().put("id", use.id()).put("type", "function");
                call.putObject("function").put("name", use.name()).put("arguments", JsonSupport.write(use.input()));
            }
        }
        return calls;
    }

    /** gpt-oss over InvokeModel: the reasoning, inside {@code <reasoning>} tags, comes before the text. */
    private static String reasoningPrefix(ChatResponse response) {
        String reasoning = response.reasoning();
        return reasoning.isEmpty() ? "" : "<reasoning>" + reasoning + "</reasoning>";
    }

    private static ObjectNode usage(Usage usage) {
        return JsonSupport.object().put("prompt_tokens", usage.inputTokens()).put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.inputTokens() + usage.outputTokens());
    }

    private static String id(ChatResponse response) {
        return "chatcmpl-local-" + Integer.toHexString(response.message().hashCode());
    }

    private static String finishReason(StopReason stop) {
        if (stop.equals(StopReason.MAX_TOKENS)) {
            return "length";
        }
        if (stop.equals(StopReason.TOOL_USE)) {
            return "tool_calls";
        }
        return stop.equals(StopReason.CONTENT_FILTERED) || stop.equals(StopReason.GUARDRAIL_INTERVENED)
                ? "content_filter" : "stop";
    }
}
