package dev.bedrock4j.rag.internal;

import dev.bedrock4j.core.InvalidRequestException;

/** The pre-flight check of a query or question, shared by every knowledge base and answerer. Thread-safe. */
public final class Queries {
    private Queries() {
    }

    /** Fails with {@link InvalidRequestException} naming {@code query} when it is null or blank. */
    public static String check(String query) {
        return check("query", query);
    }

    /** Fails with {@link InvalidRequestException} naming the field when the text is null or blank. */
    public static String check(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, field + " is " + (text == null ? "null" : "blank")
                    + "; pass the text to search for, such as the user's question");
        }
        return text;
    }
}
