package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Maps the library's chat types to the Converse API's JSON and back. The JSON is exactly what the AWS SDK
 * sends and receives, so {@link SdkJson} turns it into SDK objects and the renderer shows it as is.
 * Thread-safe.
 */
public final class ConverseCodec {
    private ConverseCodec() {
    }

    // ---------------------------------------------------------------- requests

    /** The Converse request body for a request (the model id travels in the path). */
    public static ObjectNode request(ChatRequest request) {
        ObjectNode json = JsonSupport.object();
        ArrayNode messages = json.putArray("messages");
        for (Message message : request.messages()) {
            messages.add(message(message));
        }
        if (!request.system().isEmpty()) {
            ArrayNode system = json.putArray("system");
            for (ContentBlock block : request.system()) {
                system.add(block(block));
            }
        }
        ObjectNode inference = JsonSupport.object();
        request.maxTokens().ifPresent(v -> inference.put("maxTokens", v));
        request.temperature().ifPresent(v -> inference.put("temperature", v));
        request.topP().ifPresent(v -> inference.put("topP", v));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = inference.putArray("stopSequences");
            request.stopSequences().forEach(stops::add);
        }
        if (!inference.isEmpty()) {
            json.set("inferenceConfig", inference);
        }
        if (!request.tools().isEmpty()) {
            ObjectNode toolConfig = json.putObject("toolConfig");
            ArrayNode tools = toolConfig.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode spec = tools.addObject().putObject("toolSpec");
                spec.put("name", tool.name());
                spec.put("description", tool.description());
                spec.putObject("inputSchema").set("json", tool.inputSchema());
            }
            if (request.cacheTools()) {
                tools.addObject().putObject("cachePoint").put("type", "default");
            }
            request.toolChoice().ifPresent(choice -> toolConfig.set("toolChoice", toolChoice(choice)));
        }
        request.guardrail().ifPresent(g -> {
            ObjectNode guardrail = json.putObject("guardrailConfig");
            guardrail.put("guardrailIdentifier", g.id());
            guardrail.put("guardrailVersion", g.version());
            if (g.trace() != Guardrail.Trace.DISABLED) {
                guardrail.put("trace", g.trace().wireName());
            }
        });
        request.additionalModelRequestFields().ifPresent(f -> json.set("additionalModelRequestFields", f));
        if (!request.additionalModelResponseFieldPaths().isEmpty()) {
            ArrayNode paths = json.putArray("additionalModelResponseFieldPaths");
            request.additionalModelResponseFieldPaths().forEach(paths::add);
        }
        if (!request.requestMetadata().isEmpty()) {
            ObjectNode metadata = json.putObject("requestMetadata");
            request.requestMetadata().forEach(metadata::put);
        }
        return json;
    }

    /** Parses a Converse request body back into a request, as a server would. */
    public static ChatRequest parseRequest(JsonNode json) {
        ChatRequest.Builder builder = ChatRequest.builder();
        for (JsonNode system : json.path("system")) {
            builder.system(block(system));
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : json.path("messages")) {
            messages.add(parseMessage(message));
        }
        builder.messages(messages);
        JsonNode inference = json.path("inferenceConfig");
        if (inference.has("maxTokens")) {
            builder.maxTokens(inference.get("maxTokens").asInt());
        }
        if (inference.has("temperature")) {
            builder.temperature(decimal(inference.get("temperature")));
        }
        if (inference.has("topP")) {
            builder.topP(decimal(inference.get("topP")));
        }
        if (inference.has("stopSequences")) {
            List<String> stops = new ArrayList<>();
            inference.get("stopSequences").forEach(s -> stops.add(s.asText()));
            builder.stopSequences(stops.toArray(String[]::new));
        }
        JsonNode toolConfig = json.path("toolConfig");
        for (JsonNode tool : toolConfig.path("tools")) {
            if (tool.has("toolSpec")) {
                JsonNode spec = tool.get("toolSpec");
                builder.tools(ToolDefinition.of(spec.path("name").asText(), spec.path("description").asText(""),
                        spec.path("inputSchema").path("json")));
            } else if (tool.has("cachePoint")) {
                builder.cacheTools();
            }
        }
        JsonNode choice = toolConfig.path("toolChoice");
        if (choice.has("auto")) {
            builder.toolChoice(ToolChoice.auto());
        } else if (choice.has("any")) {
            builder.toolChoice(ToolChoice.any());
        } else if (choice.has("tool")) {
            builder.toolChoice(ToolChoice.tool(choice.get("tool").path("name").asText()));
        }
        JsonNode guardrail = json.path("guardrailConfig");
        if (guardrail.has("guardrailIdentifier")) {
            Guardrail.Trace trace = Guardrail.Trace.DISABLED;
            for (Guardrail.Trace t : Guardrail.Trace.values()) {
                if (t.wireName().equals(guardrail.path("trace").asText())) {
                    trace = t;
                }
            }
            builder.guardrail(new Guardrail(guardrail.get("guardrailIdentifier").asText(),
                    guardrail.path("guardrailVersion").asText(), trace));
        }
        if (json.has("additionalModelRequestFields")) {
            builder.additionalModelRequestFields(json.get("additionalModelRequestFields"));
        }
        if (json.has("additionalModelResponseFieldPaths")) {
            List<String> paths = new ArrayList<>();
            json.get("additionalModelResponseFieldPaths").forEach(p -> paths.add(p.asText()));
            builder.additionalModelResponseFieldPaths(paths.toArray(String[]::new));
        }
        Iterator<Map.Entry<String, JsonNode>> metadata = json.path("requestMetadata").fields();
        while (metadata.hasNext()) {
            Map.Entry<String, JsonNode> entry = metadata.next();
            builder.requestMetadata(entry.getKey(), entry.getValue().asText());
        }
        return builder.build();
    }

    // Converse carries these as 32-bit floats: read back the shortest decimal that float stands for (0.9, not 0.899999976).
    private static double decimal(JsonNode number) {
        return Double.parseDouble(Float.toString(number.floatValue()));
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        ObjectNode json = JsonSupport.object();
        if (choice instanceof ToolChoice.Named named) {
            json.putObject("tool").put("name", named.name());
        } else if (choice instanceof ToolChoice.Any) {
            json.putObject("any");
        } else {
            json.putObject("auto");
        }
        return json;
    }

    // ---------------------------------------------------------------- messages and blocks

    /** A message as Converse JSON. */
    public static ObjectNode message(Message message) {
        ObjectNode json = JsonSupport.object();
        json.put("role", message.role().wireName());
        ArrayNode content = json.putArray("content");
        for (ContentBlock block : message.content()) {
            content.add(block(block));
        }
        return json;
    }

    /** Parses a Converse message. */
    public static Message parseMessage(JsonNode json) {
        List<ContentBlock> content = new ArrayList<>();
        for (JsonNode block : json.path("content")) {
            content.add(block(block));
        }
        return new Message(Role.fromWireName(json.path("role").asText("assistant")), content);
    }

    /** A content block as Converse JSON: an object with exactly one key. */
    public static ObjectNode block(ContentBlock block) {
        ObjectNode json = JsonSupport.object();
        if (block instanceof ContentBlock.Text text) {
            json.put("text", text.text());
        } else if (block instanceof ContentBlock.Image image) {
            ObjectNode body = json.putObject("image");
            body.put("format", image.format());
            body.set("source", source(image.source()));
        } else if (block instanceof ContentBlock.Document document) {
            ObjectNode body = json.putObject("document");
            body.put("format", document.format());
            body.put("name", document.name());
            body.set("source", source(document.source()));
            if (document.context() != null) {
                body.put("context", document.context());
            }
            if (document.citations()) {
                body.putObject("citations").put("enabled", true);
            }
        } else if (block instanceof ContentBlock.Video video) {
            ObjectNode body = json.putObject("video");
            body.put("format", video.format());
            body.set("source", source(video.source()));
        } else if (block instanceof ContentBlock.ToolUse use) {
            ObjectNode body = json.putObject("toolUse");
            body.put("toolUseId", use.id());
            body.put("name", use.name());
            body.set("input", use.input());
        } else if (block instanceof ContentBlock.ToolResult result) {
            ObjectNode body = json.putObject("toolResult");
            body.put("toolUseId", result.toolUseId());
            ArrayNode content = body.putArray("content");
            for (ContentBlock part : result.content()) {
                content.add(block(part));
            }
            body.put("status", result.error() ? "error" : "success");
        } else if (block instanceof ContentBlock.Json value) {
            json.set("json", value.value());
        } else if (block instanceof ContentBlock.Reasoning reasoning) {
            ObjectNode text = json.putObject("reasoningContent").putObject("reasoningText");
            text.put("text", reasoning.text());
            if (reasoning.signature() != null) {
                text.put("signature", reasoning.signature());
            }
        } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
            json.putObject("reasoningContent").put("redactedContent", base64(redacted.data()));
        } else if (block instanceof ContentBlock.Citations citations) {
            ObjectNode body = json.putObject("citationsContent");
            ArrayNode content = body.putArray("content");
            citations.content().forEach(text -> content.addObject().put("text", text));
            ArrayNode list = body.putArray("citations");
            for (Citation citation : citations.citations()) {
                ObjectNode c = list.addObject();
                if (citation.title() != null) {
                    c.put("title", citation.title());
                }
                if (citation.source() != null) {
                    c.put("source", citation.source());
                }
                ArrayNode sourceContent = c.putArray("sourceContent");
                citation.sourceContent().forEach(text -> sourceContent.addObject().put("text", text));
                if (!citation.location().isNull()) {
                    c.set("location", citation.location());
                }
            }
        } else if (block instanceof ContentBlock.CachePoint cache) {
            ObjectNode body = json.putObject("cachePoint");
            body.put("type", "default");
            if (cache.ttl() != null) {
                body.put("ttl", cache.ttl());
            }
        } else if (block instanceof ContentBlock.GuardContent guard) {
            ObjectNode text = json.putObject("guardContent").putObject("text");
            text.put("text", guard.text());
            if (!guard.qualifiers().isEmpty()) {
                ArrayNode qualifiers = text.putArray("qualifiers");
                guard.qualifiers().forEach(qualifiers::add);
            }
        } else if (block instanceof ContentBlock.Other other) {
            return (ObjectNode) other.json();
        }
        return json;
    }

    /** Parses a Converse content block; shapes this version does not model become {@link ContentBlock.Other}. */
    public static ContentBlock block(JsonNode json) {
        if (json.has("text") && json.get("text").isTextual()) {
            return new ContentBlock.Text(json.get("text").asText());
        }
        if (json.has("image")) {
            JsonNode body = json.get("image");
            return new ContentBlock.Image(body.path("format").asText(), parseSource(body.path("source")));
        }
        if (json.has("document")) {
            JsonNode body = json.get("document");
            return new ContentBlock.Document(body.path("format").asText("txt"), body.path("name").asText(),
                    parseSource(body.path("source")), body.path("citations").path("enabled").asBoolean(false),
                    body.has("context") ? body.get("context").asText() : null);
        }
        if (json.has("video")) {
            JsonNode body = json.get("video");
            return new ContentBlock.Video(body.path("format").asText(), parseSource(body.path("source")));
        }
        if (json.has("toolUse") && !json.get("toolUse").has("type")) {
            JsonNode body = json.get("toolUse");
            JsonNode input = body.path("input");
            return new ContentBlock.ToolUse(body.path("toolUseId").asText(), body.path("name").asText(),
                    input.isMissingNode() ? JsonSupport.object() : input);
        }
        if (json.has("toolResult") && !json.get("toolResult").has("type")) {
            JsonNode body = json.get("toolResult");
            List<ContentBlock> content = new ArrayList<>();
            for (JsonNode part : body.path("content")) {
                content.add(block(part));
            }
            return new ContentBlock.ToolResult(body.path("toolUseId").asText(), content,
                    "error".equals(body.path("status").asText()));
        }
        if (json.has("json")) {
            return new ContentBlock.Json(json.get("json"));
        }
        if (json.has("reasoningContent")) {
            JsonNode body = json.get("reasoningContent");
            if (body.has("reasoningText")) {
                JsonNode text = body.get("reasoningText");
                return new ContentBlock.Reasoning(text.path("text").asText(),
                        text.has("signature") ? text.get("signature").asText() : null);
            }
            if (body.has("redactedContent")) {
                return new ContentBlock.RedactedReasoning(Base64.getDecoder().decode(body.get("redactedContent").asText()));
            }
        }
        if (json.has("citationsContent")) {
            JsonNode body = json.get("citationsContent");
            List<String> content = new ArrayList<>();
            body.path("content").forEach(c -> content.add(c.path("text").asText()));
            List<Citation> citations = new ArrayList<>();
            for (JsonNode c : body.path("citations")) {
                List<String> sourceContent = new ArrayList<>();
                c.path("sourceContent").forEach(s -> sourceContent.add(s.path("text").asText()));
                citations.add(new Citation(c.has("title") ? c.get("title").asText() : null,
                        c.has("source") ? c.get("source").asText() : null, sourceContent, c.get("location")));
            }
            return new ContentBlock.Citations(content, citations);
        }
        if (json.has("cachePoint") && json.get("cachePoint").size() <= 2) {
            JsonNode body = json.get("cachePoint");
            return body.has("ttl") ? new ContentBlock.CachePoint(body.get("ttl").asText()) : ContentBlock.CachePoint.DEFAULT;
        }
        if (json.has("guardContent") && json.get("guardContent").has("text")) {
            JsonNode text = json.get("guardContent").get("text");
            List<String> qualifiers = new ArrayList<>();
            text.path("qualifiers").forEach(q -> qualifiers.add(q.asText()));
            return new ContentBlock.GuardContent(text.path("text").asText(), qualifiers);
        }
        return new ContentBlock.Other(json);
    }

    private static ObjectNode source(MediaSource source) {
        ObjectNode json = JsonSupport.object();
        if (source instanceof MediaSource.Bytes bytes) {
            json.put("bytes", base64(bytes.data()));
        } else if (source instanceof MediaSource.S3 s3) {
            ObjectNode location = json.putObject("s3Location");
            location.put("uri", s3.uri());
            if (s3.bucketOwner() != null) {
                location.put("bucketOwner", s3.bucketOwner());
            }
        } else if (source instanceof MediaSource.Text text) {
            json.put("text", text.text());
        } else if (source instanceof MediaSource.TextParts parts) {
            ArrayNode content = json.putArray("content");
            parts.parts().forEach(p -> content.addObject().put("text", p));
        }
        return json;
    }

    private static MediaSource parseSource(JsonNode json) {
        if (json.has("bytes")) {
            return MediaSource.bytes(Base64.getDecoder().decode(json.get("bytes").asText()));
        }
        if (json.has("s3Location")) {
            JsonNode location = json.get("s3Location");
            return new MediaSource.S3(location.path("uri").asText(),
                    location.has("bucketOwner") ? location.get("bucketOwner").asText() : null);
        }
        if (json.has("text")) {
            return MediaSource.text(json.get("text").asText());
        }
        List<String> parts = new ArrayList<>();
        json.path("content").forEach(p -> parts.add(p.path("text").asText()));
        return new MediaSource.TextParts(parts);
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    // ---------------------------------------------------------------- responses

    /** Parses a Converse response body. */
    public static ChatResponse parseResponse(JsonNode json, String modelId) {
        JsonNode usage = json.path("usage");
        ChatResponse.Builder builder = ChatResponse.builder()
                .modelId(modelId)
                .message(parseMessage(json.path("output").path("message")))
                .stopReason(StopReason.of(json.path("stopReason").asText("end_turn")))
                .usage(usage(usage))
                .latency(Duration.ofMillis(json.path("metrics").path("latencyMs").asLong()));
        JsonNode guardrail = json.path("trace").path("guardrail");
        if (!guardrail.isMissingNode() && !guardrail.isNull()) {
            builder.guardrailTrace(guardrail);
        }
        if (json.hasNonNull("additionalModelResponseFields")) {
            builder.additionalModelResponseFields(json.get("additionalModelResponseFields"));
        }
        return builder.build();
    }

    /** Parses a Converse {@code usage} object. */
    public static Usage usage(JsonNode usage) {
        return new Usage(usage.path("inputTokens").asInt(), usage.path("outputTokens").asInt(),
                usage.path("cacheReadInputTokens").asInt(), usage.path("cacheWriteInputTokens").asInt());
    }

    /** A Converse response body for a response, as a server would write it. */
    public static ObjectNode response(ChatResponse response) {
        ObjectNode json = JsonSupport.object();
        json.putObject("output").set("message", message(response.message()));
        json.put("stopReason", response.stopReason().value());
        json.set("usage", usage(response.usage()));
        json.putObject("metrics").put("latencyMs", response.latency().toMillis());
        response.guardrailTrace().ifPresent(trace -> json.putObject("trace").set("guardrail", trace));
        response.additionalModelResponseFields().ifPresent(f -> json.set("additionalModelResponseFields", f));
        return json;
    }

    /** A Converse {@code usage} object. */
    public static ObjectNode usage(Usage usage) {
        ObjectNode json = JsonSupport.object();
        json.put("inputTokens", usage.inputTokens());
        json.put("outputTokens", usage.outputTokens());
        json.put("totalTokens", usage.totalTokens());
        if (usage.cacheReadInputTokens() > 0) {
            json.put("cacheReadInputTokens", usage.cacheReadInputTokens());
        }
        if (usage.cacheWriteInputTokens() > 0) {
            json.put("cacheWriteInputTokens", usage.cacheWriteInputTokens());
        }
        return json;
    }
}
