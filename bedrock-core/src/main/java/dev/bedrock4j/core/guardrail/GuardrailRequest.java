package dev.bedrock4j.core.guardrail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Content to check with a guardrail on its own: input (a user's prompt, before a bulk run) or output (a model's
 * answer), as text and images, optionally with the source and the query a contextual grounding check compares
 * the content with.
 *
 * <pre>{@code
 * GuardrailRequest prompt = GuardrailRequest.input("How do I pick a lock?");
 * GuardrailRequest answer = GuardrailRequest.output(answerText)
 *         .withGroundingSource(passage1, passage2)
 *         .withQuery(question)
 *         .withFullAssessment();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source whether the content is input or output; the guardrail's blocked message differs
 * @param content the blocks to send, in order
 * @param fullAssessment whether the assessment also lists the checks that found nothing
 */
public record GuardrailRequest(Source source, List<Content> content, boolean fullAssessment) {

    /** Whether the content goes into a model or comes out of one. */
    public enum Source {
        /** A prompt, before it reaches a model. */
        INPUT,
        /** A model's answer. */
        OUTPUT
    }

    /** What a text block is to the guardrail. */
    public enum Qualifier {
        /** Content to guard (the default for text). */
        GUARD_CONTENT("guard_content"),
        /** The source a contextual grounding check compares the guarded content with. */
        GROUNDING_SOURCE("grounding_source"),
        /** The query a contextual grounding check compares the guarded content with. */
        QUERY("query");

        private final String wireName;

        Qualifier(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The name Bedrock uses.
         *
         * @return the wire name
         */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * A block of content.
     *
     * <p>Implementations are immutable and thread-safe.
     */
    public sealed interface Content permits Text, Image {
    }

    /**
     * A text block.
     *
     * @param text the text
     * @param qualifier what it is to the guardrail
     */
    public record Text(String text, Qualifier qualifier) implements Content {
        /**
         * Validates the components.
         *
         * @param text the text
         * @param qualifier the qualifier
         */
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(qualifier, "qualifier");
        }
    }

    /**
     * An image block, PNG or JPEG, assessed by the content filters of guardrails that filter images.
     *
     * @param bytes the image bytes
     * @param format {@code png} or {@code jpeg}
     */
    public record Image(byte[] bytes, String format) implements Content {
        /**
         * Validates and copies the components.
         *
         * @param bytes the bytes
         * @param format the format
         */
        public Image {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
            Objects.requireNonNull(format, "format");
        }

        /**
         * A copy of the bytes.
         *
         * @return the bytes
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Image other && Arrays.equals(bytes, other.bytes) && format.equals(other.format);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + format.hashCode();
        }

        @Override
        public String toString() {
            return "Image[" + format + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param source the source
     * @param content the blocks
     * @param fullAssessment whether to list every check
     */
    public GuardrailRequest {
        Objects.requireNonNull(source, "source");
        content = List.copyOf(content);
    }

    /**
     * Input text to guard.
     *
     * @param texts the texts, each a block
     * @return the request
     */
    public static GuardrailRequest input(String... texts) {
        return of(Source.INPUT, texts);
    }

    /**
     * Output text to guard.
     *
     * @param texts the texts, each a block
     * @return the request
     */
    public static GuardrailRequest output(String... texts) {
        return of(Source.OUTPUT, texts);
    }

    private static GuardrailRequest of(Source source, String... texts) {
        List<Content> blocks = new ArrayList<>();
        for (String text : texts) {
            blocks.add(new Text(text, Qualifier.GUARD_CONTENT));
        }
        return new GuardrailRequest(source, blocks, false);
    }

    /**
     * This request with sources a contextual grounding check compares the guarded text with.
     *
     * @param sources the source passages
     * @return a copy
     */
    public GuardrailRequest withGroundingSource(String... sources) {
        return with(Qualifier.GROUNDING_SOURCE, sources);
    }

    /**
     * This request with the query a contextual grounding check compares the guarded text with.
     *
     * @param query the user's question
     * @return a copy
     */
    public GuardrailRequest withQuery(String query) {
        return with(Qualifier.QUERY, query);
    }

    /**
     * This request with an image to guard.
     *
     * @param bytes PNG or JPEG bytes
     * @param format {@code png} or {@code jpeg}
     * @return a copy
     */
    public GuardrailRequest withImage(byte[] bytes, String format) {
        List<Content> blocks = new ArrayList<>(content);
        blocks.add(new Image(bytes, format));
        return new GuardrailRequest(source, blocks, fullAssessment);
    }

    /**
     * This request asking for the full assessment, the checks that found nothing included.
     *
     * @return a copy
     */
    public GuardrailRequest withFullAssessment() {
        return new GuardrailRequest(source, content, true);
    }

    private GuardrailRequest with(Qualifier qualifier, String... texts) {
        List<Content> blocks = new ArrayList<>(content);
        for (String text : texts) {
            blocks.add(new Text(text, qualifier));
        }
        return new GuardrailRequest(source, blocks, fullAssessment);
    }
}
