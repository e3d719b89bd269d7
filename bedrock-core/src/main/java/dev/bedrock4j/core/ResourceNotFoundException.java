package dev.bedrock4j.core;

/**
 * The model, profile, guardrail, knowledge base or agent named in the call does not exist in this region or account (HTTP 404). Not retryable: check the id and the region.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class ResourceNotFoundException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong
     */
    public ResourceNotFoundException(String message) {
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
    public ResourceNotFoundException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause, modelId, requestId, statusCode);
    }

}
