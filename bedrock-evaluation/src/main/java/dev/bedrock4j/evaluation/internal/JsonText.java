package dev.bedrock4j.evaluation.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds JSON in what a model wrote: the whole text, a fenced code block, or the first balanced
 * object or array inside prose. Thread-safe.
 */
public final class JsonText {
    private static final ObjectReader STRICT = JsonSupport.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);

    private JsonText() {
    }

    /** The text as one JSON object or array, nothing before or after it but whitespace. */
    public static Optional<JsonNode> strict(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            return Optional.of(STRICT.readTree(trimmed));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first JSON object or array found in the text, leniently: in a code fence or amid prose. */
    public static Optional<JsonNode> find(String text) {
        Optional<JsonNode> whole = strict(text);
        if (whole.isPresent()) {
            return whole;
        }
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            Optional<JsonNode> fenced = strict(fence.group(1));
            if (fenced.isPresent()) {
                return fenced;
            }
        }
        for (int start = 0; start < text.length(); start++) {
            char c = text.charAt(start);
            if (c == '{' || c == '[') {
                int end = balancedEnd(text, start);
                if (end > 0) {
                    Optional<JsonNode> inner = strict(text.substring(start, end));
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    // The index after the bracket closing the one at start, honouring strings and escapes; -1 if unbalanced.
    private static int balancedEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }
}
