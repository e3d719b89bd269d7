package dev.bedrock4j.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One piece of a {@link Message}: text, an image, a document, a tool call or its result, reasoning,
 * citations, a cache point or guarded content. Every block Converse takes or returns maps to one of
 * these and back without loss; blocks this version does not model travel as {@link Other}.
 *
 * <pre>{@code
 * Message question = Message.user(
 *         ContentBlock.text("What does this chart show?"),
 *         ContentBlock.image(Files.readAllBytes(Path.of("chart.png"))));
 * for (ContentBlock block : response.message().content()) {
 *     if (block instanceof ContentBlock.ToolUse call) {
 *         System.out.println(call.name() + " " + call.input());
 *     }
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface ContentBlock {

    /**
     * A text block.
     *
     * @param text the text
     * @return the block
     */
    static Text text(String text) {
        return new Text(text);
    }

    /**
     * An inline image whose format is detected from its first bytes.
     *
     * @param data PNG, JPEG, GIF or WebP bytes
     * @return the block
     * @throws dev.bedrock4j.core.InvalidRequestException if the bytes are no such image
     */
    static Image image(byte[] data) {
        return new Image(MediaFormat.sniffImage(data), MediaSource.bytes(data));
    }

    /**
     * An image in a named format.
     *
     * @param format one of {@link MediaFormat#IMAGE}
     * @param source where the image comes from
     * @return the block
     */
    static Image image(String format, MediaSource source) {
        return new Image(format, source);
    }

    /**
     * An inline document.
     *
     * @param format one of {@link MediaFormat#DOCUMENT}
     * @param name the name the model sees; letters, digits, single spaces, hyphens, parentheses, brackets
     * @param data the document bytes
     * @return the block
     */
    static Document document(String format, String name, byte[] data) {
        return new Document(format, name, MediaSource.bytes(data), false, null);
    }

    /**
     * A tool call made by the model.
     *
     * @param id the id that the matching result must carry
     * @param name the tool's name
     * @param input the arguments, a JSON object
     * @return the block
     */
    static ToolUse toolUse(String id, String name, JsonNode input) {
        return new ToolUse(id, name, input);
    }

    /**
     * A successful text result for a tool call.
     *
     * @param toolUseId the id of the {@link ToolUse} this answers
     * @param text the result
     * @return the block
     */
    static ToolResult toolResult(String toolUseId, String text) {
        return new ToolResult(toolUseId, List.of(new Text(text)), false);
    }

    /**
     * A cache point: the prompt up to here may be cached by Bedrock.
     *
     * @return the block
     */
    static CachePoint cachePoint() {
        return CachePoint.DEFAULT;
    }

    /**
     * Text.
     *
     * @param text the text
     */
    record Text(String text) implements ContentBlock {
        /**
         * Validates the text.
         *
         * @param text the text
         */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image.
     *
     * @param format the format, one of {@link MediaFormat#IMAGE}
     * @param source the bytes or S3 object
     */
    record Image(String format, MediaSource source) implements ContentBlock {
        /**
         * Validates the format and source.
         *
         * @param format the format
         * @param source the bytes or S3 object
         */
        public Image {
            format = MediaFormat.image(format);
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A document the model reads.
     *
     * @param format the format, one of {@link MediaFormat#DOCUMENT}
     * @param name the name the model sees
     * @param source the bytes, S3 object or text
     * @param citations whether the model may cite passages of this document
     * @param context extra context about the document for the model, or {@code null}
     */
    record Document(String format, String name, MediaSource source, boolean citations, String context)
            implements ContentBlock {
        /**
         * Validates the format, name and source.
         *
         * @param format the format
         * @param name the name
         * @param source the source
         * @param citations whether citations are enabled
         * @param context extra context, or {@code null}
         */
        public Document {
            format = MediaFormat.document(format);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        /**
         * This document with citations enabled.
         *
         * @return a copy that lets the model cite it
         */
        public Document withCitations() {
            return new Document(format, name, source, true, context);
        }
    }

    /**
     * A video.
     *
     * @param format the format, one of {@link MediaFormat#VIDEO}
     * @param source the bytes or S3 object
     */
    record Video(String format, MediaSource source) implements ContentBlock {
        /**
         * Validates the format and source.
         *
         * @param format the format
         * @param source the source
         */
        public Video {
            format = MediaFormat.video(format);
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A tool call requested by the model.
     *
     * @param id the tool-use id; the result must carry the same id
     * @param name the tool name
     * @param input the arguments, a JSON object
     */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
        /**
         * Validates the components.
         *
         * @param id the tool-use id
         * @param name the tool name
         * @param input the arguments
         */
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            input = Objects.requireNonNull(input, "input").deepCopy();
        }

        /**
         * A copy of the arguments.
         *
         * @return the arguments
         */
        @Override
        public JsonNode input() {
            return input.deepCopy();
        }
    }

    /**
     * The result of a tool call, sent back to the model in a user turn.
     *
     * @param toolUseId the id of the {@link ToolUse} this answers
     * @param content the result: {@link Text}, {@link Json}, {@link Image}, {@link Document} or {@link Video} blocks
     * @param error whether the tool failed; the model reads the content as the error
     */
    record ToolResult(String toolUseId, List<ContentBlock> content, boolean error) implements ContentBlock {
        /**
         * Validates the components.
         *
         * @param toolUseId the tool-use id
         * @param content the result blocks
         * @param error whether the tool failed
         */
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            content = List.copyOf(content);
        }

        /**
         * A successful JSON result.
         *
         * @param toolUseId the tool-use id
         * @param json the result
         * @return the block
         */
        public static ToolResult ofJson(String toolUseId, JsonNode json) {
            return new ToolResult(toolUseId, List.of(new Json(json)), false);
        }

        /**
         * A failed result whose message the model can read.
         *
         * @param toolUseId the tool-use id
         * @param message what went wrong
         * @return the block
         */
        public static ToolResult ofError(String toolUseId, String message) {
            return new ToolResult(toolUseId, List.of(new Text(message)), true);
        }
    }

    /**
     * A JSON value inside a {@link ToolResult}.
     *
     * @param value the JSON value
     */
    record Json(JsonNode value) implements ContentBlock {
        /**
         * Copies the value.
         *
         * @param value the JSON value
         */
        public Json {
            value = Objects.requireNonNull(value, "value").deepCopy();
        }

        /**
         * A copy of the value.
         *
         * @return the JSON value
         */
        @Override
        public JsonNode value() {
            return value.deepCopy();
        }
    }

    /**
     * The model's visible reasoning. Keep it in the history and send it back unchanged: models that
     * reason check the signature.
     *
     * @param text the reasoning text
     * @param signature the provider's signature over the text, or {@code null}
     */
    record Reasoning(String text, String signature) implements ContentBlock {
        /**
         * Validates the text.
         *
         * @param text the reasoning text
         * @param signature the signature, or {@code null}
         */
        public Reasoning {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Reasoning the provider encrypted; it must be sent back unchanged.
     *
     * @param data the encrypted bytes
     */
    record RedactedReasoning(byte[] data) implements ContentBlock {
        /**
         * Copies the bytes.
         *
         * @param data the encrypted bytes
         */
        public RedactedReasoning {
            data = Objects.requireNonNull(data, "data").clone();
        }

        /**
         * A copy of the bytes.
         *
         * @return the encrypted bytes
         */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RedactedReasoning other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "RedactedReasoning[" + data.length + " bytes]";
        }
    }

    /**
     * Generated text with the citations that support it.
     *
     * @param content the generated text parts
     * @param citations the passages cited
     */
    record Citations(List<String> content, List<Citation> citations) implements ContentBlock {
        /**
         * Copies the lists.
         *
         * @param content the generated text parts
         * @param citations the passages cited
         */
        public Citations {
            content = List.copyOf(content);
            citations = List.copyOf(citations);
        }

        /**
         * The generated text, joined.
         *
         * @return the text
         */
        public String text() {
            return String.join("", content);
        }
    }

    /**
     * Marks the end of a prompt prefix Bedrock may cache. At most four per request.
     *
     * @param ttl the cache time-to-live such as {@code "5m"} or {@code "1h"}, or {@code null} for the default
     */
    record CachePoint(String ttl) implements ContentBlock {
        /** A cache point with the default time-to-live. */
        public static final CachePoint DEFAULT = new CachePoint(null);
    }

    /**
     * Text a guardrail evaluates, with qualifiers for contextual grounding checks.
     *
     * @param text the text
     * @param qualifiers any of {@code grounding_source}, {@code query}, {@code guard_content}
     */
    record GuardContent(String text, List<String> qualifiers) implements ContentBlock {
        /**
         * Validates the components.
         *
         * @param text the text
         * @param qualifiers the qualifiers
         */
        public GuardContent {
            Objects.requireNonNull(text, "text");
            qualifiers = List.copyOf(qualifiers);
        }
    }

    /**
     * A block this version of the library does not model (audio, search results, ...), kept as its
     * Converse JSON so that it round-trips unchanged.
     *
     * @param json the block as Converse writes it, an object with one key; an empty object for a block of
     *        a type newer than the AWS SDK on the class path, whose content that SDK does not read
     */
    record Other(JsonNode json) implements ContentBlock {
        /**
         * Copies the JSON.
         *
         * @param json the block
         */
        public Other {
            json = Objects.requireNonNull(json, "json").deepCopy();
        }

        /**
         * A copy of the JSON.
         *
         * @return the block
         */
        @Override
        public JsonNode json() {
            return json.deepCopy();
        }
    }
}
