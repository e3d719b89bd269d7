package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.internal.tokens.CountTokensCounter;
import dev.bedrock4j.core.internal.tokens.TokenEstimate;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-flight check of a chat request's size against the model's context window, run before Converse and
 * ConverseStream when the catalog knows the window.
 *
 * <p>It costs nothing for ordinary requests: the input is first estimated ({@link TokenEstimate}, about four
 * characters a token, no call), and only when the estimate plus {@code maxTokens} passes half the window is the input
 * counted exactly, by {@code CountTokens} through the instance's counter (whose cache keeps a prompt from being counted
 * twice), for models that support it. Only an exact count refuses a request: no number of characters bounds the
 * tokens from below (a run of repeated characters can be one token), so an estimate over the window, for a model that
 * cannot count or when counting fails, is logged at WARN and the request is sent, for Bedrock to decide. A failed
 * count never fails the call. The window is not checked when an Anthropic beta is set in
 * {@code additionalModelRequestFields}, since a beta can widen it (the 1M-token window of some Claude models).
 *
 * <p>Thread-safe: stateless; the counter is thread-safe.
 */
public final class ContextWindowCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ContextWindowCheck.class);

    private ContextWindowCheck() {
    }

    /**
     * Throws when the request's input, counted exactly, and its {@code maxTokens} (or the input alone when it is
     * not set) exceed the model's context window.
     *
     * @param request the validated request
     * @param modelId the model id as the caller passed it, for counting
     * @param model what the catalog knows about the model
     * @param counter the instance's counter, asked only when an exact count is needed
     * @throws InvalidRequestException naming the model, the tokens and the window, when the request does not fit
     */
    public static void check(ChatRequest request, String modelId, ModelInfo model, Supplier<CountTokensCounter> counter) {
        Objects.requireNonNull(counter, "counter");
        int window = model.contextWindow();
        if (window <= 0 || ServiceChecks.hasAnthropicBeta(request)) {
            return;
        }
        long answer = maxTokensCount(modelId) ? request.maxTokens().orElse(0) : 0;
        int estimate = TokenEstimate.INSTANCE.inputTokens(modelId, request);
        if (estimate + answer <= window / 2) {
            return;
        }
        OptionalInt exact = OptionalInt.empty();
        if (model.supports(Capability.COUNT_TOKENS)) {
            try {
                exact = counter.get().exactInputTokens(modelId, request);
            } catch (RuntimeException e) {
                LOG.warn("Counting the input tokens of a request to {} failed ({}); checking its size against the"
                        + " {}-token context window by estimate only", modelId, e.toString(), window);
            }
        }
        if (exact.isEmpty()) {
            if (estimate + answer > window) {
                LOG.warn("The input of a request to {} is about {} tokens by estimate{}, over its {}-token context"
                        + " window; sending it, for Bedrock to decide", modelId, estimate,
                        answer > 0 ? " with maxTokens " + answer : "", window);
            }
            return;
        }
        int input = exact.getAsInt();
        if (input + answer > window) {
            String total = answer > 0 ? " and maxTokens is " + answer + ": " + (input + answer) + " tokens in all," : ",";
            String fix = answer > 0 ? "shorten the conversation, system prompt or documents, or lower maxTokens"
                    : "shorten the conversation, system prompt or documents";
            throw new InvalidRequestException("messages", "the input of this request to " + modelId + " is " + input
                    + " tokens (counted exactly by CountTokens)" + total + " over the model's context window of "
                    + window + " tokens; " + fix);
        }
    }

    /**
     * Whether {@code maxTokens} counts against the window. Anthropic's context-window documentation: from Claude 3.7
     * Sonnet on, input plus {@code max_tokens} over the window is a validation error; earlier Claude 3 and 3.5 models
     * lower {@code max_tokens} instead, so only their input is held to the window.
     */
    static boolean maxTokensCount(String modelId) {
        return !(modelId.contains("claude-3-") && !modelId.contains("claude-3-7"));
    }
}
