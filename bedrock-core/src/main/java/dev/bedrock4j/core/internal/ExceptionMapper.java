package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.AccessDeniedException;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.ModelNotReadyException;
import dev.bedrock4j.core.ModelTimeoutException;
import dev.bedrock4j.core.QuotaExceededException;
import dev.bedrock4j.core.ResourceNotFoundException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.ThrottledException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Maps AWS SDK exceptions (of the runtime and the agent runtime alike) to the library's hierarchy by
 * error code, then HTTP status; a missing region or missing credentials, which the SDK reports as a plain
 * client exception, become a {@link dev.bedrock4j.core.ConfigurationException}. The SDK exception is kept as
 * the cause. Thread-safe.
 */
public final class ExceptionMapper {
    private ExceptionMapper() {
    }

    /** Maps any throwable from an SDK call; {@link BedrockException}s pass through unchanged. */
    public static BedrockException map(Throwable failure, String modelId) {
        Throwable t = unwrap(failure);
        if (t instanceof BedrockException bedrock) {
            return bedrock;
        }
        BedrockException mapped = mapSdk(t, modelId);
        if (t instanceof SdkException sdk && sdk.numAttempts() != null && sdk.numAttempts() > 1) {
            mapped.recordAttempts(sdk.numAttempts());
        }
        return mapped;
    }

    private static BedrockException mapSdk(Throwable t, String modelId) {
        if (t instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            if (code == null || code.isEmpty()) {
                code = aws.getClass().getSimpleName(); // modeled exceptions are named after their error code
            } else if (Character.isLowerCase(code.charAt(0))) {
                code = Character.toUpperCase(code.charAt(0)) + code.substring(1); // in-stream exceptions: lowerCamel
            }
            String message = aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null
                    ? aws.awsErrorDetails().errorMessage() : aws.getMessage();
            return byCode(code, aws.statusCode(), describe(message, modelId), aws, modelId, aws.requestId());
        }
        if (t instanceof SdkServiceException service) {
            return byCode(null, service.statusCode(), describe(service.getMessage(), modelId), service, modelId,
                    service.requestId());
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return new ModelTimeoutException(describe("the call timed out: " + t.getMessage()
                    + " (raise the API call timeout for long generations)", modelId), t, modelId, null, 0);
        }
        Throwable corrupt = corruptFrame(t);
        if (corrupt != null) {
            return new ServiceUnavailableException(describe("the response stream arrived corrupted: " + corrupt.getMessage()
                    + "; the stream was stopped at the damaged frame, so retry the call", modelId), t, modelId, null, 0);
        }
        if (t instanceof SdkClientException client) {
            BedrockException setup = ConfigurationErrors.recognise(client, modelId);
            if (setup != null) {
                return setup;
            }
            if (client.getMessage() != null && client.getMessage().startsWith("Unable to marshall request")) {
                // the SDK refused to build the request: sending it again cannot help
                return new InvalidRequestException(describe("the AWS SDK could not build the request: " + client.getMessage(),
                        modelId), client, modelId, null, 0);
            }
        }
        if (t instanceof SdkClientException || t instanceof IOException || t instanceof UncheckedIOException) {
            return new ServiceUnavailableException(describe("could not reach Bedrock: " + t.getMessage(), modelId),
                    t, modelId, null, 0);
        }
        if (t instanceof CancellationException) {
            return new BedrockException(describe("the call was cancelled", modelId), t, modelId, null, 0);
        }
        return new BedrockException(describe(String.valueOf(t.getMessage()), modelId), t, modelId, null, 0);
    }

    private static BedrockException byCode(String code, int status, String message, Throwable cause,
                                           String modelId, String requestId) {
        String c = code == null ? "" : code;
        switch (c) {
            case "ThrottlingException":
            case "TooManyRequestsException":
                return new ThrottledException(message, cause, modelId, requestId, status);
            case "ModelNotReadyException":
                return new ModelNotReadyException(message, cause, modelId, requestId, status);
            case "ModelTimeoutException":
                return new ModelTimeoutException(message, cause, modelId, requestId, status);
            case "ModelErrorException":
            case "ModelStreamErrorException":
            case "DependencyFailedException":
            case "BadGatewayException":
                return new ModelErrorException(message, cause, modelId, requestId, status);
            case "ValidationException":
            case "ConflictException":
                return new InvalidRequestException(message, cause, modelId, requestId, status);
            case "AccessDeniedException":
                return new AccessDeniedException(message, cause, modelId, requestId, status);
            case "ResourceNotFoundException":
                return new ResourceNotFoundException(message, cause, modelId, requestId, status);
            case "ServiceQuotaExceededException":
                return new QuotaExceededException(message, cause, modelId, requestId, status);
            case "ServiceUnavailableException":
            case "InternalServerException":
                return new ServiceUnavailableException(message, cause, modelId, requestId, status);
            default:
                break;
        }
        if (status == 429) {
            return new ThrottledException(message, cause, modelId, requestId, status);
        }
        if (status == 408) {
            return new ModelTimeoutException(message, cause, modelId, requestId, status);
        }
        if (status >= 500) {
            return new ServiceUnavailableException(message, cause, modelId, requestId, status);
        }
        if (status == 403 || status == 401) {
            return new AccessDeniedException(message, cause, modelId, requestId, status);
        }
        if (status == 404) {
            return new ResourceNotFoundException(message, cause, modelId, requestId, status);
        }
        if (status == 400) {
            return new InvalidRequestException(message, cause, modelId, requestId, status);
        }
        return new BedrockException(message, cause, modelId, requestId, status);
    }

    /**
     * The SDK's event-stream decoder rejects a damaged frame (a checksum or length that does not match) with
     * a bare IllegalArgumentException or IllegalStateException, sometimes wrapped; that is a transport failure.
     */
    private static Throwable corruptFrame(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                StackTraceElement[] frames = t.getStackTrace();
                for (int i = 0; i < Math.min(3, frames.length); i++) {
                    String type = frames[i].getClassName();
                    if (type.startsWith("software.amazon.awssdk.eventstream.") || type.startsWith("software.amazon.eventstream.")) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    /** Strips the wrappers futures and streams add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(String message, String modelId) {
        return modelId == null ? message : message + " [model " + modelId + "]" + ServiceChecks.modelIdHint(message, modelId);
    }
}
