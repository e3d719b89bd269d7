package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.internal.HashingEmbedder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the embedding models' native {@code InvokeModel} bodies with deterministic
 * {@link HashingEmbedder} vectors: Titan Text Embeddings v1 and v2 (and Titan Multimodal for text),
 * and Cohere Embed v3 and v4, texts and images. Thread-safe.
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
        boolean v4 = modelId.contains("embed-v4");
        JsonNode texts = body.path("texts");
        JsonNode images = body.path("images");
        if (images.isArray() && !images.isEmpty()) {
            return cohereImages(modelId, v4, body, images, texts);
        }
        if (!texts.isArray() || texts.isEmpty()) {
            throw AnswerException.invalid("texts is required: send {\"texts\":[\"...\"],\"input_type\":\"search_document\"}"
                    + " or {\"images\":[\"data:image/png;base64,...\"],\"input_type\":\"image\"}");
        }
        if (texts.size() > 96) {
            throw AnswerException.invalid("texts may hold at most 96 texts, had " + texts.size());
        }
        String inputType = body.path("input_type").asText("");
        if (!COHERE_INPUT_TYPES.contains(inputType)) {
            throw AnswerException.invalid("input_type must be one of search_document, search_query, classification, clustering"
                    + " for texts; was \"" + inputType + "\"");
        }
        int dimensions = v4 ? body.path("output_dimension").asInt(1536) : 1024;
        List<String> types = embeddingTypes(body);
        List<float[]> vectors = new ArrayList<>();
        ArrayNode echoed = JsonSupport.array();
        for (JsonNode text : texts) {
            // search queries and documents embed alike, so a query finds the documents that share its words
            vectors.add(HashingEmbedder.embed(text.asText(), dimensions));
            echoed.add(text.asText());
        }
        ObjectNode answer = cohereAnswer(body, v4, types, vectors);
        answer.set("texts", echoed);
        return answer;
    }

    /**
     * Cohere Embed with images (model-parameters-embed-v3.html): {@code images} holds data URIs of PNG or
     * JPEG images, at most one per call for v3 and 5 MB each, with {@code input_type} {@code image}, and no
     * {@code texts}. Each image embeds as the hash of its bytes; the answer lists each image's size.
     */
    private static ObjectNode cohereImages(String modelId, boolean v4, JsonNode body, JsonNode images, JsonNode texts) {
        if (texts.isArray() && !texts.isEmpty()) {
            throw AnswerException.invalid("Only one of texts or images may be provided, not both");
        }
        if (!v4 && images.size() > 1) {
            throw AnswerException.invalid("images may hold at most 1 image for " + modelId + ", had " + images.size());
        }
        if (images.size() > 96) {
            throw AnswerException.invalid("images may hold at most 96 images, had " + images.size());
        }
        String inputType = body.path("input_type").asText("");
        if (!inputType.equals("image") && !(v4 && COHERE_INPUT_TYPES.contains(inputType))) {
            throw AnswerException.invalid("input_type must be image for images; was \"" + inputType + "\"");
        }
        List<String> types = embeddingTypes(body);
        int dimensions = v4 ? body.path("output_dimension").asInt(1536) : 1024;
        List<float[]> vectors = new ArrayList<>();
        ArrayNode sizes = JsonSupport.array();
        for (JsonNode uri : images) {
            Matcher dataUri = DATA_URI.matcher(uri.asText(""));
            if (!dataUri.matches()) {
                throw AnswerException.invalid("Each image must be a data URI such as data:image/png;base64,... with an"
                        + " image/png or image/jpeg media type");
            }
            byte[] data;
            try {
                data = Base64.getDecoder().decode(dataUri.group(2));
            } catch (IllegalArgumentException e) {
                throw AnswerException.invalid("The image data URI does not hold valid base64");
            }
            if (data.length > MAX_IMAGE_BYTES) {
                throw AnswerException.invalid("Each image may be at most 5 MB, one was " + data.length + " bytes");
            }
            int[] size = ImageGeneration.size(data);
            if (size == null) {
                throw AnswerException.invalid("The image is not a valid " + dataUri.group(1) + " image");
            }
            vectors.add(HashingEmbedder.embed("image " + UUID.nameUUIDFromBytes(data), dimensions));
            sizes.addObject().put("width", size[0]).put("height", size[1]).put("format", dataUri.group(1))
                    .put("bit_depth", 8);
        }
        ObjectNode answer = cohereAnswer(body, v4, types, vectors);
        answer.putArray("texts");
        answer.set("images", sizes);
        return answer;
    }

    private static final Pattern DATA_URI = Pattern.compile("^data:(image/(?:png|jpeg));base64,(.*)$", Pattern.DOTALL);
    private static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

    private static List<String> embeddingTypes(JsonNode body) {
        List<String> types = new ArrayList<>();
        body.path("embedding_types").forEach(t -> types.add(t.asText()));
        for (String type : types) {
            if (!COHERE_TYPES.contains(type)) {
                throw AnswerException.invalid("embedding_types may hold float, int8, uint8, binary, ubinary; not \"" + type + "\"");
            }
        }
        return types;
    }

    private static ObjectNode cohereAnswer(JsonNode body, boolean v4, List<String> types, List<float[]> vectors) {
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
