package dev.bedrock4j.rag.internal.chunk;

import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text at the coarsest boundary that makes pieces fit (paragraphs, lines, sentences, words, then
 * anywhere), merges neighbouring pieces up to the maximum, and overlaps chunks by whole pieces. Thread-safe.
 */
public final class RecursiveSplitter implements Chunker {
    private static final int PARAGRAPH = 0;
    private static final int LINE = 1;
    private static final int SENTENCE = 2;
    private static final int WORD = 3;
    private static final int ANYWHERE = 4;

    private final int maxTokens;
    private final int overlapTokens;

    /** Creates the chunker after checking the sizes. */
    public RecursiveSplitter(int maxTokens, int overlapTokens) {
        Spans.checkSizes("maxTokens", maxTokens, overlapTokens);
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    @Override
    public List<Chunk> chunk(Document document) {
        List<int[]> ranges = new ArrayList<>();
        split(document.text(), 0, document.text().length(), PARAGRAPH, ranges);
        return Spans.toChunks(document, ranges);
    }

    private boolean fits(String text, int start, int end) {
        return Spans.length(text, start, end) <= Spans.chars(maxTokens);
    }

    /** Adds the chunks of {@code text[start, end)} to {@code out}, splitting at {@code level} or finer. */
    private void split(String text, int start, int end, int level, List<int[]> out) {
        if (fits(text, start, end)) {
            out.add(new int[] {start, end});
            return;
        }
        List<int[]> pieces = level == ANYWHERE ? cut(start, end) : pieces(text, start, end, level);
        if (pieces.size() == 1) {
            split(text, start, end, level + 1, out);
            return;
        }
        List<int[]> fitting = new ArrayList<>();
        for (int[] piece : pieces) {
            if (fits(text, piece[0], piece[1])) {
                fitting.add(piece);
            } else {
                merge(text, fitting, out);
                fitting.clear();
                split(text, piece[0], piece[1], level + 1, out);
            }
        }
        merge(text, fitting, out);
    }

    /** Greedily joins contiguous pieces into chunks of at most the maximum, each repeating the previous tail. */
    private void merge(String text, List<int[]> pieces, List<int[]> out) {
        int overlap = Spans.chars(overlapTokens);
        int max = Spans.chars(maxTokens);
        int i = 0;
        while (i < pieces.size()) {
            int j = i;
            while (j < pieces.size() && Spans.length(text, pieces.get(i)[0], pieces.get(j)[1]) <= max) {
                j++;
            }
            out.add(new int[] {pieces.get(i)[0], pieces.get(j - 1)[1]});
            if (j == pieces.size()) {
                return;
            }
            int k = j;
            while (k - 1 > i && Spans.length(text, pieces.get(k - 1)[0], pieces.get(j - 1)[1]) <= overlap
                    && Spans.length(text, pieces.get(k - 1)[0], pieces.get(j)[1]) <= max) {
                k--;
            }
            i = k;
        }
    }

    /** Pieces of {@code text[start, end)} starting after each boundary of a level; separators stay with the piece before. */
    private static List<int[]> pieces(String text, int start, int end, int level) {
        List<int[]> pieces = new ArrayList<>();
        int pieceStart = start;
        int i = start;
        while (i < end) {
            if (!Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            int newlines = 0;
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                if (text.charAt(i) == '\n') {
                    newlines++;
                }
                i++;
            }
            boolean boundary = switch (level) {
                case PARAGRAPH -> newlines >= 2;
                case LINE -> newlines >= 1;
                case SENTENCE -> endsSentence(text, start, runStart);
                default -> true;
            };
            if (boundary && i < end && runStart > pieceStart) {
                pieces.add(new int[] {pieceStart, i});
                pieceStart = i;
            }
        }
        pieces.add(new int[] {pieceStart, end});
        return pieces;
    }

    /** Whether the text before {@code at} ends with sentence punctuation, possibly followed by closing quotes. */
    private static boolean endsSentence(String text, int floor, int at) {
        int i = at - 1;
        while (i >= floor && "\"')]\u201D\u2019".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= floor && ".!?\u3002\uFF01\uFF1F".indexOf(text.charAt(i)) >= 0;
    }

    private List<int[]> cut(int start, int end) {
        List<int[]> pieces = new ArrayList<>();
        int max = Spans.chars(maxTokens);
        for (int s = start; s < end; s += max) {
            pieces.add(new int[] {s, Math.min(end, s + max)});
        }
        return pieces;
    }

    @Override
    public String toString() {
        return "Chunker.recursive(" + maxTokens + ", " + overlapTokens + ")";
    }
}
