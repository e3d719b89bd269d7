package dev.bedrock4j.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Objects;

/**
 * A passage of a source that a model cited for part of its answer.
 *
 * <p>The location is kept as Bedrock sends it, for example
 * {@code {"documentChar":{"documentIndex":0,"start":10,"end":42}}} or
 * {@code {"documentPage":{"documentIndex":0,"start":3,"end":3}}}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param title the cited source's title, or {@code null}
 * @param source the cited source's identifier, or {@code null}
 * @param sourceContent the cited passages' text
 * @param location where in the source the passage is; {@link NullNode} when unknown
 */
public record Citation(String title, String source, List<String> sourceContent, JsonNode location) {
    /**
     * Copies the components.
     *
     * @param title the title, or {@code null}
     * @param source the source, or {@code null}
     * @param sourceContent the cited text
     * @param location the location
     */
    public Citation {
        sourceContent = List.copyOf(sourceContent);
        location = location == null ? NullNode.getInstance() : location.deepCopy();
    }

    /**
     * A copy of the location.
     *
     * @return the location
     */
    @Override
    public JsonNode location() {
        return location.deepCopy();
    }

    /**
     * Creates a citation of a text passage with no location.
     *
     * @param title the source's title
     * @param text the cited text
     * @return the citation
     */
    public static Citation of(String title, String text) {
        return new Citation(title, null, List.of(Objects.requireNonNull(text, "text")), null);
    }
}
