package dev.bedrock4j.core.internal.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.tokens.TokenCounter;
import java.util.List;

/**
 * The estimating token counter: about four characters a token for the text sent, plus a fixed cost for each
 * image, document or video block, which have no text to measure. Thread-safe: stateless.
 */
public final class TokenEstimate implements TokenCounter {
    /** The one instance. */
    public static final TokenEstimate INSTANCE = new TokenEstimate();
    /** Characters per token of the estimate. */
    public static final int CHARS_PER_TOKEN = 4;
    /** A rough cost of an image, document or video block. */
    public static final int MEDIA_BLOCK_TOKENS = 1600;

    private TokenEstimate() {
    }

    @Override
    public int inputTokens(String modelId, ChatRequest request) {
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
        return clamp(chars / CHARS_PER_TOKEN + media);
    }

    @Override
    public int inputTokens(String modelId, JsonNode body) {
        return clamp(body.toString().length() / CHARS_PER_TOKEN);
    }

    @Override
    public int inputTokens(String modelId, List<String> texts) {
        long chars = 0;
        for (String text : texts) {
            chars += text.length();
        }
        return clamp(chars / CHARS_PER_TOKEN);
    }

    /** A count within 1 and {@link Integer#MAX_VALUE}. */
    public static int clamp(long tokens) {
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

    @Override
    public String toString() {
        return "TokenCounter[estimate]";
    }
}
