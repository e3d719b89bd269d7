package dev.bedrock4j.core;

/**
 * The AWS setup this process runs with is incomplete: no region is configured, or no credentials can be
 * found. Not retryable: the same call fails the same way until the configuration changes, so neither the
 * production module's resilience nor its bulk runner tries again; a bulk run stops at the first one.
 *
 * <p>The message names the fix, for example:
 * <pre>{@code
 * try (Bedrock bedrock = Bedrock.create()) {
 *     bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hello").call();
 * } catch (ConfigurationException e) {
 *     // "No AWS region is configured. Fix: set the AWS_REGION environment variable ... or call
 *     //  Bedrock.builder().region(Region.US_EAST_1) ..."
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>When it is raised: {@link Bedrock.Builder#build()} raises it for a missing region when it can be sure
 * no source would supply one; otherwise the first call does, as it does for missing credentials. The AWS
 * SDK's own exception, when there is one, is the {@link #getCause() cause}.
 *
 * <p>Thread-safe, as {@link BedrockException}.
 */
public class ConfigurationException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what is missing and how to fix it
     * @param cause the AWS SDK's exception; may be {@code null}
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception with every detail.
     *
     * @param message what is missing and how to fix it
     * @param cause the AWS SDK's exception; may be {@code null}
     * @param modelId the model the failed call addressed; may be {@code null}
     */
    public ConfigurationException(String message, Throwable cause, String modelId) {
        super(message, cause, modelId, null, 0);
    }

    /** {@inheritDoc} Always {@code false}: fix the configuration, then call again. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
