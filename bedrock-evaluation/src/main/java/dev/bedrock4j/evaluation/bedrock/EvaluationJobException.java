package dev.bedrock4j.evaluation.bedrock;

import dev.bedrock4j.core.BedrockException;

/**
 * A Bedrock evaluation job did not end well: it failed, it was stopped, or it was still running when the wait ran
 * out (it goes on in Bedrock then; wait again or stop it). Not retryable as such: read the message, fix the
 * dataset or settings, and submit again.
 *
 * <pre>{@code
 * try {
 *     evaluator.awaitCompletion(job.arn(), Duration.ofHours(2));
 * } catch (EvaluationJobException e) {
 *     log.error("{} ended {}: {}", e.jobArn(), e.status(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public class EvaluationJobException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /** The job. */
    private final String jobArn;
    /** The status it was last seen in. */
    private final String status;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param jobArn the job's ARN
     * @param status the status it was last seen in, such as {@code Failed}
     */
    public EvaluationJobException(String message, String jobArn, String status) {
        super(message);
        this.jobArn = jobArn;
        this.status = status;
    }

    /**
     * The job's ARN.
     *
     * @return the ARN
     */
    public String jobArn() {
        return jobArn;
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
