package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.ConfigurationException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Missing AWS setup, worded once: the messages that name the fix, and the recognition of the AWS SDK's
 * own failures for it. The SDK (2.x) has no exception type for a missing region or missing credentials,
 * only an {@link SdkClientException} with a fixed wording, so those are recognised by that wording; a region
 * that {@code Bedrock} resolves itself needs no recognition. Thread-safe.
 */
public final class ConfigurationErrors {
    /** What to do when no region is configured. */
    static final String REGION_FIX = "No AWS region is configured. Fix: set the AWS_REGION environment variable"
            + " (or the aws.region system property, or region = ... in your AWS profile),"
            + " or call Bedrock.builder().region(Region.US_EAST_1) with your region.";
    /** What to do when no credentials are found. */
    static final String CREDENTIALS_FIX = "No AWS credentials were found. Fix: set AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or choose a profile with"
            + " AWS_PROFILE (created by `aws configure`, or `aws sso login` for IAM Identity Center), or run with an"
            + " IAM role, or call Bedrock.builder().credentialsProvider(...).";

    private ConfigurationErrors() {
    }

    /**
     * A missing region.
     *
     * @param detail where the library looked, one sentence
     * @param cause the SDK's failure, or {@code null}
     * @param modelId the model of the failed call, or {@code null}
     * @return the exception
     */
    public static ConfigurationException noRegion(String detail, Throwable cause, String modelId) {
        return new ConfigurationException(withModel(REGION_FIX + " " + detail, modelId), cause, modelId);
    }

    /**
     * Missing credentials.
     *
     * @param cause the SDK's failure, whose message lists what each source of the chain said
     * @param modelId the model of the failed call, or {@code null}
     * @return the exception
     */
    public static ConfigurationException noCredentials(Throwable cause, String modelId) {
        return noCredentials(cause.getMessage(), cause, modelId);
    }

    private static ConfigurationException noCredentials(String sdkMessage, Throwable cause, String modelId) {
        return new ConfigurationException(withModel(CREDENTIALS_FIX + " The AWS SDK said: " + sdkMessage, modelId),
                cause, modelId);
    }

    private static String withModel(String message, String modelId) {
        return modelId == null ? message : message + " [model " + modelId + "]";
    }

    /**
     * Recognises the SDK's failure to find a region or credentials, in the exception or its causes.
     *
     * @param failure an SDK client exception
     * @param modelId the model of the failed call, or {@code null}
     * @return the configuration error, or {@code null} when the failure is about something else
     */
    static ConfigurationException recognise(SdkClientException failure, String modelId) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 5; t = t.getCause(), depth++) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("unable to load region")) {
                return noRegion("The AWS SDK said: " + t.getMessage(), failure, modelId);
            }
            if (message.contains("unable to load credentials") || message.contains("contained no credentials")) {
                return noCredentials(t.getMessage(), failure, modelId);
            }
        }
        return null;
    }
}
