package dev.bedrock4j.testkit.internal.server.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.catalog.ModelInfo;
import java.util.List;
import java.util.Optional;

/**
 * What Bedrock refuses in the native body of an {@code InvokeModel} or {@code InvokeModelWithResponseStream}
 * request, per model family: first the body's schema ({@link BodySchema}, from the model-parameter pages),
 * then the rules the model itself applies, in its own words.
 *
 * <p>Anthropic's Messages bodies pass Bedrock's validator as one branch of two, the other being the old text
 * completions body that Claude 3 and later refuse; Bedrock reports the branch that fails first:
 * {@code #: subject must not be valid against schema {"required":["messages"]}} (a body with {@code messages}
 * is not a text completions body), then what the Messages body lacks, as in {@code Malformed input request: #:
 * subject must not be valid against schema {"required":["messages"]}#: required key [max_tokens] not found,
 * please reformat your input and try again.} (reported for Claude 3 Sonnet and Haiku; also in
 * fumito-ito/AnthropicSwiftSDK#19). A valid text completions body gets {@code "claude-3-haiku-20240307" is not
 * supported on this API. Please use the Messages API instead.} (reported for Claude 3, 3.7 and 4.5 models).
 * Past the schema, Anthropic's checks answer in Anthropic's words, which Bedrock passes through unchanged on
 * {@code InvokeModel} (as in {@code max_tokens_to_sample: range: 1..1,000,000}): {@code temperature: range:
 * 0..1} and {@code max_tokens: 1000000 > 4096, which is the maximum allowed number of output tokens for
 * claude-3-haiku-20240307} (the limit from the model catalog, as core's pre-flight uses it).
 *
 * <p>Thread-safe: stateless.
 */
final class NativeBodyRules {
    private static final String MESSAGES_BRANCH = "#: subject must not be valid against schema {\"required\":[\"messages\"]}";

    private NativeBodyRules() {
    }

    /**
     * Bedrock's answer to a native body, when it refuses it.
     *
     * @param modelId the model id as sent
     * @param body the parsed body
     * @return the message of the HTTP 400 {@code ValidationException}, or empty
     */
    static Optional<String> rejection(String modelId, JsonNode body) {
        ModelInfo model = ModelCatalog.defaults().lookup(modelId);
        String id = model.baseModelId();
        if (model.family() == ModelFamily.ANTHROPIC_CLAUDE) {
            return anthropic(model, body);
        }
        String schema = schemaName(model.family(), id, body);
        if (schema == null) {
            return Optional.empty();
        }
        List<String> violations = BodySchema.named(schema).violations(body);
        return violations.isEmpty() ? Optional.empty() : Optional.of(BodySchema.message(violations));
    }

    private static String schemaName(ModelFamily family, String id, JsonNode body) {
        return switch (family) {
            case AMAZON_NOVA -> "amazon-nova";
            case AMAZON_TITAN_TEXT -> "amazon-titan-text";
            case AMAZON_TITAN_EMBED -> id.contains("titan-embed-text-v1") ? "amazon-titan-embed-text-v1"
                    : id.contains("titan-embed-text-v2") ? "amazon-titan-embed-text-v2"
                    : id.contains("titan-embed-image") ? "amazon-titan-embed-image" : null;
            case COHERE_EMBED -> id.contains("embed-v4") ? "cohere-embed-v4" : id.contains("-v3") ? "cohere-embed-v3" : null;
            case META_LLAMA -> "meta-llama";
            // Mistral Large 2 (24.07) and Pixtral Large also take the chat completion body
            case MISTRAL -> body.has("messages") && (id.contains("2407") || id.contains("2411") || id.contains("pixtral"))
                    ? "mistral-chat-completion" : "mistral-text-completion";
            case COHERE_COMMAND -> id.contains("command-r") ? "cohere-command-r" : "cohere-command";
            default -> null;
        };
    }

    private static Optional<String> anthropic(ModelInfo model, JsonNode body) {
        if (!body.isObject() || !body.has("messages")) {
            List<String> violations = BodySchema.named("anthropic-text-completions").violations(body);
            if (!violations.isEmpty()) {
                return Optional.of(BodySchema.message(violations));
            }
            return Optional.of("\"" + anthropicName(model.baseModelId()) + "\" is not supported on this API. Please use the"
                    + " Messages API instead.");
        }
        List<String> violations = BodySchema.named("anthropic-messages").violations(body);
        if (!violations.isEmpty()) {
            violations.add(0, MESSAGES_BRANCH);
            return Optional.of(BodySchema.message(violations));
        }
        JsonNode temperature = body.get("temperature");
        if (temperature != null && (temperature.doubleValue() < 0 || temperature.doubleValue() > 1)) {
            return Optional.of("temperature: range: 0..1");
        }
        int limit = model.maxOutputTokens();
        long maxTokens = body.path("max_tokens").asLong();
        // as in core's pre-flight: Anthropic beta features can raise the output limit
        if (limit > 0 && maxTokens > limit && !body.has("anthropic_beta")) {
            return Optional.of("max_tokens: " + maxTokens + " > " + limit + ", which is the maximum allowed number of output"
                    + " tokens for " + anthropicName(model.baseModelId()));
        }
        return Optional.empty();
    }

    /** Anthropic's name of a Bedrock model: {@code anthropic.claude-3-haiku-20240307-v1:0} is {@code claude-3-haiku-20240307}. */
    static String anthropicName(String baseModelId) {
        String name = baseModelId.startsWith("anthropic.") ? baseModelId.substring("anthropic.".length()) : baseModelId;
        return name.replaceFirst("-v\\d+(:\\d+)?$", "");
    }
}
