package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.internal.HashingEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Answers the embedding models' native {@code InvokeModel} bodies with deterministic
 * {@link HashingEmbedder} vectors: Titan Text Embeddings v1 and v2 (and Titan Multimodal for text),
 * and Cohere Embed v3 and v4. Thread-safe.
 */
final class Embeddings {
    private static final Set<Integer> TITAN_V2_DIMENSIONS = Set.of(256, 512, 1024);
    private static final Set<String> COHERE_INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");
    private static final Set<String> COHERE_TYPES = Set.of("float", "int8", "uint8", "binary", "ubinary");

    private Embeddings() {
    }

    static ObjectNode answer(String modelId, ModelFamily family, JsonNode body) {
        return family == ModelFamily.COHERE_EMBED ? cohere(modelId, body) : titan(modelId, body);
    }

    private static ObjectNode titan(String modelId, JsonNode body) {
        if (!body.path("inputText").isTextual() && !body.has("inputImage")) {
            throw AnswerException.invalid("inputText is required: send {\"inputText\":\"...\"}");
        }
        String text = body.path("inputText").asText(body.path("inputImage").asText(""));
        boolean v2 = modelId.contains("titan-embed-text-v2");
        boolean image = modelId.contains("titan-embed-image");
        int dimensions = v2 ? 1024 : image ? 1024 : 1536;
        if (v2 && body.has("dimensions")) {
            dimensions = body.get("dimensions").asInt();
            if (!TITAN_V2_DIMENSIONS.contains(dimensions)) {
                throw AnswerException.invalid("dimensions must be 256, 512 or 1024, was " + body.get("dimensions"));
            }
        }
        if (image && body.path("embeddingConfig").has("outputEmbeddingLength")) {
            dimensions = body.path("embeddingConfig").get("outputEmbeddingLength").asInt();
        }
        float[] vector = HashingEmbedder.embed(text, dimensions);
        if (v2 && !body.path("normalize").asBoolean(true)) {
            float scale = Math.max(1, Tokens.count(text));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        ObjectNode answer = JsonSupport.object();
        answer.set("embedding", floats(vector));
        answer.put("inputTextTokenCount", Tokens.count(text));
        if (v2) {
            ObjectNode byType = answer.putObject("embeddingsByType");
            List<String> types = new ArrayList<>();
            body.path("embeddingTypes").forEach(t -> types.add(t.asText()));
            if (types.isEmpty() || types.contains("float")) {
                byType.set("float", floats(vector));
            }
            if (types.contains("binary")) {
                ArrayNode bits = byType.putArray("binary");
                for (float v : vector) {
                    bits.add(v > 0 ? 1 : 0);
                }
            }
        }
        return answer;
    }

    private static ObjectNode cohere(String modelId, JsonNode body) {
        // Cohere Embed takes texts or, since v3, images (data URIs); an image embeds by its bytes
        JsonNode texts = body.path("texts").isArray() && !body.path("texts").isEmpty() ? body.path("texts")
                : body.path("images");
        if (!texts.isArray() || texts.isEmpty()) {
            throw AnswerException.invalid("texts is required: send {\"texts\":[\"...\"],\"input_type\":\"search_document\"}");
        }
        if (texts.size() > 96) {
            throw AnswerException.invalid("texts may hold at most 96 texts, had " + texts.size());
        }
        String inputType = body.path("input_type").asText("");
        if (!COHERE_INPUT_TYPES.contains(inputType) && !(inputType.equals("image") && body.has("images"))) {
            throw AnswerException.invalid("input_type must be one of search_document, search_query, classification, clustering;"
                    + " was \"" + inputType + "\"");
        }
        boolean v4 = modelId.contains("embed-v4");
        int dimensions = v4 ? body.path("output_dimension").asInt(1536) : 1024;
        List<String> types = new ArrayList<>();
        body.path("embedding_types").forEach(t -> types.add(t.asText()));
        for (String type : types) {
            if (!COHERE_TYPES.contains(type)) {
                throw AnswerException.invalid("embedding_types may hold float, int8, uint8, binary, ubinary; not \"" + type + "\"");
            }
        }
        List<float[]> vectors = new ArrayList<>();
        ArrayNode echoed = JsonSupport.array();
        for (JsonNode text : texts) {
            // search queries and documents embed alike, so a query finds the documents that share its words
            vectors.add(HashingEmbedder.embed(text.asText(), dimensions));
            echoed.add(text.asText());
        }
        ObjectNode answer = JsonSupport.object();
        answer.put("id", UUID.nameUUIDFromBytes(JsonSupport.bytes(body)).toString());
        if (types.isEmpty() && !v4) {
            answer.put("response_type", "embeddings_floats");
            ArrayNode embeddings = answer.putArray("embeddings");
            vectors.forEach(v -> embeddings.add(floats(v)));
        } else {
            answer.put("response_type", "embeddings_by_type");
            ObjectNode byType = answer.putObject("embeddings");
            for (String type : types.isEmpty() ? List.of("float") : types) {
                ArrayNode list = byType.putArray(type);
                vectors.forEach(v -> list.add(quantized(v, type)));
            }
        }
        answer.set("texts", body.has("texts") ? echoed : JsonSupport.array());
        return answer;
    }

    private static ArrayNode quantized(float[] vector, String type) {
        ArrayNode values = JsonSupport.array();
        switch (type) {
            case "int8" -> {
                for (float v : vector) {
                    values.add(Math.round(v * 127));
                }
            }
            case "uint8" -> {
                for (float v : vector) {
                    values.add(Math.round(v * 127) + 128);
                }
            }
            case "binary", "ubinary" -> {
                for (int i = 0; i < vector.length; i += 8) {
                    int packed = 0;
                    for (int bit = 0; bit < 8 && i + bit < vector.length; bit++) {
                        packed |= (vector[i + bit] > 0 ? 1 : 0) << (7 - bit);
                    }
                    values.add(type.equals("binary") ? packed - 128 : packed);
                }
            }
            default -> {
                return floats(vector);
            }
        }
        return values;
    }

    private static ArrayNode floats(float[] vector) {
        ArrayNode values = JsonSupport.array();
        for (float v : vector) {
            values.add(v);
        }
        return values;
    }
}
