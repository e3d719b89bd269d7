package dev.bedrock4j.core.internal.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.embed.InputType;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.ArrayList;
import java.util.List;

/** The native InvokeModel body format of one embedding model family. Thread-safe. */
public interface EmbeddingWire {
    /** How many texts one request may carry. */
    int maxTextsPerRequest();

    /** The longest text accepted, in characters. */
    int maxChars();

    /** The request body for a batch of texts. */
    ObjectNode body(List<String> texts, InputType inputType, int dimensions, boolean normalize);

    /** The vectors in a response body, in request order. */
    List<float[]> vectors(JsonNode body);

    /** The input token count the body reports, or -1 when it reports none (the header then tells). */
    int inputTokens(JsonNode body);

    /**
     * Titan Text Embeddings: one {@code inputText} per request; v2 adds {@code dimensions} and {@code normalize}.
     * Answers {@code {"embedding":[..],"inputTextTokenCount":n}}.
     */
    final class Titan implements EmbeddingWire {
        /** Titan's limit on the input text. */
        static final int MAX_CHARS = 50_000;
        private final boolean v2;

        Titan(boolean v2) {
            this.v2 = v2;
        }

        @Override
        public int maxTextsPerRequest() {
            return 1;
        }

        @Override
        public int maxChars() {
            return MAX_CHARS;
        }

        @Override
        public ObjectNode body(List<String> texts, InputType inputType, int dimensions, boolean normalize) {
            ObjectNode body = JsonSupport.object().put("inputText", texts.get(0));
            if (v2) {
                body.put("dimensions", dimensions).put("normalize", normalize);
            }
            return body;
        }

        @Override
        public List<float[]> vectors(JsonNode body) {
            return List.of(floats(body.path("embedding"), "embedding"));
        }

        @Override
        public int inputTokens(JsonNode body) {
            JsonNode count = body.get("inputTextTokenCount");
            return count != null && count.canConvertToInt() ? count.intValue() : -1;
        }
    }

    /**
     * Cohere Embed: up to 96 {@code texts} with an {@code input_type}. Answers
     * {@code {"embeddings":[[..]],"response_type":"embeddings_floats",..}}, or with
     * {@code "embeddings":{"float":[[..]]}} for the by-type response.
     */
    final class Cohere implements EmbeddingWire {
        /** Cohere's limit on texts per request. */
        static final int MAX_TEXTS = 96;
        /** Cohere's limit on one text. */
        static final int MAX_CHARS = 2048;
        private final int defaultDimensions;

        Cohere(int defaultDimensions) {
            this.defaultDimensions = defaultDimensions;
        }

        @Override
        public int maxTextsPerRequest() {
            return MAX_TEXTS;
        }

        @Override
        public int maxChars() {
            return MAX_CHARS;
        }

        @Override
        public ObjectNode body(List<String> texts, InputType inputType, int dimensions, boolean normalize) {
            ObjectNode body = JsonSupport.object();
            ArrayNode array = body.putArray("texts");
            texts.forEach(array::add);
            body.put("input_type", inputType.cohereName()).put("truncate", "NONE");
            if (dimensions != defaultDimensions) {
                body.put("output_dimension", dimensions);
            }
            return body;
        }

        @Override
        public List<float[]> vectors(JsonNode body) {
            JsonNode embeddings = body.path("embeddings");
            if (embeddings.isObject()) {
                embeddings = embeddings.path("float");
            }
            if (!embeddings.isArray()) {
                throw new ModelErrorException("the response has no \"embeddings\" array of floats");
            }
            List<float[]> vectors = new ArrayList<>(embeddings.size());
            for (int i = 0; i < embeddings.size(); i++) {
                vectors.add(floats(embeddings.get(i), "embeddings[" + i + "]"));
            }
            return vectors;
        }

        @Override
        public int inputTokens(JsonNode body) {
            return -1;
        }
    }

    /** Reads a JSON array of numbers. */
    static float[] floats(JsonNode array, String field) {
        if (!array.isArray() || array.isEmpty()) {
            throw new ModelErrorException("the response field \"" + field + "\" is not a non-empty array of numbers");
        }
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber()) {
                throw new ModelErrorException("the response field \"" + field + "[" + i + "]\" is not a number: " + value);
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }
}
