package dev.bedrock4j.core;

/**
 * Bedrock is temporarily unavailable or failed internally (HTTP 5xx), or could not be reached: the connection
 * failed, or a response stream was cut off or arrived corrupted (a frame whose checksum does not match).
 * Retryable.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class ServiceUnavailableException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong
     */
    public ServiceUnavailableException(String message) {
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
    public ServiceUnavailableException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause, modelId, requestId, statusCode);
    }

    /** {@inheritDoc} Always {@code true}. */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
