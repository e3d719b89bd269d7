package dev.bedrock4j.production.batch;

import dev.bedrock4j.core.chat.ChatResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a Bedrock batch inference job's output: the answer, or the error Bedrock reported.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param recordId the record's id, as written in the input
 * @param response the answer, or {@code null} when the record failed
 * @param error the error code and message, or {@code null} when it succeeded
 */
public record BatchResult(String recordId, ChatResponse response, String error) {
    /**
     * Validates that exactly one of response and error is present.
     *
     * @param recordId the record id
     * @param response the answer, or {@code null}
     * @param error the error, or {@code null}
     */
    public BatchResult {
        Objects.requireNonNull(recordId, "recordId");
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("a batch result has either a response or an error");
        }
    }

    /**
     * The answer.
     *
     * @return the response, or empty when the record failed
     */
    public Optional<ChatResponse> responseIfPresent() {
        return Optional.ofNullable(response);
    }

    /**
     * Whether the record succeeded.
     *
     * @return {@code true} when there is a response
     */
    public boolean succeeded() {
        return response != null;
    }
}
