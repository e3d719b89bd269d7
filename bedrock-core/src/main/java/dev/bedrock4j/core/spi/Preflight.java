package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the library's own models run before any call, for other implementations of the public
 * interfaces (fakes, tool registries) that must fail the same way, with the same message.
 * {@link dev.bedrock4j.core.chat.ChatRequest#validateFor} is the check of a whole chat request.
 *
 * <pre>{@code
 * Preflight.embeddingTexts(texts, 50_000, "amazon.titan-embed-text-v2:0");
 * Preflight.toolName("get_weather", "tools[0].name");
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Preflight {
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private Preflight() {
    }

    /**
     * Checks the texts of an embedding call.
     *
     * @param texts the texts
     * @param maxChars the longest text the model accepts, in characters
     * @param modelId the model, for the message
     * @throws InvalidRequestException naming {@code texts[i]} for the first null, blank or too long text,
     *         or {@code texts} when there are none
     */
    public static void embeddingTexts(List<String> texts, int maxChars, String modelId) {
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

    /**
     * Checks a tool name against Bedrock's rule: 1 to 64 letters, digits, underscores or hyphens.
     *
     * @param name the name
     * @param field the request field, for the message
     * @throws InvalidRequestException if the name breaks the rule
     */
    public static void toolName(String name, String field) {
        if (!TOOL_NAME.matcher(name).matches()) {
            throw new InvalidRequestException(field, "tool name '" + name + "' is rejected by Bedrock;"
                    + " use 1 to 64 letters, digits, '_' or '-', e.g. '" + suggestName(name) + "'");
        }
    }

    private static String suggestName(String name) {
        String cleaned = name.replaceAll("[^a-zA-Z0-9_-]", "_");
        if (cleaned.isEmpty()) {
            return "my_tool";
        }
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
