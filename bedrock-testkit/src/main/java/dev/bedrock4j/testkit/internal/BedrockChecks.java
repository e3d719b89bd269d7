package dev.bedrock4j.testkit.internal;

import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.Preflight;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;

/**
 * What Bedrock refuses before a model runs, answered as Bedrock answers it (HTTP 400
 * {@code ValidationException} and its message), for the local server and the fake clients alike: the
 * library's own pre-flight checks of model ids and chat content ({@link Preflight}), and ids that are a
 * likely typo of an id the catalog knows. Thread-safe: stateless.
 */
public final class BedrockChecks {
    /** Bedrock's answer to a model id it does not serve. */
    public static final String INVALID_MODEL_ID = "The provided model identifier is invalid.";

    private BedrockChecks() {
    }

    /**
     * Bedrock's answer to a model id, when it refuses it.
     *
     * @param modelId the id as the caller sent it
     * @param scripted whether the test scripted this very id, which it then means to be served
     * @return the message, or empty when the id is served
     */
    public static Optional<String> modelIdRejection(String modelId, boolean scripted) {
        Optional<Preflight.Rejection> malformed = Preflight.modelIdRejection(modelId, ModelCatalog.defaults());
        if (malformed.isPresent()) {
            return Optional.of(malformed.get().serviceMessage());
        }
        return !scripted && likelyTypo(modelId) ? Optional.of(INVALID_MODEL_ID) : Optional.empty();
    }

    /**
     * Whether an id is unknown but close to an id the catalog knows: Bedrock does not serve such ids, so
     * the testkit does not either, unless a test scripts them.
     *
     * @param modelId the id
     * @return {@code true} for a likely typo
     */
    public static boolean likelyTypo(String modelId) {
        return ModelCatalog.defaults().suggest(modelId).isPresent();
    }

    /**
     * Bedrock's answer to the content of a Converse request, when it refuses it.
     *
     * @param modelId the model the request addresses
     * @param request the request
     * @return the message, or empty when the content is accepted
     */
    public static Optional<String> converseRejection(String modelId, ChatRequest request) {
        return Preflight.contentRejection(request, ModelCatalog.defaults().lookup(modelId))
                .map(Preflight.Rejection::serviceMessage);
    }

    /**
     * The model id of a bedrock-runtime request.
     *
     * @param request the SDK request
     * @return the id, or {@code null} for requests that address no model or carry none
     */
    public static String modelIdOf(SdkRequest request) {
        return request instanceof ConverseRequest r ? r.modelId()
                : request instanceof ConverseStreamRequest r ? r.modelId()
                : request instanceof InvokeModelRequest r ? r.modelId()
                : request instanceof InvokeModelWithResponseStreamRequest r ? r.modelId() : null;
    }

    /**
     * The SDK exception a request to a model fails with, when Bedrock refuses it: its model id, and for
     * Converse and ConverseStream its content. (An empty id never leaves the real SDK client: see
     * {@link #sdkClientRejection(SdkRequest)}.)
     *
     * @param request the SDK request
     * @return the exception, as the SDK raises it for Bedrock's HTTP 400
     */
    public static Optional<AwsServiceException> sdkRejection(SdkRequest request) {
        String modelId = modelIdOf(request);
        if (modelId == null || modelId.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> message = modelIdRejection(modelId, false);
        if (message.isEmpty() && (request instanceof ConverseRequest || request instanceof ConverseStreamRequest)) {
            message = ChatRequests.fromSdk(request).flatMap(chat -> converseRejection(modelId, chat));
        }
        return message.map(m -> SdkErrors.of(SdkErrors.RUNTIME, "ValidationException", 400, m));
    }

    /**
     * The exception the real SDK client throws, without sending anything, for a request to a model whose
     * id is missing or empty.
     *
     * @param request the SDK request
     * @return the exception, or empty
     */
    public static Optional<SdkClientException> sdkClientRejection(SdkRequest request) {
        boolean addressesAModel = request instanceof ConverseRequest || request instanceof ConverseStreamRequest
                || request instanceof InvokeModelRequest || request instanceof InvokeModelWithResponseStreamRequest;
        String modelId = modelIdOf(request);
        return addressesAModel && (modelId == null || modelId.isEmpty())
                ? Optional.of(SdkClientException.create("Unable to marshall request to JSON: modelId cannot be empty."))
                : Optional.empty();
    }
}
