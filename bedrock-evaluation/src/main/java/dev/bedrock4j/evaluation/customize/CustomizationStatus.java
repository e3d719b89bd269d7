package dev.bedrock4j.evaluation.customize;

/**
 * The state of a model customization job. The service may add states; those read as {@link #UNKNOWN},
 * with the service's own word in {@link CustomizationJob#statusText()}.
 *
 * <pre>{@code
 * boolean finished = customizer.status(jobArn).status().isTerminal();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum CustomizationStatus {
    /** The job is running. */
    IN_PROGRESS("InProgress"),
    /** The job finished and the custom model exists. */
    COMPLETED("Completed"),
    /** The job failed; see {@link CustomizationJob#failureMessage()}. */
    FAILED("Failed"),
    /** The job is being stopped. */
    STOPPING("Stopping"),
    /** The job was stopped before it finished. */
    STOPPED("Stopped"),
    /** A state this version does not know. */
    UNKNOWN("");

    private final String wireName;

    CustomizationStatus(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The status for the service's word.
     *
     * @param wireName the status as Bedrock sends it, such as {@code InProgress}
     * @return the status, or {@link #UNKNOWN}
     */
    public static CustomizationStatus fromWireName(String wireName) {
        for (CustomizationStatus status : values()) {
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
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }
}
