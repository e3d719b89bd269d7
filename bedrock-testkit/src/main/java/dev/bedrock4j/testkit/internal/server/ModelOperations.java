package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.WireEvent;
import dev.bedrock4j.testkit.internal.BedrockChecks;
import dev.bedrock4j.testkit.internal.ConverseEvents;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bedrock-runtime model operations: Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream,
 * CountTokens. Thread-safe.
 */
final class ModelOperations {
    private final BedrockEngine engine;

    ModelOperations(BedrockEngine engine) {
        this.engine = engine;
    }

    Answer converse(String modelId, JsonNode body) {
        refuseImageModels(modelId);
        ChatRequest request = ConverseCodec.parseRequest(body);
        ChatResponse response = ConverseGuardrails.apply(engine, modelId, body, request,
                () -> respond(modelId, engine.nextReply(modelId), request, "Converse"));
        return Answer.json(ConverseCodec.response(response));
    }

    Answer converseStream(String modelId, JsonNode body) {
        refuseImageModels(modelId);
        ChatRequest request = ConverseCodec.parseRequest(body);
        if (body.path("guardrailConfig").isObject()) {
            return Answer.stream(Map.of(), ConverseEvents.of(ConverseGuardrails.apply(engine, modelId, body, request,
                    () -> respond(modelId, scriptedResponse(modelId), request, "ConverseStream"))));
        }
        ModelReply reply = engine.nextReply(modelId);
        if (reply instanceof ModelReply.Events events) {
            return Answer.stream(Map.of(), events.events());
        }
        return Answer.stream(Map.of(), ConverseEvents.of(respond(modelId, reply, request, "ConverseStream")));
    }

    // A guarded stream is assessed as a whole, so scripted raw events cannot pass through it.
    private ModelReply scriptedResponse(String modelId) {
        ModelReply reply = engine.nextReply(modelId);
        if (reply instanceof ModelReply.Events) {
            throw AnswerException.invalid("the local server's script for " + modelId + " holds raw stream events, which a"
                    + " ConverseStream with guardrailConfig cannot guard; script ModelReply.text(...) or of(...)");
        }
        return reply;
    }

    /** Whether the family answers InvokeModel with images (and nothing else). */
    static boolean generatesImages(ModelFamily family) {
        return family == ModelFamily.AMAZON_IMAGE || family == ModelFamily.STABILITY_IMAGE;
    }

    // Converse for a model that does not chat is refused as Bedrock refuses it.
    private static void refuseImageModels(String modelId) {
        if (generatesImages(ModelCatalog.defaults().lookup(modelId).family())) {
            throw AnswerException.invalid("This action doesn't support the model that you provided. Try again with a"
                    + " supported text or chat model.");
        }
    }

    // CountTokens' Converse input gets the checks a Converse request gets before any model runs.
    private static ChatRequest checked(String modelId, ChatRequest request) {
        refuseImageModels(modelId);
        Optional<String> refused = BedrockChecks.converseRejection(modelId, request);
        if (refused.isPresent()) {
            throw AnswerException.invalid(refused.get());
        }
        return request;
    }

    Answer invokeModel(String modelId, JsonNode body) {
        ModelFamily family = ModelCatalog.defaults().lookup(modelId).family();
        boolean embedding = family == ModelFamily.AMAZON_TITAN_EMBED || family == ModelFamily.COHERE_EMBED;
        // anyModel() scripts chat answers; embedding and image models keep their offline answers unless scripted by id
        ModelReply reply = embedding || generatesImages(family) ? engine.ownReply(modelId) : engine.nextReply(modelId);
        if (reply instanceof ModelReply.RawBody raw) {
            return Answer.json(raw.body());
        }
        if (generatesImages(family)) {
            if (reply != null) {
                throw scriptMismatch(modelId, reply, "InvokeModel on an image generation model");
            }
            return Answer.json(ImageGeneration.answer(modelId, family, body));
        }
        if (embedding) {
            if (reply != null) {
                throw scriptMismatch(modelId, reply, "InvokeModel on an embedding model");
            }
            ObjectNode answer = Embeddings.answer(modelId, family, body);
            int tokens = answer.path("inputTextTokenCount").asInt(0);
            if (family == ModelFamily.COHERE_EMBED) {
                for (JsonNode text : answer.path("texts")) {
                    tokens += Tokens.count(text.asText());
                }
            }
            return Answer.json(200, tokenHeaders(Usage.of(tokens, 0)), answer);
        }
        ChatRequest request = nativeRequest(modelId, family, body);
        ChatResponse response = respond(modelId, reply, request, "InvokeModel");
        return Answer.json(200, tokenHeaders(response.usage()), NativeBodies.writeResponse(family, modelId, response));
    }

    Answer invokeModelWithResponseStream(String modelId, JsonNode body) {
        ModelFamily family = ModelCatalog.defaults().lookup(modelId).family();
        Map<String, String> headers = Map.of("X-Amzn-Bedrock-Content-Type", "application/json");
        ModelReply reply = engine.nextReply(modelId);
        if (reply instanceof ModelReply.Events events) {
            return Answer.stream(headers, events.events());
        }
        if (reply instanceof ModelReply.RawBody raw) {
            return Answer.stream(headers, List.of(WireEvent.chunk(JsonSupport.write(raw.body()))));
        }
        if (family == ModelFamily.AMAZON_TITAN_EMBED || family == ModelFamily.COHERE_EMBED || generatesImages(family)) {
            throw AnswerException.invalid("The model " + modelId + " does not support streaming; call InvokeModel instead");
        }
        ChatRequest request = nativeRequest(modelId, family, body);
        ChatResponse response = respond(modelId, reply, request, "InvokeModelWithResponseStream");
        return Answer.stream(headers, NativeBodies.streamChunks(family, modelId, response).stream()
                .map(chunk -> WireEvent.chunk(JsonSupport.write(chunk))).toList());
    }

