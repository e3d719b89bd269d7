package dev.bedrock4j.rag.internal.document;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of each page of a PDF, with Apache PDFBox; paragraphs it detects end with a blank line.
 *
 * <p>Reading is bounded by the file's real content, never by what it claims: the page tree is walked and
 * counted before any page is read (a claimed {@code /Count} over the limit fails at once, and so does a
 * real one), every stream is decoded under a budget of bytes ({@link BoundedPdfParser}), and the text is
 * taken in one pass over the pages, so the time grows with the pages, not with their square.
 *
 * <p>Thread-safe: each call has its own parser and state.
 */
public final class PdfText {
    /** Deeper page trees are refused: real ones are a few levels deep, and PDFBox walks them recursively. */
    static final int MAX_TREE_DEPTH = 256;

    /** The text of each page, in order, and the title from the document information (empty when none). */
    public record Result(List<String> pages, String title) {
    }

    private PdfText() {
    }

    /**
     * Extracts the pages' text.
     *
     * @param pdf the file's bytes
     * @param maxPages the most pages allowed
     * @param maxDecodedBytes the budget of decoded bytes (see {@link PdfBudget})
     * @throws IOException if the bytes are not a readable PDF (damaged, or encrypted with a user password)
     * @throws PdfLimitExceeded if the PDF breaks a limit
     */
    public static Result of(byte[] pdf, int maxPages, long maxDecodedBytes) throws IOException {
        PdfBudget budget = new PdfBudget(maxDecodedBytes);
        try (PDDocument document = new BoundedPdfParser(new RandomAccessReadBuffer(pdf), budget).parse()) {
            checkPageTree(document, maxPages);
            PageTexts stripper = new PageTexts(budget, maxPages);
            stripper.writeText(document, stripper.sink);
            budget.check();
            String title = document.getDocumentInformation().getTitle();
            return new Result(stripper.pages, title == null ? "" : title.strip());
        } catch (PdfLimitExceeded | IOException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            budget.check();
            throw new IOException(e instanceof StackOverflowError ? "its objects are nested too deeply"
                    : "PDFBox failed on it (" + e + ")", e);
        }
    }

    /**
     * Counts the pages the way PDFBox's page tree iterates them, without its recursion and without
     * trusting {@code /Count}: a tree node is visited once, a leaf of type {@code /Page} is a page each time
     * it is listed.
     */
    private static void checkPageTree(PDDocument document, int maxPages) throws IOException {
        COSDictionary root = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
        if (root == null) {
            throw new IOException("it has no page tree");
        }
        long declared = root.getLong(COSName.COUNT, 0);
        if (declared > maxPages) {
            throw new PdfLimitExceeded(PdfLimitExceeded.Kind.PAGES, declared, maxPages, "declares " + declared + " pages");
        }
        if (!isTreeNode(root)) {
            return;
        }
        Set<COSDictionary> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        visited.add(root);
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(new Node(root.getCOSArray(COSName.KIDS)));
        long pages = 0;
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            if (node.kids == null || node.next >= node.kids.size()) {
                stack.pop();
                continue;
            }
            COSBase kid = node.kids.getObject(node.next++);
            if (!(kid instanceof COSDictionary dictionary)) {
                continue;
            }
            if (isTreeNode(dictionary)) {
                if (visited.add(dictionary)) {
                    if (stack.size() >= MAX_TREE_DEPTH) {
                        throw new IOException("its page tree is more than " + MAX_TREE_DEPTH + " levels deep");
                    }
                    stack.push(new Node(dictionary.getCOSArray(COSName.KIDS)));
                }
            } else if (COSName.PAGE.equals(dictionary.getCOSName(COSName.TYPE)) && ++pages > maxPages) {
                throw new PdfLimitExceeded(PdfLimitExceeded.Kind.PAGES, pages, maxPages, "has more than " + maxPages + " pages");
            }
        }
    }

    private static boolean isTreeNode(COSDictionary node) {
        return COSName.PAGES.equals(node.getCOSName(COSName.TYPE)) || node.containsKey(COSName.KIDS);
    }

    /** A page tree node on the walk's stack, and which of its kids comes next. */
    private static final class Node {
        final COSArray kids;
        int next;

        Node(COSArray kids) {
            this.kids = kids;
        }
    }

    /**
     * PDFBox's text stripper, in one pass: it collects the text written between each page's start and end,
     * and an empty text for a page without contents, which PDFBox skips.
     */
    private static final class PageTexts extends PDFTextStripper {
        final List<String> pages = new ArrayList<>();
        private final StringBuilder page = new StringBuilder();
        /** Where PDFBox writes the text: the current page. */
        final Writer sink = new Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                page.append(chars, off, len);
            }

            @Override
            public void write(String text, int off, int len) {
                page.append(text, off, off + len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        private final PdfBudget budget;
        private final int maxPages;
        private final long maxCharsOnPage;
        private long charsOnPage;

        PageTexts(PdfBudget budget, int maxPages) {
            this.budget = budget;
            this.maxPages = maxPages;
            this.maxCharsOnPage = budget.maxCharsPerPage();
            setLineSeparator("\n");
            setPageStart("");
            setPageEnd("");
            setParagraphEnd("\n"); // a blank line after each paragraph PDFBox detects, as in plain text
        }

        @Override
        protected void processPages(PDPageTree tree) throws IOException {
            for (PDPage each : tree) {
                if (pages.size() == maxPages) {
                    throw new PdfLimitExceeded(PdfLimitExceeded.Kind.PAGES, maxPages + 1L, maxPages,
                            "has more than " + maxPages + " pages");
                }
                if (each.hasContents()) {
                    processPage(each);
                } else {
                    pages.add("");
                }
            }
        }

        @Override
        protected void startPage(PDPage ignored) {
            page.setLength(0);
            charsOnPage = 0;
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            String unicode = text.getUnicode();
            charsOnPage += unicode == null ? 1 : Math.max(1, unicode.length());
            if (charsOnPage > maxCharsOnPage) {
                budget.pageTooLong(pages.size() + 1, charsOnPage);
            }
            super.processTextPosition(text);
        }

        @Override
        protected void endPage(PDPage ignored) {
            String text = page.toString().replace("\r\n", "\n").strip();
            page.setLength(0);
            budget.chargeText(text.length());
            pages.add(text);
        }
    }
}
