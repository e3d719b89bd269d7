package dev.bedrock4j.core;

/**
 * The model itself failed while processing the request (HTTP 424), including errors inside a response stream. Not retryable as is: the same input usually fails the same way.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class ModelErrorException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong
     */
    public ModelErrorException(String message) {
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
    public ModelErrorException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause, modelId, requestId, statusCode);
    }

}
