package dev.bedrock4j.rag.internal.chunk;

import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import java.util.ArrayList;
import java.util.List;

/** Fixed windows with overlap, ends moved back to whitespace when it is near. Thread-safe. */
public final class FixedWindows implements Chunker {
    private final int windowTokens;
    private final int overlapTokens;

    /** Creates the chunker after checking the sizes. */
    public FixedWindows(int windowTokens, int overlapTokens) {
        Spans.checkSizes("windowTokens", windowTokens, overlapTokens);
        this.windowTokens = windowTokens;
        this.overlapTokens = overlapTokens;
    }

    @Override
    public List<Chunk> chunk(Document document) {
        String text = document.text();
        int window = Spans.chars(windowTokens);
        int overlap = Spans.chars(overlapTokens);
        List<int[]> ranges = new ArrayList<>();
        int start = skipSpace(text, 0);
        while (start < text.length()) {
            int end = Math.min(start + window, text.length());
            if (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                int floor = end - Math.max(1, window / 4);
                for (int i = end - 1; i >= floor && i > start; i--) {
                    if (Character.isWhitespace(text.charAt(i))) {
                        end = i;
                        break;
                    }
                }
            }
            ranges.add(new int[] {start, end});
            if (end >= text.length()) {
                break;
            }
            int next = Math.max(end - overlap, start + 1);
            int word = next;
            while (word < end && !Character.isWhitespace(text.charAt(word - 1))) {
                word++; // start the overlap at a word
            }
            start = skipSpace(text, word < end ? word : next);
        }
        return Spans.toChunks(document, ranges);
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        return "Chunker.fixed(" + windowTokens + ", " + overlapTokens + ")";
    }
}
