package dev.bedrock4j.rag.internal.answer;

import dev.bedrock4j.rag.AnswerCitation;
import dev.bedrock4j.rag.RetrievedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code [n]} markers a model wrote in an answer ({@code [1]}, {@code [1, 3]}, {@code [2][4]}) and
 * maps each to the passage it numbers and the part of the answer it supports: the text since the end of the
 * previous sentence or marker. Numbers outside the passages are ignored. Thread-safe.
 */
public final class CitationMarkers {
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,4}(?:\\s*[,;]\\s*\\d{1,4})*)]");
    private static final String SENTENCE_END = ".!?\n";

    private CitationMarkers() {
    }

    /** The citations of an answer whose passages were numbered from 1 in the given order. */
    public static List<AnswerCitation> parse(String text, List<RetrievedChunk> passages) {
        List<AnswerCitation> citations = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        int previousEnd = 0;
        int[] segment = null;
        while (marker.find()) {
            boolean adjacent = segment != null && text.substring(previousEnd, marker.start()).isBlank();
            if (!adjacent) {
                segment = segment(text, previousEnd, marker.start());
            }
            for (String number : marker.group(1).split("\\s*[,;]\\s*")) {
                int n = Integer.parseInt(number);
                if (n >= 1 && n <= passages.size()) {
                    citations.add(new AnswerCitation(n, text.substring(segment[0], segment[1]), segment[0], segment[1],
                            passages.get(n - 1)));
                }
            }
            previousEnd = marker.end();
        }
        return List.copyOf(citations);
    }

    /** The supported text before a marker: from the previous sentence end (or marker) to the marker, trimmed. */
    private static int[] segment(String text, int floor, int markerStart) {
        int end = markerStart;
        while (end > floor && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int search = end > floor && SENTENCE_END.indexOf(text.charAt(end - 1)) >= 0 ? end - 1 : end;
        int start = search;
        while (start > floor && SENTENCE_END.indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        while (start < end && (Character.isWhitespace(text.charAt(start)) || ",;:".indexOf(text.charAt(start)) >= 0)) {
            start++;
        }
        return new int[] {start, end};
    }

    /** The text with every marker removed, for showing an answer without them. */
    public static String strip(String text) {
        return MARKER.matcher(text).replaceAll("").replaceAll(" +([.,;:!?])", "$1").replaceAll(" {2,}", " ").strip();
    }
}
