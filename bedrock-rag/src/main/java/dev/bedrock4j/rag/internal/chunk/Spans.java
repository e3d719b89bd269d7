package dev.bedrock4j.rag.internal.chunk;

import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import java.util.ArrayList;
import java.util.List;

/** Turns character ranges of a document into chunks: whitespace trimmed, empty ranges dropped, pages found. */
final class Spans {
    private Spans() {
    }

    /** Checks the sizes shared by both chunkers. */
    static void checkSizes(String sizeName, int size, int overlap) {
        if (size < 1) {
            throw new IllegalArgumentException(sizeName + " must be at least 1, was " + size);
        }
        if (overlap < 0 || overlap >= size) {
            throw new IllegalArgumentException("overlapTokens must be between 0 and " + sizeName + " - 1 (" + (size - 1)
                    + "), was " + overlap);
        }
    }

    /** Characters in a number of tokens. */
    static int chars(int tokens) {
        return tokens * Chunker.CHARS_PER_TOKEN;
    }

    /** The length of {@code text[start, end)} without the whitespace at its ends. */
    static int length(String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end - start;
    }

    /** The chunks of ranges given as start, end pairs, in order. */
    static List<Chunk> toChunks(Document document, List<int[]> ranges) {
        String text = document.text();
        List<Chunk> chunks = new ArrayList<>(ranges.size());
        for (int[] range : ranges) {
            int start = range[0];
            int end = range[1];
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                continue;
            }
            int first = document.pageAt(start).orElse(0);
            int last = document.pageAt(end - 1).orElse(0);
            chunks.add(new Chunk(document.id(), chunks.size(), text.substring(start, end), start, end, first, last,
                    document.metadata()));
        }
        return List.copyOf(chunks);
    }
}
