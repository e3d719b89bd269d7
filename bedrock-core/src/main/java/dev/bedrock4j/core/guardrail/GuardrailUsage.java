package dev.bedrock4j.core.guardrail;

/**
 * The text units (1,000 characters each) and images a guardrail's policies processed, as Bedrock bills them.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param topicPolicyUnits units the denied topics processed
 * @param contentPolicyUnits units the content filters processed
 * @param wordPolicyUnits units the word filters processed
 * @param sensitiveInformationPolicyUnits units the sensitive information types processed
 * @param sensitiveInformationPolicyFreeUnits units the sensitive information regexes processed (not billed)
 * @param contextualGroundingPolicyUnits units the contextual grounding check processed
 * @param contentPolicyImageUnits images the content filters processed
 */
public record GuardrailUsage(int topicPolicyUnits, int contentPolicyUnits, int wordPolicyUnits,
                             int sensitiveInformationPolicyUnits, int sensitiveInformationPolicyFreeUnits,
                             int contextualGroundingPolicyUnits, int contentPolicyImageUnits) {
    /** No usage. */
    public static final GuardrailUsage ZERO = new GuardrailUsage(0, 0, 0, 0, 0, 0, 0);

    /**
     * The text units of all policies together.
     *
     * @return the sum of the text units
     */
    public int totalTextUnits() {
        return topicPolicyUnits + contentPolicyUnits + wordPolicyUnits + sensitiveInformationPolicyUnits
                + sensitiveInformationPolicyFreeUnits + contextualGroundingPolicyUnits;
    }
}
