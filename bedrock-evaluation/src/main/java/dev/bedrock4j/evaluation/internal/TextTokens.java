package dev.bedrock4j.evaluation.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one text normalisation the text metrics share: Unicode-compatible forms folded, lower case,
 * punctuation dropped, whitespace collapsed. Thread-safe.
 */
public final class TextTokens {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TextTokens() {
    }

    /** The normalised text: {@code "The  Cat!"} becomes {@code "the cat"}. */
    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SPACE.matcher(PUNCTUATION.matcher(folded).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** The words of the normalised text, in order; empty for blank text. */
    public static List<String> tokens(String text) {
        String normal = normalize(text);
        return normal.isEmpty() ? List.of() : List.of(SPACE.split(normal));
    }

    /** Splits text into maximal runs of non-space and space characters, keeping every character. */
    public static List<String> runs(String text) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || Character.isWhitespace(text.charAt(i)) != Character.isWhitespace(text.charAt(start))) {
                runs.add(text.substring(start, i));
                start = i;
            }
        }
        return runs;
    }
}
