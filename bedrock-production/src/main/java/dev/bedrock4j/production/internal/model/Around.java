package dev.bedrock4j.production.internal.model;

import dev.bedrock4j.core.tokens.TokenCounter;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What a production decorator does around each operation of a model (resilience, metrics); {@link AroundModels}
 * applies it to chat, embedding and native models alike. Implementations are thread-safe.
 */
public interface Around {
    /**
     * Counts the input tokens of the operations' requests for {@code tokens}; the estimate unless overridden.
     *
     * @return the counter
     */
    default TokenCounter tokenCounter() {
        return TokenCounter.estimate();
    }
    /**
     * Runs one blocking operation.
     *
     * @param operation {@code chat}, {@code embeddings} or {@code invoke}
     * @param modelId the model
     * @param tokens the operation's estimated tokens, computed only if asked for
     * @param call the operation
     * @param usage the tokens the result reports, or {@code null} when it reports none
     * @return the result
     */
    <T> T call(String operation, String modelId, IntSupplier tokens, Supplier<T> call, Function<? super T, Usage> usage);

    /**
     * Wraps a chat stream; {@code streams} creates the stream of one attempt.
     *
     * @param modelId the model
     * @param tokens the estimated tokens of one attempt
     * @param streams creates a stream; the first is created at once, so pre-flight checks fail here
     * @return the stream
     */
    ChatStream stream(String modelId, IntSupplier tokens, Supplier<ChatStream> streams);

    /**
     * Wraps a publisher of raw items (native body chunks).
     *
     * @param modelId the model
     * @param tokens the estimated tokens of one attempt
     * @param publishers creates the publisher of one attempt
     * @return the publisher
     */
    <T> Flow.Publisher<T> publisher(String modelId, IntSupplier tokens, Supplier<Flow.Publisher<T>> publishers);
}
