package dev.bedrock4j.testkit.internal;

import dev.bedrock4j.testkit.internal.server.InStreamErrors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Builds the SDK's own modeled exceptions, as its unmarshallers would from an error response. Thread-safe. */
public final class SdkErrors {
    /** The bedrock-runtime model package. */
    public static final String RUNTIME = "software.amazon.awssdk.services.bedrockruntime.model";
    /** The bedrock-agent-runtime model package. */
    public static final String AGENT_RUNTIME = "software.amazon.awssdk.services.bedrockagentruntime.model";
    /** The bedrock (control-plane) model package. */
    public static final String CONTROL_PLANE = "software.amazon.awssdk.services.bedrock.model";

    private SdkErrors() {
    }

    /**
     * The modeled exception for an error code, or the service's base exception when none is modeled.
     *
     * @param modelPackage {@link #RUNTIME}, {@link #AGENT_RUNTIME} or {@link #CONTROL_PLANE}
     * @param errorCode the error code, such as {@code ThrottlingException}
     * @param status the HTTP status
     * @param message the message
     * @return the exception
     */
    public static AwsServiceException of(String modelPackage, String errorCode, int status, String message) {
        String service = modelPackage.equals(RUNTIME) ? "BedrockRuntime"
                : modelPackage.equals(CONTROL_PLANE) ? "Bedrock" : "BedrockAgentRuntime";
        AwsServiceException.Builder builder;
        try {
            builder = (AwsServiceException.Builder) Class.forName(modelPackage + "." + errorCode).getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException | ClassCastException notModeled) {
            try {
                builder = (AwsServiceException.Builder) Class.forName(modelPackage + "." + service + "Exception")
                        .getMethod("builder").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the SDK model package " + modelPackage + " is not on the class path", e);
            }
        }
        return builder.message(message).statusCode(status).requestId("fake-request-id")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message).serviceName(service).build())
                .build();
    }

    /**
     * The exception the SDK raises for a modeled in-stream exception.
     *
     * @param modelPackage {@link #RUNTIME} or {@link #AGENT_RUNTIME}
     * @param exceptionType the lowerCamel member name, such as {@code throttlingException}
     * @param message the message
     * @return the exception
     */
    public static AwsServiceException inStream(String modelPackage, String exceptionType, String message) {
        return of(modelPackage, InStreamErrors.errorCode(exceptionType), InStreamErrors.status(exceptionType), message);
    }
}
