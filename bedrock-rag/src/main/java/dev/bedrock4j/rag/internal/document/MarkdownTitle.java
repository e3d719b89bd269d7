package dev.bedrock4j.rag.internal.document;

/** The title of a Markdown text: its first level-one ATX heading outside code fences. Thread-safe. */
public final class MarkdownTitle {
    private MarkdownTitle() {
    }

    /** The heading's text without the markers, or empty when there is none. */
    public static String of(String markdown) {
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("# ")) {
                String heading = stripped.substring(2).strip();
                int end = heading.length();
                while (end > 0 && heading.charAt(end - 1) == '#') {
                    end--;
                }
                return heading.substring(0, end).strip();
            }
        }
        return "";
    }
}
