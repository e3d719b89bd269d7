package dev.bedrock4j.core;

/**
 * The call exceeds a service quota that waiting does not restore, such as the maximum input size (HTTP 400). Not retryable: ask for a quota increase or send less.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class QuotaExceededException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong
     */
    public QuotaExceededException(String message) {
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
    public QuotaExceededException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause, modelId, requestId, statusCode);
    }

}
