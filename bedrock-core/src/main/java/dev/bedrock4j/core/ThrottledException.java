package dev.bedrock4j.core;

/**
 * Bedrock rejected the call because the account's request or token quota was exceeded (HTTP 429). Retryable: back off and try again.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class ThrottledException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong
     */
    public ThrottledException(String message) {
        super(message);
    }

    /**
     * Creates the exception with every detail.
     *
     * @param message what went wrong
     * @param cause the underlying AWS SDK exception; may be {@code null}
     * @param modelId the model the call addressed; may be {@code null}
     * @param requestId the AWS request id; may be {@code null}
     * @param statusCode the HTTP status code, or 0 when there was none
     */
    public ThrottledException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause, modelId, requestId, statusCode);
    }

    /** {@inheritDoc} Always {@code true}. */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
