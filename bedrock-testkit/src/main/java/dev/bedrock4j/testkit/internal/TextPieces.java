package dev.bedrock4j.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits text the way a model streams it, and shortens it for messages. Thread-safe. */
public final class TextPieces {
    private static final int MAX_PIECES = 16;

    private TextPieces() {
    }

    /**
     * Splits text into pieces that join back to it: one or more words each, at most 16 pieces; a single
     * word of two or more characters is split in two, so every non-trivial text streams as several deltas.
     *
     * @param text the text
     * @return the pieces; one empty piece for empty text
     */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i)))) {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        if (words.isEmpty()) {
            return List.of(text);
        }
        if (words.size() == 1) {
            return text.length() < 2 ? List.of(text) : fragments(text, 2);
        }
        int perPiece = (words.size() + MAX_PIECES - 1) / MAX_PIECES;
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < words.size(); i += perPiece) {
            pieces.add(String.join("", words.subList(i, Math.min(words.size(), i + perPiece))));
        }
        return pieces;
    }

    /**
     * Splits text into three fragments of about equal length, as tool input JSON arrives in a stream.
     *
     * @param text the text
     * @return the fragments, fewer for text shorter than three characters
     */
    public static List<String> fragments(String text) {
        return fragments(text, 3);
    }

    private static List<String> fragments(String text, int count) {
        int n = Math.max(1, Math.min(count, text.length()));
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pieces.add(text.substring(text.length() * i / n, text.length() * (i + 1) / n));
        }
        return pieces;
    }

    /**
     * Text on one line, shortened to at most 60 characters, for failure messages that name a request.
     *
     * @param text the text
     * @return the text with runs of white space as one space, cut with {@code ...} when longer than 60
     */
    public static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }
}
