package dev.bedrock4j.core;

/**
 * The call was not sent because a local protection refused it: the circuit breaker is open, the rate
 * limit allowed no slot in time, or the bulkhead was full. Retryable: try again later.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class RejectedCallException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which protection refused the call and why
     * @param cause the resilience library's exception
     * @param modelId the model the call addressed
     */
    public RejectedCallException(String message, Throwable cause, String modelId) {
        super(message, cause, modelId, null, 0);
    }

    /** {@inheritDoc} Always {@code true}. */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
