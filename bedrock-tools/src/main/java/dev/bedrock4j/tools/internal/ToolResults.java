package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.spi.JacksonVersions;
import java.util.List;

/** Turns what a tool returned into the result block the model reads, and back into text. Thread-safe. */
public final class ToolResults {
    /** What a tool that returned nothing answers. */
    public static final String DONE = "done";

    private ToolResults() {
    }

    /**
     * A successful result: text stays text, JSON objects go as JSON, content blocks as they are, any other
     * value is converted with {@link ToolJson#MAPPER}.
     */
    public static ContentBlock.ToolResult success(String toolUseId, Object value) {
        try {
            return new ContentBlock.ToolResult(toolUseId, List.of(block(value)), false);
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
        }
    }

    private static ContentBlock block(Object value) {
        if (value == null) {
            return ContentBlock.text(DONE);
        }
        if (value instanceof CharSequence text) {
            return ContentBlock.text(text.toString());
        }
        if (value instanceof ContentBlock.Text || value instanceof ContentBlock.Json
                || value instanceof ContentBlock.Image || value instanceof ContentBlock.Document
                || value instanceof ContentBlock.Video) {
            return (ContentBlock) value;
        }
        JsonNode json = value instanceof JsonNode node ? node : ToolJson.MAPPER.valueToTree(value);
        return json.isObject() ? new ContentBlock.Json(json) : ContentBlock.text(ToolJson.text(json));
    }

    /** The result as text, for traces and for services that take text only. */
    public static String text(ContentBlock.ToolResult result) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : result.content()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (block instanceof ContentBlock.Json j) {
                text.append(ToolJson.text(j.value()));
            } else {
                text.append('[').append(block.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)).append(']');
            }
        }
        return text.toString();
    }
}
