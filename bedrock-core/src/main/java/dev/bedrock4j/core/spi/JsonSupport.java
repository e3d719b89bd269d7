package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
 * <p>Loading this class checks that the Jackson jars on the class path share one version, and logs a WARN naming
 * them when they do not ({@link JacksonVersions}); a {@link LinkageError} Jackson throws here is rethrown with those
 * versions in its message.
 *
 * <p>Thread-safe: the mapper behind it is configured once and never exposed.
 */
public final class JsonSupport {
    private static final ObjectMapper MAPPER;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        JacksonVersions.warnIfMixed();
        try {
            MAPPER = new ObjectMapper();
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
        }
    }

    private JsonSupport() {
    }

    /**
     * A reader with the shared mapper's default configuration, to derive readers from
     * (for example {@code reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)}).
     *
     * @return the reader; immutable
     */
    public static ObjectReader reader() {
        try {
            return MAPPER.reader();
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
        }
    }

    /**
     * The JSON tree of a plain Java value (a map, a list, a record, a bean).
     *
     * @param value the value
     * @return the tree
     * @throws IllegalArgumentException if Jackson cannot convert the value
     */
    public static JsonNode toTree(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
        }
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
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
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
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
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
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
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
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
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
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
        }
    }
}
