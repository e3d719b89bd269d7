package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the library runs before any call, for other implementations of the public interfaces (fakes,
 * tool registries, builders in other modules) that must fail the same way, with the same message:
 * embedding texts, tool names, and the numeric settings of builders.
 * {@link dev.bedrock4j.core.chat.ChatRequest#validateFor} is the check of a whole chat request.
 *
 * <pre>{@code
 * Preflight.embeddingTexts(texts, 50_000, "amazon.titan-embed-text-v2:0");
 * Preflight.toolName("get_weather", "tools[0].name");
 * this.maxAttempts = Preflight.atLeastOne("maxAttempts", maxAttempts);
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Preflight {
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private Preflight() {
    }

    /**
     * Checks a count setting.
     *
     * @param name the setting, for the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException naming the setting and the value, if it is below 1
     */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /**
     * Checks a duration setting that must be longer than zero.
     *
     * @param name the setting, for the message
     * @param value the value
     * @return {@code value}
     * @throws NullPointerException naming the setting, if it is null
     * @throws IllegalArgumentException naming the setting and the value, if it is zero or negative
     */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Checks a duration setting that may be zero.
     *
     * @param name the setting, for the message
     * @param value the value
     * @return {@code value}
     * @throws NullPointerException naming the setting, if it is null
     * @throws IllegalArgumentException naming the setting and the value, if it is negative
     */
    public static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
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
