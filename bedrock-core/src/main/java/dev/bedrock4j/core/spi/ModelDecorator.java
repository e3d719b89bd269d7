package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.invoke.NativeModel;

/**
 * Wraps every model a {@link dev.bedrock4j.core.Bedrock} hands out, once, where it is created: the one
 * hook through which other modules add behaviour to calls (the production module's resilience and
 * metrics), and through which an application adds its own (logging, auditing, a cache).
 *
 * <p>Each model given to a decorator sends <em>one Bedrock request per call</em> (the AWS SDK may retry
 * it, unless a decorator retries the model itself): a chat or native call, a stream, or one embedding
 * request. An embedding of many texts is split into requests before decoration and the decorated model is
 * called once per request, so retries, rate limits and timings apply per request. Decorators run in the
 * order they were added to the builder, each wrapping the result of the previous one: the first added is
 * the innermost.
 *
 * <pre>{@code
 * ModelDecorator logging = new ModelDecorator() {
 *     public ChatModel decorate(ChatModel model) {
 *         return new ChatModel() {
 *             public String modelId() { return model.modelId(); }
 *             public ChatResponse call(ChatRequest request) {
 *                 ChatResponse response = model.call(request);
 *                 System.out.println(model.modelId() + ": " + response.usage());
 *                 return response;
 *             }
 *             public ChatStream stream(ChatRequest request) {
 *                 return model.stream(request);        // forward: the default would stream a whole call
 *             }
 *         };
 *     }
 * };
 * Bedrock bedrock = Bedrock.builder().decorate(logging).build();
 * }</pre>
 *
 * <p>A decorator that retries failed calls itself says so with {@link #retries(String)}: the requests of
 * that model then go out with the AWS SDK's own retries switched off, so attempts are not multiplied,
 * while every other model keeps the SDK's retries.
 *
 * <p>Implementations must be thread-safe: one decorator serves every model of a {@code Bedrock}, from
 * any thread.
 */
public interface ModelDecorator {

    /**
     * Wraps a chat model. Its {@code stream} must keep the stream contract of
     * {@link dev.bedrock4j.core.stream.ChatStream}; {@link AbstractChatStream} is the base to build on.
     *
     * @param model a model that makes one request per call or stream
     * @return the model to hand out; the default returns {@code model} itself
     */
    default ChatModel decorate(ChatModel model) {
        return model;
    }

    /**
     * Wraps an embedding model.
     *
     * @param model a model whose every {@code embed} call is exactly one request (the texts were split
     *        and checked before)
     * @return the model to use for each request; the default returns {@code model} itself
     */
    default EmbeddingModel decorate(EmbeddingModel model) {
        return model;
    }

    /**
     * Wraps a native ({@code InvokeModel}) model.
     *
     * @param model a model that makes one request per call or stream
     * @return the model to hand out; the default returns {@code model} itself
     */
    default NativeModel decorate(NativeModel model) {
        return model;
    }

    /**
     * Whether this decorator retries the failed calls of a model itself. When any decorator says so,
     * that model's requests are sent with the AWS SDK's retries switched off.
     *
     * @param modelId the model id as passed to {@code Bedrock.chat}, {@code embeddings} or {@code nativeModel}
     * @return {@code true} if this decorator retries the model's calls; the default is {@code false}
     */
    default boolean retries(String modelId) {
        return false;
    }
}
