package dev.bedrock4j.rag;

import java.util.Objects;

/**
 * A part of an answer and a passage that supports it.
 *
 * <pre>{@code
 * for (AnswerCitation citation : answer.citations()) {
 *     System.out.println("[" + citation.number() + "] \"" + citation.text() + "\" <- "
 *             + citation.passage().location().label());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param number the passage's number, from 1: its position in {@link Answer#passages()} plus one, and the
 *               {@code [n]} marker a model wrote for it
 * @param text the part of the answer the passage supports
 * @param start where that part starts in {@link Answer#text()}
 * @param end where that part ends in {@link Answer#text()}, exclusive
 * @param passage the passage cited, with its source and position
 */
public record AnswerCitation(int number, String text, int start, int end, RetrievedChunk passage) {
    /**
     * Validates the components.
     *
     * @param number the passage number
     * @param text the supported text
     * @param start its start
     * @param end its end
     * @param passage the passage
     */
    public AnswerCitation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(passage, "passage");
        if (number < 1 || start < 0 || end < start) {
            throw new IllegalArgumentException("a citation needs number >= 1 and 0 <= start <= end; got number " + number
                    + ", span " + start + ".." + end);
        }
    }
}
