package dev.bedrock4j.core;

import dev.bedrock4j.core.internal.ExceptionMapper;
import java.util.Optional;

/**
 * The root of every exception Bedrock4j throws: unchecked, with {@link #isRetryable()} telling
 * whether the same call may succeed if tried again later.
 *
 * <p>Service errors are mapped from the AWS SDK's exceptions to a typed subclass, such as
 * {@link ThrottledException} or {@link InvalidRequestException}; the SDK exception stays available as
 * {@link #getCause()}. {@link #isRetryable()} describes the state <em>after</em> the SDK's own retries.
 *
 * <pre>{@code
 * try {
 *     model.prompt().user("Hello").call();
 * } catch (BedrockException e) {
 *     if (e.isRetryable()) {
 *         scheduleLater();
 *     } else {
 *         log.warn("Bedrock refused the call: {} (request {})", e.getMessage(), e.requestId().orElse("-"));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #from(Throwable, String)} maps any failure of an AWS SDK call to this hierarchy, for code that
 * calls the SDK directly (for example through {@link Bedrock#runtimeClient()}).
 *
 * <p>Thread-safe. The fields are final but for {@link #attempts()}, which the layer that retried the call
 * records once, before the exception is thrown.
 */
public class BedrockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The model the failed call addressed, or {@code null}. */
    private final String modelId;
    /** The AWS request id, or {@code null}. */
    private final String requestId;
    /** The HTTP status code, or 0. */
    private final int statusCode;
    /** The attempts the failed call made, retries included. */
    private volatile int attempts = 1;

    /**
     * Creates an exception with a message only.
     *
     * @param message what went wrong and, where possible, how to fix it
     */
    public BedrockException(String message) {
        this(message, null, null, null, 0);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure, usually an AWS SDK exception; may be {@code null}
     */
    public BedrockException(String message, Throwable cause) {
        this(message, cause, null, null, 0);
    }

    /**
     * Creates an exception with every detail.
     *
     * @param message what went wrong
     * @param cause the underlying failure; may be {@code null}
     * @param modelId the model the call addressed; may be {@code null}
     * @param requestId the AWS request id; may be {@code null}
     * @param statusCode the HTTP status code, or 0 when there was no HTTP response
     */
    public BedrockException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause);
        this.modelId = modelId;
        this.requestId = requestId;
        this.statusCode = statusCode;
    }

    /**
     * Maps a failure of an AWS SDK call (runtime, agent runtime or control plane) to the typed exception
     * for its error code, then its HTTP status: throttling to {@link ThrottledException}, a validation
     * error to {@link InvalidRequestException}, an unreachable endpoint to
     * {@link ServiceUnavailableException}, and so on. The SDK exception stays the cause; wrappers added by
     * futures ({@code CompletionException}, {@code ExecutionException}) are stripped; a
     * {@code BedrockException} is returned as it is.
     *
     * <pre>{@code
     * try {
     *     bedrock.runtimeClient().applyGuardrail(request);
     * } catch (RuntimeException e) {
     *     throw BedrockException.from(e, null);
     * }
     * }</pre>
     *
     * @param failure what the SDK call threw
     * @param modelId the model the call addressed, for the message; may be {@code null}
     * @return the typed exception
     */
    public static BedrockException from(Throwable failure, String modelId) {
        return ExceptionMapper.map(failure, modelId);
    }

    /**
     * How many attempts the failed call made, its retries included: those of the AWS SDK, or those of a
     * decorator that retried it (the production module's resilience).
     *
     * @return at least 1
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Records how many attempts the failed call made. For layers that retry calls; call it once, before
     * the exception is thrown.
     *
     * @param attempts at least 1
     * @return this exception
     */
    public BedrockException recordAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        return this;
    }

    /**
     * Whether the same call may succeed if tried again after a pause.
     *
     * @return {@code true} for throttling, timeouts and unavailable services; {@code false} otherwise
     */
    public boolean isRetryable() {
        return false;
    }

    /**
     * The model id the failed call addressed.
     *
     * @return the model id, or empty when the failure happened outside a model call
     */
    public Optional<String> modelId() {
        return Optional.ofNullable(modelId);
    }

    /**
     * The AWS request id, for support cases and log correlation.
     *
     * @return the request id, or empty when no response was received
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The HTTP status code of the failed call.
     *
     * @return the status code, or 0 when there was no HTTP response (pre-flight checks, I/O errors)
     */
    public int statusCode() {
        return statusCode;
    }
}
