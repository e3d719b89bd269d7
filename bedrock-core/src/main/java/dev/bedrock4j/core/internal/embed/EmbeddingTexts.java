package dev.bedrock4j.core.internal.embed;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.List;
import java.util.Objects;

/** Pre-flight checks of the texts of an embedding call; shared by the real models and the testkit's fake. */
public final class EmbeddingTexts {
    private EmbeddingTexts() {
    }

    /**
     * Throws {@link InvalidRequestException} naming {@code texts[i]} for the first null, blank or too long text.
     *
     * @param texts the texts
     * @param maxChars the longest text the model accepts, in characters
     * @param modelId the model, for the message
     */
    public static void validate(List<String> texts, int maxChars, String modelId) {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new InvalidRequestException("texts", "no texts to embed; pass at least one");
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String field = "texts[" + i + "]";
            if (text == null) {
                throw new InvalidRequestException(field, field + " is null; pass a non-blank text");
            }
            if (text.isBlank()) {
                throw new InvalidRequestException(field, field + " is " + (text.isEmpty() ? "empty" : "blank")
                        + "; the model cannot embed it, so drop it or replace it with real text");
            }
            if (text.length() > maxChars) {
                throw new InvalidRequestException(field, field + " has " + text.length() + " characters; " + modelId
                        + " accepts at most " + maxChars + ", so split it into smaller chunks");
            }
        }
    }
}