    /**
     * CountTokens: the input tokens the same Converse or InvokeModel input would be billed, by the estimate the
     * server's own answers report ({@link Tokens}), so {@code inputTokens} equals the {@code usage.inputTokens}
     * of the call it counts. Bedrock counts for Anthropic Claude models only and refuses others; an id the test
     * scripted is counted too.
     */
    Answer countTokens(String modelId, JsonNode body) {
        ModelFamily family = ModelCatalog.defaults().lookup(modelId).family();
        if (family != ModelFamily.ANTHROPIC_CLAUDE && !engine.scripted(modelId)) {
            throw AnswerException.invalid("The provided model doesn't support counting tokens.");
        }
        JsonNode input = body.path("input");
        if (!input.isObject()) {
            throw AnswerException.invalid("1 validation error detected: Value null at 'input' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        if (input.size() != 1 || !(input.has("converse") || input.has("invokeModel"))) {
            throw AnswerException.invalid("input must hold exactly one of converse or invokeModel");
        }
        ChatRequest request;
        if (input.has("converse")) {
            request = checked(modelId, ConverseCodec.parseRequest(input.get("converse")));
        } else {
            JsonNode encoded = input.path("invokeModel").path("body");
            if (!encoded.isTextual()) {
                throw AnswerException.invalid("1 validation error detected: Value null at 'input.invokeModel.body' failed"
                        + " to satisfy constraint: Member must not be null");
            }
            JsonNode nativeBody;
            try {
                nativeBody = JsonSupport.parse(Base64.getDecoder().decode(encoded.asText()));
            } catch (RuntimeException e) {
                throw AnswerException.invalid("The invokeModel body is not valid JSON: " + e.getMessage());
            }
            request = nativeRequest(modelId, family, nativeBody);
        }
        return Answer.json(JsonSupport.object().put("inputTokens", Tokens.count(request)));
    }

    private static ChatRequest nativeRequest(String modelId, ModelFamily family, JsonNode body) {
        if (!NativeBodies.readsChat(family)) {
            throw AnswerException.invalid("The local Bedrock server does not know the native body of " + modelId
                    + " (family " + family + "); script a raw answer with server.model(\"" + modelId
                    + "\").reply(ModelReply.rawBody(...))");
        }
        try {
            return NativeBodies.parseRequest(family, body);
        } catch (RuntimeException e) {
            throw AnswerException.invalid("The body is not a valid " + family + " request: " + e.getMessage());
        }
    }

    /** The response a reply gives to a request, with usage and model id filled in. */
    ChatResponse respond(String modelId, ModelReply reply, ChatRequest request, String operation) {
        ChatResponse response;
        if (reply == null) {
            response = DefaultAnswers.of(modelId, request);
        } else if (reply instanceof ModelReply.Fixed fixed) {
            response = fixed.response();
        } else if (reply instanceof ModelReply.Dynamic dynamic) {
            response = dynamic.function().apply(request);
            if (response == null) {
                throw new IllegalStateException("the ModelReply.respond function for " + modelId + " returned null");
            }
        } else {
            throw scriptMismatch(modelId, reply, operation);
        }
        ChatResponse.Builder builder = response.toBuilder().modelId(modelId);
        if (response.usage().equals(Usage.ZERO)) {
            // thinking is billed as output, as Bedrock bills it
            builder.usage(Usage.of(Tokens.count(request),
                    Math.max(1, Tokens.count(response.text()) + Tokens.count(response.reasoning()))));
        }
        return builder.build();
    }

    private static AnswerException scriptMismatch(String modelId, ModelReply reply, String operation) {
        return AnswerException.invalid("the local server's script for " + modelId + " holds a "
                + reply.getClass().getSimpleName() + " reply, which " + operation + " cannot send; script "
                + "ModelReply.text(...), of(...) or respond(...) for chat calls, rawBody(...) for InvokeModel, "
                + "events(...) for streams");
    }

    /** The deterministic answer of an unscripted model: it repeats the last user turn. */
    static String echo(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            Message message = request.messages().get(i);
            if (message.role() != Role.USER) {
                continue;
            }
            StringBuilder results = new StringBuilder();
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolResult result) {
                    for (ContentBlock part : result.content()) {
                        results.append(results.length() == 0 ? "" : " ").append(part instanceof ContentBlock.Json json
                                ? JsonSupport.write(json.value()) : part instanceof ContentBlock.Text t ? t.text() : "");
                    }
                }
            }
            if (results.length() > 0) {
                return "The tool returned: " + results;
            }
            return "You said: " + message.text();
        }
        return "Hello from the local Bedrock server.";
    }

    private static Map<String, String> tokenHeaders(Usage usage) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(usage.inputTokens()));
        headers.put("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(usage.outputTokens()));
        headers.put("X-Amzn-Bedrock-Invocation-Latency", Long.toString(0));
        return headers;
    }
}
