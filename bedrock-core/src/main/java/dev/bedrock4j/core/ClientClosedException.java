package dev.bedrock4j.core;

/**
 * The {@link Bedrock} instance a call or stream belongs to was closed: before the call started, or while a
 * stream was still running, which then ends with this exception instead of completing with a cut-off answer.
 * Not retryable: the instance stays closed. Close a {@code Bedrock} only after its streams have completed or
 * been cancelled, or create a new one.
 *
 * <pre>{@code
 * ChatStream stream = bedrock.chat(MODEL).prompt().user("Tell me a story").stream();
 * CompletableFuture<ChatResponse> story = stream.forEachText(System.out::print);
 * bedrock.close();                                  // too early
 * story.join();                                     // CompletionException caused by ClientClosedException
 * }</pre>
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class ClientClosedException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was closed and what to do instead
     * @param modelId the model the call addressed; may be {@code null}
     */
    public ClientClosedException(String message, String modelId) {
        super(message, null, modelId, null, 0);
    }

    /** {@inheritDoc} Always {@code false}: a closed instance stays closed. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
