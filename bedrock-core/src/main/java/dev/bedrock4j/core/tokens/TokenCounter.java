package dev.bedrock4j.core.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.internal.tokens.CountTokensCounter;
import dev.bedrock4j.core.internal.tokens.TokenEstimate;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * A token counter tells how many input tokens a request will count on a model, before it is sent: for
 * tokens-per-minute limits, cost estimates and size checks. Two implementations:
 * {@link #estimate()} (about four characters a token, no call) and {@link #countTokens(BedrockRuntimeClient)}
 * (Bedrock's {@code CountTokens}, exact, free of charge, for the models the catalog marks with
 * {@link dev.bedrock4j.core.catalog.Capability#COUNT_TOKENS}; the estimate for the others).
 *
 * <pre>{@code
 * TokenCounter counter = bedrock.tokenCounter();
 * int tokens = counter.inputTokens("anthropic.claude-3-5-haiku-20241022-v1:0",
 *         ChatRequest.builder().system("Be brief.").user("What is Amazon Bedrock?").build());
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface TokenCounter {
    /**
     * The input tokens of a Converse request on a model: system prompt, messages and tool definitions.
     *
     * @param modelId the model id, inference profile id or ARN
     * @param request the request
     * @return the input tokens, at least 1
     * @throws dev.bedrock4j.core.BedrockException if counting calls Bedrock and the call fails for another reason
     *         than the model not supporting it
     */
    int inputTokens(String modelId, ChatRequest request);

    /**
     * The input tokens of a native {@code InvokeModel} body on a model.
     *
     * @param modelId the model id, inference profile id or ARN
     * @param body the native body
     * @return the input tokens, at least 1
     * @throws dev.bedrock4j.core.BedrockException if counting calls Bedrock and the call fails for another reason
     *         than the model not supporting it
     */
    int inputTokens(String modelId, JsonNode body);

    /**
     * The input tokens of texts to embed. Bedrock counts no embedding input, so every counter estimates.
     *
     * @param modelId the model id
     * @param texts the texts
     * @return the estimated tokens, at least 1
     */
    default int inputTokens(String modelId, List<String> texts) {
        return TokenEstimate.INSTANCE.inputTokens(modelId, texts);
    }

    /**
     * The estimate: about four characters a token for the text sent (system prompt, messages, tool definitions and
     * JSON), plus 1600 tokens for each image, document or video. No call is made.
     *
     * @return the estimating counter
     */
    static TokenCounter estimate() {
        return TokenEstimate.INSTANCE;
    }

    /**
     * A counter over Bedrock's {@code CountTokens}: exact counts for the models whose catalog entry has
     * {@link dev.bedrock4j.core.catalog.Capability#COUNT_TOKENS}, the {@link #estimate()} for the others and for a
     * model Bedrock says does not support counting (remembered, so it is asked once). The last
     * 1024 counts are cached, so the same request on the same model is
     * counted once.
     *
     * @param client the runtime client; it stays yours to close
     * @return the counter
     */
    static TokenCounter countTokens(BedrockRuntimeClient client) {
        return new CountTokensCounter(client, dev.bedrock4j.core.catalog.ModelCatalog.defaults(),
                CountTokensCounter.DEFAULT_CACHE_SIZE);
    }
}
