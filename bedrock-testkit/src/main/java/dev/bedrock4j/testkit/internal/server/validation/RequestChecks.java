package dev.bedrock4j.testkit.internal.server.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.internal.BedrockChecks;
import dev.bedrock4j.testkit.internal.server.Tokens;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local server's validation of a request, as Bedrock validates it, in the order the service does: the
 * input's shape against the service model ({@link ServiceModel}), then the model id, then (after the
 * scripted faults) what the operation itself refuses: for Converse and ConverseStream the conversation and
 * its content (core's shared checks, {@link BedrockChecks#converseRejection}) and its size against the model's
 * context window, for InvokeModel and
 * InvokeModelWithResponseStream the family's native body ({@link NativeBodyRules}). Each check answers with
 * the HTTP 400 {@code ValidationException} Bedrock sends, in Bedrock's words.
 *
 * <p>Thread-safe: stateless.
 */
public final class RequestChecks {
    private static final String RUNTIME = "bedrock-runtime";
    private static final String AGENT_RUNTIME = "bedrock-agent-runtime";

    private RequestChecks() {
    }

    /**
     * An error answer: what Bedrock sends when it refuses a request.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param status the HTTP status
     * @param errorType the {@code x-amzn-ErrorType}, such as {@code ValidationException}
     * @param message the message
     */
    public record Refusal(int status, String errorType, String message) {
        /**
         * Validates the components.
         *
         * @param status the status
         * @param errorType the error type
         * @param message the message
         */
        public Refusal {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(message, "message");
        }

        static Refusal invalid(String message) {
            return new Refusal(400, "ValidationException", message);
        }
    }

    /**
     * How a model id came to be served, for {@link #modelId}.
     *
     * @param scripted the test scripted this very id ({@code server.model(id)})
     * @param anyModel the test scripted every model ({@code server.anyModel()})
     * @param lenient the server is lenient
     */
    public record Served(boolean scripted, boolean anyModel, boolean lenient) {
    }

    /**
     * Checks a request's JSON body and URI parameters against the service model of its operation.
     *
     * @param operation the operation
     * @param uriParameters the decoded path parameters; the model id is left to {@link #modelId}
     * @param body the parsed body, or a missing node
     * @return the refusal, or empty
     */
    public static Optional<Refusal> shape(BedrockOperation operation, Map<String, String> uriParameters, JsonNode body) {
        ServiceModel model = ServiceModel.of(RUNTIME);
        if (!model.knows(operation.apiName())) {
            model = ServiceModel.of(AGENT_RUNTIME);
        }
        if (operation == BedrockOperation.INVOKE_MODEL || operation == BedrockOperation.INVOKE_MODEL_WITH_RESPONSE_STREAM) {
            return Optional.empty(); // the body is the model's own; NativeBodyRules reads it
        }
        Map<String, String> parameters = new java.util.HashMap<>(uriParameters);
        parameters.remove("modelId");
        List<String> violations = model.violations(operation.apiName(), body, parameters);
        return violations.isEmpty() ? Optional.empty() : Optional.of(Refusal.invalid(ServiceModel.message(violations)));
    }

    /**
     * Bedrock's answer to a model id. Bedrock serves the models it has: here, the ids the model catalog knows
     * (foundation model ids, inference profile ids and ARNs of either), and those a test declares: by
     * scripting the id, by scripting every model (then any id answers but a likely typo of a known id, which
     * fails in production), or by making the server lenient. Ids Bedrock would refuse whatever is scripted
     * (empty, blank, too long, holding whitespace, a known id in the wrong letter case) are refused always.
     *
     * @param modelId the decoded model id
     * @param served what the test declared
     * @return the refusal, or empty when the id is served
     */
    public static Optional<Refusal> modelId(String modelId, Served served) {
        Optional<Preflight.Rejection> malformed = Preflight.modelIdRejection(modelId, ModelCatalog.defaults());
        if (malformed.isPresent()) {
            return Optional.of(Refusal.invalid(malformed.get().serviceMessage()));
        }
        if (served.scripted() || served.lenient() || ModelCatalog.defaults().lookup(modelId).known()) {
            return Optional.empty();
        }
        if (served.anyModel() && !BedrockChecks.likelyTypo(modelId)) {
            return Optional.empty();
        }
        return Optional.of(Refusal.invalid(BedrockChecks.INVALID_MODEL_ID));
    }

    /**
     * What the operation refuses in a request whose shape and model id passed.
     *
     * @param operation the operation
     * @param modelId the decoded model id, or {@code null} for operations without one
     * @param body the parsed body, or a missing node
     * @return the refusal, or empty
     */
    public static Optional<Refusal> content(BedrockOperation operation, String modelId, JsonNode body) {
        if (modelId == null) {
            return Optional.empty();
        }
        Optional<String> refused = switch (operation) {
            case CONVERSE, CONVERSE_STREAM -> converse(modelId, body);
            case INVOKE_MODEL, INVOKE_MODEL_WITH_RESPONSE_STREAM -> NativeBodyRules.rejection(modelId, body);
            default -> Optional.empty();
        };
        return refused.map(Refusal::invalid);
    }

    private static Optional<String> converse(String modelId, JsonNode body) {
        ChatRequest request;
        try {
            request = ConverseCodec.parseRequest(body);
        } catch (RuntimeException e) {
            return Optional.empty(); // left to the operation, which reports what it cannot read
        }
        Optional<String> refused = BedrockChecks.converseRejection(modelId, request);
        return refused.isPresent() ? refused : contextWindow(modelId, request);
    }

    /** Bedrock's answer to a Converse input that, with its {@code maxTokens}, does not fit the model's context window. */
    static final String INPUT_TOO_LONG = "The model returned the following errors: Input is too long for requested model.";

    // The input, counted as CountTokens and usage count it here (Tokens), and maxTokens against the catalog's window;
    // an Anthropic beta can widen the window, so it is not checked then, as the library's pre-flight does not.
    private static Optional<String> contextWindow(String modelId, ChatRequest request) {
        int window = ModelCatalog.defaults().lookup(modelId).contextWindow();
        if (window <= 0 || request.additionalModelRequestFields().map(f -> f.has("anthropic_beta")).orElse(false)) {
            return Optional.empty();
        }
        // From Claude 3.7 Sonnet on, input plus max_tokens over the window is refused; earlier Claude 3 and 3.5 models
        // lower max_tokens instead (Anthropic's context-window documentation), so only their input counts.
        boolean answerCounts = !(modelId.contains("claude-3-") && !modelId.contains("claude-3-7"));
        long tokens = (long) Tokens.count(request) + (answerCounts ? request.maxTokens().orElse(0) : 0);
        return tokens > window ? Optional.of(INPUT_TOO_LONG) : Optional.empty();
    }
}
