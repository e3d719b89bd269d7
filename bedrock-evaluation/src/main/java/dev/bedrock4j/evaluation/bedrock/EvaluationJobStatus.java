package dev.bedrock4j.evaluation.bedrock;

/**
 * The state of a Bedrock evaluation job. The service may add states; those read as {@link #UNKNOWN}, with the
 * service's own word in {@link EvaluationJob#statusText()}.
 *
 * <pre>{@code
 * boolean finished = evaluator.status(jobArn).status().isTerminal();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum EvaluationJobStatus {
    /** The job is running. */
    IN_PROGRESS("InProgress"),
    /** The job finished; its results are in S3. */
    COMPLETED("Completed"),
    /** The job failed; see {@link EvaluationJob#failureMessages()}. */
    FAILED("Failed"),
    /** The job is being stopped. */
    STOPPING("Stopping"),
    /** The job was stopped before it finished. */
    STOPPED("Stopped"),
    /** The job is being deleted. */
    DELETING("Deleting"),
    /** A state this version does not know. */
    UNKNOWN("");

    private final String wireName;

    EvaluationJobStatus(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The status for the service's word.
     *
     * @param wireName the status as Bedrock sends it, such as {@code InProgress}
     * @return the status, or {@link #UNKNOWN}
     */
    public static EvaluationJobStatus fromWireName(String wireName) {
        for (EvaluationJobStatus status : values()) {
            if (status != UNKNOWN && status.wireName.equals(wireName)) {
                return status;
            }
        }
        return UNKNOWN;
    }

    /**
     * The status as Bedrock sends it.
     *
     * @return the wire name; empty for {@link #UNKNOWN}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the job will not change any more.
     *
     * @return {@code true} for completed, failed and stopped
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == STOPPED || this == DELETING;
    }
}
