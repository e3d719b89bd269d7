package dev.bedrock4j.production.internal.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.ToolDefinition;
import java.util.List;

/**
 * Estimates the tokens a request will count against a tokens-per-minute quota: about four characters a
 * token for the text sent, plus the {@code maxTokens} Bedrock reserves for the answer. Thread-safe.
 */
public final class TokenEstimates {
    /** What Bedrock reserves for the answer when a request sets no {@code maxTokens}. */
    static final int DEFAULT_OUTPUT_RESERVATION = 1024;
    /** A rough cost of an image or document block, which have no text to measure. */
    static final int MEDIA_BLOCK_TOKENS = 1600;
    /** Where the native bodies of the families put their answer length. */
    private static final List<String> RESERVATION_FIELDS = List.of("max_tokens", "max_gen_len", "maxTokenCount", "max_new_tokens");

    private TokenEstimates() {
    }

    /** The estimated tokens of a request, input plus reserved output; at least 1. */
    public static int estimate(ChatRequest request) {
        long chars = 0;
        long media = 0;
        for (ContentBlock block : request.system()) {
            chars += chars(block);
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                chars += chars(block);
                if (block instanceof ContentBlock.Image || block instanceof ContentBlock.Document
                        || block instanceof ContentBlock.Video) {
                    media += MEDIA_BLOCK_TOKENS;
                }
            }
        }
        for (ToolDefinition tool : request.tools()) {
            chars += tool.name().length() + tool.description().length() + tool.inputSchema().toString().length();
        }
        return clamp(chars / 4 + media + request.maxTokens().orElse(DEFAULT_OUTPUT_RESERVATION));
    }

    /** The estimated input tokens of an embedding request; at least 1. */
    public static int estimate(List<String> texts) {
        long chars = 0;
        for (String text : texts) {
            chars += text.length();
        }
        return clamp(chars / 4);
    }

    /** The estimated tokens of a native body: its JSON text, about four characters a token, plus the answer it reserves. */
    public static int estimate(JsonNode body) {
        long reserved = 0;
        for (String field : RESERVATION_FIELDS) {
            JsonNode value = body.findValue(field);
            reserved = Math.max(reserved, value == null ? 0 : value.asLong(0));
        }
        return clamp(body.toString().length() / 4 + (reserved > 0 ? reserved : DEFAULT_OUTPUT_RESERVATION));
    }

    private static int clamp(long tokens) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, tokens));
    }

    private static long chars(ContentBlock block) {
        if (block instanceof ContentBlock.Text t) {
            return t.text().length();
        }
        if (block instanceof ContentBlock.ToolUse u) {
            return u.input().toString().length();
        }
        if (block instanceof ContentBlock.ToolResult r) {
            long n = 0;
            for (ContentBlock part : r.content()) {
                n += chars(part);
            }
            return n;
        }
        if (block instanceof ContentBlock.Json j) {
            return j.value().toString().length();
        }
        if (block instanceof ContentBlock.Reasoning r) {
            return r.text().length();
        }
        if (block instanceof ContentBlock.GuardContent g) {
            return g.text().length();
        }
        return 0;
    }
}
