package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one shared Jackson mapper and the small JSON helpers every module uses, with unchecked exceptions.
 *
 * <pre>{@code
 * ObjectNode line = JsonSupport.object().put("id", "doc-1");
 * JsonNode back = JsonSupport.parse(JsonSupport.write(line));
 * }</pre>
 *
 * <p>Thread-safe: the mapper is configured once and only read after.
 */
public final class JsonSupport {
    /** The shared mapper, default configuration; configure nothing on it. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonSupport() {
    }

    /**
     * A new empty object node.
     *
     * @return the node
     */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * A new empty array node.
     *
     * @return the node
     */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Parses JSON text.
     *
     * @param json the text
     * @return the tree
     * @throws UncheckedIOException naming the problem, if the text is not JSON
     */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON bytes (UTF-8).
     *
     * @param json the bytes
     * @return the tree
     * @throws UncheckedIOException naming the problem, if the bytes are not JSON
     */
    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("malformed JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Compact JSON text.
     *
     * @param node the tree
     * @return the text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pretty-printed JSON text.
     *
     * @param node the tree
     * @return the text
     */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compact JSON bytes (UTF-8).
     *
     * @param node the tree
     * @return the bytes
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
