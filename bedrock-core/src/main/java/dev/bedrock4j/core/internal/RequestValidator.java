package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.spi.Preflight;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The pre-flight checks run before any Converse call. Thread-safe. */
public final class RequestValidator {
    /** Bedrock's limit on cache points in one request. */
    public static final int MAX_CACHE_POINTS = 4;
    private static final Pattern DOCUMENT_NAME = Pattern.compile("^[A-Za-z0-9()\\[\\]-]+( [A-Za-z0-9()\\[\\]-]+)*$");

    private RequestValidator() {
    }

    /**
     * Throws {@link InvalidRequestException} naming the field and the fix, on the first problem found: the
     * checks of the request's shape here, then what Bedrock itself refuses ({@link ServiceChecks#content}).
     */
    public static void validate(ChatRequest request, ModelInfo model) {
        String id = model.baseModelId();
        List<Message> messages = request.messages();
        // the conversation's shape (first turn, alternation, empty turns, tool results and their calls) is
        // what Bedrock itself checks, so the check is shared with the testkit's server
        ServiceChecks.conversation(request).ifPresent(rejection -> {
            throw rejection.toException();
        });
        int cachePoints = 0;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            for (int j = 0; j < message.content().size(); j++) {
                cachePoints += checkBlock(message.content().get(j), "messages[" + i + "].content[" + j + "]", message.role(), model);
            }
        }
        for (int j = 0; j < request.system().size(); j++) {
            ContentBlock block = request.system().get(j);
            String field = "system[" + j + "]";
            if (!(block instanceof ContentBlock.Text || block instanceof ContentBlock.CachePoint
                    || block instanceof ContentBlock.GuardContent)) {
                throw new InvalidRequestException(field, field + " is a " + block.getClass().getSimpleName()
                        + " block; system prompts take only text, cache points and guard content");
            }
            if (block instanceof ContentBlock.CachePoint) {
                cachePoints++;
            }
        }
        boolean hasSystemText = request.system().stream().anyMatch(b -> b instanceof ContentBlock.Text);
        if (hasSystemText && !model.supports(Capability.SYSTEM_PROMPT)) {
            throw new InvalidRequestException("system", id + " does not accept a system prompt;"
                    + " put the instructions at the start of the first user turn instead");
        }
        if (request.cacheTools()) {
            cachePoints++;
        }
        if (cachePoints > MAX_CACHE_POINTS) {
            throw new InvalidRequestException("cachePoint", "the request has " + cachePoints
                    + " cache points; Bedrock accepts at most " + MAX_CACHE_POINTS + ", so remove the earliest ones");
        }
        if (cachePoints > 0 && !model.supports(Capability.PROMPT_CACHING)) {
            throw new InvalidRequestException("cachePoint", id + " does not support prompt caching; remove the cache points");
        }
        request.temperature().ifPresent(t -> {
            if (!(t >= 0.0 && t <= 1.0)) {
                throw new InvalidRequestException("temperature", "temperature must be between 0.0 and 1.0, was " + t);
            }
        });
        request.topP().ifPresent(p -> {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new InvalidRequestException("topP", "topP must be between 0.0 and 1.0, was " + p);
            }
        });
        request.maxTokens().ifPresent(m -> {
            if (m <= 0) {
                throw new InvalidRequestException("maxTokens", "maxTokens must be at least 1, was " + m);
            }
        });
        for (int i = 0; i < request.stopSequences().size(); i++) {
            if (request.stopSequences().get(i).isEmpty()) {
                throw new InvalidRequestException("stopSequences[" + i + "]", "stop sequences must not be empty");
            }
        }
        checkTools(request, model);
        ServiceChecks.content(request, model).ifPresent(rejection -> {
            throw rejection.toException();
        });
    }

    private static void checkTools(ChatRequest request, ModelInfo model) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < request.tools().size(); i++) {
            ToolDefinition tool = request.tools().get(i);
            String field = "tools[" + i + "].name";
            Preflight.toolName(tool.name(), field);
            if (!names.add(tool.name())) {
                throw new InvalidRequestException(field, "tool name '" + tool.name() + "' is offered twice; tool names must be unique");
            }
            if (!tool.inputSchema().isObject() || !"object".equals(tool.inputSchema().path("type").asText("object"))) {
                throw new InvalidRequestException("tools[" + i + "].inputSchema",
                        "the input schema of tool '" + tool.name() + "' must be a JSON Schema object with \"type\": \"object\"");
            }
        }
        if (!request.tools().isEmpty() && !model.supports(Capability.TOOLS)) {
            throw new InvalidRequestException("tools", model.baseModelId() + " does not support tool use;"
                    + " choose a model that does (see ModelCatalog) or remove the tools");
        }
        if (request.toolChoice().isPresent() && request.tools().isEmpty()) {
            throw new InvalidRequestException("toolChoice", "a tool choice is set but no tools are offered; add tools or remove the choice");
        }
        if (request.toolChoice().orElse(null) instanceof ToolChoice.Named named && !names.contains(named.name())) {
            throw new InvalidRequestException("toolChoice", "the tool choice names '" + named.name()
                    + "', which is not among the offered tools " + names);
        }
    }

    private static int checkBlock(ContentBlock block, String field, Role role, ModelInfo model) {
        String id = model.baseModelId();
        checkMediaSource(block, field);
        if (block instanceof ContentBlock.Image && !model.supports(Capability.IMAGES)) {
            throw new InvalidRequestException(field, id + " does not accept images; choose a multimodal model");
        }
        if (block instanceof ContentBlock.Video && !model.supports(Capability.VIDEO)) {
            throw new InvalidRequestException(field, id + " does not accept video; choose a model that does, such as Amazon Nova Lite or Pro");
        }
        if (block instanceof ContentBlock.Document document) {
            if (!model.supports(Capability.DOCUMENTS)) {
                throw new InvalidRequestException(field, id + " does not accept documents; send the text instead");
            }
            if (!DOCUMENT_NAME.matcher(document.name()).matches()) {
                throw new InvalidRequestException(field + ".name", "document name '" + document.name()
                        + "' is rejected by Bedrock; use letters, digits, single spaces, hyphens, parentheses and square brackets only");
            }
        }
        if ((block instanceof ContentBlock.Reasoning || block instanceof ContentBlock.RedactedReasoning) && role == Role.USER) {
            throw new InvalidRequestException(field, "reasoning blocks belong to assistant turns; only send them back as the model wrote them");
        }
        if (block instanceof ContentBlock.ToolUse && role == Role.USER) {
            throw new InvalidRequestException(field, "tool calls belong to assistant turns; answer them with a ToolResult in a user turn");
        }
        if (block instanceof ContentBlock.ToolResult result) {
            if (role == Role.ASSISTANT) {
                throw new InvalidRequestException(field, "tool results belong to user turns");
            }
            for (int k = 0; k < result.content().size(); k++) {
                ContentBlock part = result.content().get(k);
                if (!(part instanceof ContentBlock.Text || part instanceof ContentBlock.Json || part instanceof ContentBlock.Image
                        || part instanceof ContentBlock.Document || part instanceof ContentBlock.Video
                        || part instanceof ContentBlock.Other)) {
                    throw new InvalidRequestException(field + ".content[" + k + "]", "a tool result holds text, JSON, image,"
                            + " document or video blocks, not " + part.getClass().getSimpleName());
                }
                checkMediaSource(part, field + ".content[" + k + "]");
            }
        }
        if (block instanceof ContentBlock.Json) {
            throw new InvalidRequestException(field, "JSON blocks are only valid inside a tool result");
        }
        return block instanceof ContentBlock.CachePoint ? 1 : 0;
    }

    // Converse takes text only as the source of a document; an image or a video is bytes or an S3 object.
    private static void checkMediaSource(ContentBlock block, String field) {
        MediaSource source = block instanceof ContentBlock.Image image ? image.source()
                : block instanceof ContentBlock.Video video ? video.source() : null;
        if (source instanceof MediaSource.Text || source instanceof MediaSource.TextParts) {
            String kind = block instanceof ContentBlock.Image ? "an image" : "a video";
            throw new InvalidRequestException(field + ".source", kind + " comes from bytes or an S3 object, not text;"
                    + " send text as a text block or a document");
        }
    }
}
