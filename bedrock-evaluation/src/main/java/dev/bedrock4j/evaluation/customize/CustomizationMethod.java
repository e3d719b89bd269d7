package dev.bedrock4j.evaluation.customize;

/**
 * How a customization job changes a base model.
 *
 * <pre>{@code
 * CustomizationRequest.Builder request = CustomizationRequest.builder().method(CustomizationMethod.CONTINUED_PRE_TRAINING);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum CustomizationMethod {
    /** Supervised fine-tuning on labelled examples. */
    FINE_TUNING("FINE_TUNING"),
    /** Continued pre-training on unlabelled domain text. */
    CONTINUED_PRE_TRAINING("CONTINUED_PRE_TRAINING");

    private final String wireName;

    CustomizationMethod(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name Bedrock's API uses.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }
}
