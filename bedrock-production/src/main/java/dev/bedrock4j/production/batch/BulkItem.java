package dev.bedrock4j.production.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One input of a bulk run: a unique id (the checkpoint key) and its data, such as
 * {@code {"id":"doc-17","text":"..."}} from a JSONL file.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the item's unique id
 * @param data the item's data, a JSON object
 */
public record BulkItem(String id, JsonNode data) {
    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param data the data
     */
    public BulkItem {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a bulk item needs a non-blank id: it is how a resumed run knows what is done");
        }
        data = Objects.requireNonNull(data, "data").deepCopy();
    }

    /**
     * An item holding just a text.
     *
     * @param id the id
     * @param text the text
     * @return the item
     */
    public static BulkItem of(String id, String text) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("id", id);
        data.put("text", text);
        return new BulkItem(id, data);
    }

    /**
     * A copy of the data.
     *
     * @return the data
     */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /**
     * The {@code text} field of the data.
     *
     * @return the text, or empty
     */
    public String text() {
        return data.path("text").asText("");
    }
}
