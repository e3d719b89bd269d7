package dev.bedrock4j.evaluation.customize;

import dev.bedrock4j.core.BedrockException;

/**
 * A model customization job, or the provisioning of a custom model, did not end well: it failed, it was
 * stopped, or it was still running when the wait ran out (it goes on in Bedrock then; wait again or
 * stop it). Not retryable as such: read the message, fix the data or settings, and submit again.
 *
 * <pre>{@code
 * try {
 *     customizer.awaitCompletion(job.arn(), Duration.ofHours(8));
 * } catch (CustomizationException e) {
 *     log.error("{} ended {}: {}", e.resourceArn(), e.status(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public class CustomizationException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /** The job or provisioned model. */
    private final String resourceArn;
    /** The status it was last seen in. */
    private final String status;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param resourceArn the job's or provisioned model's ARN
     * @param status the status it was last seen in, such as {@code Failed}
     */
    public CustomizationException(String message, String resourceArn, String status) {
        super(message);
        this.resourceArn = resourceArn;
        this.status = status;
    }

    /**
     * The job's or provisioned model's ARN.
     *
     * @return the ARN
     */
    public String resourceArn() {
        return resourceArn;
    }

    /**
     * The status it was last seen in, as Bedrock reported it.
     *
     * @return the status, such as {@code Failed}, {@code Stopped} or {@code InProgress}
     */
    public String status() {
        return status;
    }
}
