package dev.bedrock4j.core.internal.resilience;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.ToolDefinition;

/**
 * Estimates the tokens a request will count against a tokens-per-minute quota: about four characters a
 * token for the text sent, plus the {@code maxTokens} Bedrock reserves for the answer. Thread-safe.
 */
public final class TokenEstimates {
    /** What Bedrock reserves for the answer when a request sets no {@code maxTokens}. */
    static final int DEFAULT_OUTPUT_RESERVATION = 1024;
    /** A rough cost of an image or document block, which have no text to measure. */
    static final int MEDIA_BLOCK_TOKENS = 1600;

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
        long total = chars / 4 + media + request.maxTokens().orElse(DEFAULT_OUTPUT_RESERVATION);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, total));
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
