package dev.bedrock4j.core;

import java.util.Optional;

/**
 * The request is invalid: either a pre-flight check rejected it before any network call, or Bedrock
 * answered with a validation error (HTTP 400). Not retryable: fix the request.
 *
 * <p>Pre-flight failures name the offending {@link #field()} and say how to fix it:
 * <pre>{@code
 * try {
 *     model.prompt().user("Hi").temperature(1.7).call();
 * } catch (InvalidRequestException e) {
 *     e.field();      // Optional[temperature]
 *     e.getMessage(); // "temperature must be between 0.0 and 1.0, was 1.7"
 * }
 * }</pre>
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class InvalidRequestException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /** The request field at fault, or {@code null} for errors reported by the service. */
    private final String field;

    /**
     * Creates a pre-flight failure for one field.
     *
     * @param field the request field at fault, such as {@code "messages[2].role"}
     * @param message what is wrong and how to fix it
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * Creates a failure reported by the service.
     *
     * @param message what went wrong
     * @param cause the underlying AWS SDK exception; may be {@code null}
     * @param modelId the model the call addressed; may be {@code null}
     * @param requestId the AWS request id; may be {@code null}
     * @param statusCode the HTTP status code, or 0 when there was none
     */
    public InvalidRequestException(String message, Throwable cause, String modelId, String requestId, int statusCode) {
        super(message, cause, modelId, requestId, statusCode);
        this.field = null;
    }

    /**
     * The request field that failed a pre-flight check.
     *
     * @return the field path, or empty for errors reported by the service
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
