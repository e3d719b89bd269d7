package dev.bedrock4j.evaluation.customize;

import java.util.Objects;
import java.util.Optional;

/**
 * A model customization job as Bedrock last reported it: its ARN and name, its status, and once it
 * completed the custom model's ARN (or, if it failed, why).
 *
 * <pre>{@code
 * CustomizationJob done = customizer.awaitCompletion(job.arn(), Duration.ofHours(8));
 * String customModelArn = done.outputModelArn().orElseThrow();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CustomizationJob {
    private final String arn;
    private final String name;
    private final String statusText;
    private final String outputModelArn;
    private final String outputModelName;
    private final String failureMessage;

    CustomizationJob(String arn, String name, String statusText, String outputModelArn, String outputModelName,
                     String failureMessage) {
        this.arn = Objects.requireNonNull(arn, "arn");
        this.name = name == null ? "" : name;
        this.statusText = statusText == null ? "" : statusText;
        this.outputModelArn = outputModelArn;
        this.outputModelName = outputModelName;
        this.failureMessage = failureMessage;
    }

    /**
     * The job's ARN.
     *
     * @return the ARN
     */
    public String arn() {
        return arn;
    }

    /**
     * The job's name.
     *
     * @return the name; empty when not reported
     */
    public String name() {
        return name;
    }

    /**
     * The job's status.
     *
     * @return the status; {@link CustomizationStatus#UNKNOWN} for a state this version does not know
     */
    public CustomizationStatus status() {
        return CustomizationStatus.fromWireName(statusText);
    }

    /**
     * The status as Bedrock reported it.
     *
     * @return the text, such as {@code InProgress}; empty right after submission
     */
    public String statusText() {
        return statusText;
    }

    /**
     * The custom model's ARN, once the job completed. Evaluate it like any model, usually through
     * provisioned throughput ({@link ModelCustomizer#provisionThroughput(String, String, int, java.time.Duration)}).
     *
     * @return the ARN, or empty
     */
    public Optional<String> outputModelArn() {
        return Optional.ofNullable(outputModelArn);
    }

    /**
     * The custom model's name.
     *
     * @return the name, or empty when not reported
     */
    public Optional<String> outputModelName() {
        return Optional.ofNullable(outputModelName);
    }

    /**
     * Why the job failed.
     *
     * @return the service's message, or empty
     */
    public Optional<String> failureMessage() {
        return Optional.ofNullable(failureMessage);
    }

    @Override
    public String toString() {
        return "CustomizationJob[" + arn + ", " + statusText + (outputModelArn == null ? "" : ", model=" + outputModelArn) + "]";
    }
}
