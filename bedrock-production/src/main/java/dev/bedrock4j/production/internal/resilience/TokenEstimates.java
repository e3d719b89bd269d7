package dev.bedrock4j.production.internal.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.tokens.TokenCounter;
import java.util.List;

/**
 * The tokens a request counts against a tokens-per-minute quota: its input tokens as a {@link TokenCounter}
 * counts them (exact with {@code CountTokens}, else about four characters a token), plus the {@code maxTokens}
 * Bedrock reserves for the answer. Thread-safe.
 */
public final class TokenEstimates {
    /** What Bedrock reserves for the answer when a request sets no {@code maxTokens}. */
    static final int DEFAULT_OUTPUT_RESERVATION = 1024;
    /** Where the native bodies of the families put their answer length. */
    private static final List<String> RESERVATION_FIELDS = List.of("max_tokens", "max_gen_len", "maxTokenCount", "max_new_tokens");

    private TokenEstimates() {
    }

    /** The tokens of a request, input plus reserved output; at least 1. */
    public static int estimate(TokenCounter counter, String modelId, ChatRequest request) {
        return clamp((long) counter.inputTokens(modelId, request) + request.maxTokens().orElse(DEFAULT_OUTPUT_RESERVATION));
    }

    /** The input tokens of an embedding request; at least 1. */
    public static int estimate(TokenCounter counter, String modelId, List<String> texts) {
        return counter.inputTokens(modelId, texts);
    }

    /** The tokens of a native body: its input, plus the answer it reserves. */
    public static int estimate(TokenCounter counter, String modelId, JsonNode body) {
        long reserved = 0;
        for (String field : RESERVATION_FIELDS) {
            JsonNode value = body.findValue(field);
            reserved = Math.max(reserved, value == null ? 0 : value.asLong(0));
        }
        return clamp((long) counter.inputTokens(modelId, body) + (reserved > 0 ? reserved : DEFAULT_OUTPUT_RESERVATION));
    }

    private static int clamp(long tokens) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, tokens));
    }
}
