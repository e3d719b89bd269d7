package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.internal.ServiceChecks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the library runs before any call, for other implementations of the public interfaces (fakes,
 * tool registries, builders in other modules, the testkit's server) that must fail the same way, with
 * the same message: model ids, embedding texts, tool names, the numeric settings of builders, and what
 * Bedrock itself refuses in a chat request's content.
 * {@link dev.bedrock4j.core.chat.ChatRequest#validateFor} is the check of a whole chat request.
 *
 * <pre>{@code
 * Preflight.modelId(modelId, ModelCatalog.defaults());
 * Preflight.embeddingTexts(texts, 50_000, "amazon.titan-embed-text-v2:0");
 * Preflight.toolName("get_weather", "tools[0].name");
 * this.maxAttempts = Preflight.atLeastOne("maxAttempts", maxAttempts);
 * String bedrockWouldSay = Preflight.contentRejection(request, info)      // for an emulator of Bedrock
 *         .map(Preflight.Rejection::serviceMessage).orElse(null);
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Preflight {
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private Preflight() {
    }

    /**
     * A request Bedrock would refuse, found before it is sent.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param field the request field at fault, such as {@code "messages[0].content[1]"} or {@code "modelId"}
     * @param message what is wrong and how to fix it, for the library's {@link InvalidRequestException}
     * @param serviceMessage the message Bedrock answers the same request with, in an HTTP 400
     *        {@code ValidationException}
     */
    public record Rejection(String field, String message, String serviceMessage) {
        /**
         * Validates the components.
         *
         * @param field the field
         * @param message the library's message
         * @param serviceMessage Bedrock's message
         */
        public Rejection {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(serviceMessage, "serviceMessage");
        }

        /**
         * The pre-flight failure the library throws for this rejection.
         *
         * @return the exception, naming {@link #field()}
         */
        public InvalidRequestException toException() {
            return new InvalidRequestException(field, message);
        }
    }

    /**
     * Checks a model id before any call: it must not be empty, blank, longer than Bedrock's 2048
     * characters, hold whitespace (a line break read from a file, say), or differ from an id the catalog
     * knows in letter case alone. Ids the catalog does not know pass: custom and provisioned model ARNs
     * and new models work; for a likely typo, {@link ModelCatalog#suggest(String)} supplies the hint the
     * library adds to Bedrock's "The provided model identifier is invalid." error.
     *
     * @param modelId the model id, inference profile id or ARN
     * @param catalog the catalog that knows the ids
     * @return {@code modelId}
     * @throws NullPointerException if {@code modelId} is null
     * @throws InvalidRequestException naming {@code modelId} and the fix
     */
    public static String modelId(String modelId, ModelCatalog catalog) {
        Optional<Rejection> rejection = modelIdRejection(modelId, catalog);
        if (rejection.isPresent()) {
            throw rejection.get().toException();
        }
        return modelId;
    }

    /**
     * What {@link #modelId(String, ModelCatalog)} finds wrong with a model id, with Bedrock's own answer.
     *
     * @param modelId the model id
     * @param catalog the catalog that knows the ids
     * @return the rejection, or empty when the id may be sent
     */
    public static Optional<Rejection> modelIdRejection(String modelId, ModelCatalog catalog) {
        Objects.requireNonNull(modelId, "modelId");
        return ServiceChecks.modelId(modelId, Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * What Bedrock refuses in a chat request's content, for a model: a conversation of the wrong shape (no
     * messages, a first turn that is not the user's, two turns of one role in a row, a turn without content,
     * more tool results than the previous turn made tool calls, tool blocks without tools); blank text blocks
     * (messages and system prompts); more images, documents or videos than the model's {@link ModelInfo#mediaLimits()},
     * or an inline one over their size (or, for images, 8,000 pixels a side where that applies); and
     * {@code maxTokens} over the model's {@link ModelInfo#maxOutputTokens()} (unless an Anthropic beta,
     * which can raise it, is set in {@code additionalModelRequestFields}). Part of
     * {@link ChatRequest#validateFor(ModelInfo)}; servers that emulate Bedrock answer with
     * {@link Rejection#serviceMessage()}.
     *
     * @param request the request
     * @param model what the catalog knows about the target model
     * @return the first problem found, or empty
     */
    public static Optional<Rejection> contentRejection(ChatRequest request, ModelInfo model) {
        return ServiceChecks.content(Objects.requireNonNull(request, "request"), Objects.requireNonNull(model, "model"));
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
