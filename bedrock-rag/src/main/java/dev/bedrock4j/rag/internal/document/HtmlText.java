package dev.bedrock4j.rag.internal.document;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The visible text of an HTML page: block elements become paragraphs, line breaks stay, list items get a
 * dash; scripts, styles, navigation and other invisible parts are dropped. Parsing never fetches anything. Thread-safe.
 */
public final class HtmlText {
    /** Elements whose content is not text a reader sees, or only navigation. */
    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "head", "nav");

    /** The text and the title ({@code <title>}, else the first {@code <h1>}; empty when neither). */
    public record Result(String text, String title) {
    }

    private HtmlText() {
    }

    /** Extracts the text of an HTML string. */
    public static Result of(String html) {
        return of(Jsoup.parse(html));
    }

    /** Extracts the text of HTML bytes, honouring a byte-order mark or a {@code <meta charset>}; UTF-8 otherwise. */
    public static Result of(byte[] html) {
        try {
            return of(Jsoup.parse(new java.io.ByteArrayInputStream(html), null, ""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading from memory does not fail
        }
    }

    private static Result of(org.jsoup.nodes.Document page) {
        Writer writer = new Writer();
        NodeTraversor.filter(writer, page.body());
        String title = page.title().strip();
        if (title.isEmpty()) {
            Element h1 = page.selectFirst("h1");
            title = h1 == null ? "" : h1.text().strip();
        }
        return new Result(writer.text.toString().strip(), title);
    }

    /** Appends text nodes, with paragraph breaks around block elements. */
    private static final class Writer implements NodeFilter {
        final StringBuilder text = new StringBuilder();
        int preformatted;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                append(preformatted > 0 ? t.getWholeText() : t.text());
            } else if (node instanceof Element e) {
                String name = e.normalName();
                if (SKIPPED.contains(name) || e.hasAttr("hidden")) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (name.equals("br")) {
                    lineBreak(1);
                } else if (name.equals("pre")) {
                    preformatted++;
                    lineBreak(2);
                } else if (name.equals("li")) {
                    lineBreak(1);
                    text.append("- ");
                } else if (e.isBlock()) {
                    lineBreak(isParagraph(name) ? 2 : 1);
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String name = e.normalName();
                if (name.equals("pre")) {
                    preformatted--;
                    lineBreak(2);
                } else if (name.equals("td") || name.equals("th")) {
                    append(" ");
                } else if (!name.equals("li") && e.isBlock()) {
                    lineBreak(isParagraph(name) ? 2 : 1);
                }
            }
            return FilterResult.CONTINUE;
        }

        private static boolean isParagraph(String name) {
            return !name.equals("div") && !name.equals("tr") && !name.equals("span") && !name.equals("td")
                    && !name.equals("th") && !name.equals("ul") && !name.equals("ol") && !name.equals("li");
        }

        private void append(String s) {
            if (s.isEmpty()) {
                return;
            }
            boolean atLineStart = text.length() == 0 || text.charAt(text.length() - 1) == '\n';
            boolean afterSpace = atLineStart || text.charAt(text.length() - 1) == ' ';
            if (preformatted == 0 && afterSpace) {
                s = s.stripLeading();
            }
            text.append(s);
        }

        /** Ends the current line so that the text ends with {@code newlines} line feeds, unless it is empty. */
        private void lineBreak(int newlines) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            text.setLength(end);
            if (end == 0) {
                return;
            }
            int present = 0;
            while (present < end && text.charAt(end - 1 - present) == '\n') {
                present++;
            }
            for (int i = present; i < newlines; i++) {
                text.append('\n');
            }
        }
    }
}
