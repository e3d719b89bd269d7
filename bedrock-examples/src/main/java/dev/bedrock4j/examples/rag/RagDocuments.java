package dev.bedrock4j.examples.rag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The tour's small document set: a customer FAQ (Markdown), an expense policy (Markdown), IT security rules
 * (text), a remote work policy (HTML) and an employee handbook, written to a PDF with PDFBox from its page
 * texts, since a PDF is best generated than checked in.
 */
final class RagDocuments {
    /** The files copied as they are. */
    static final List<String> FILES = List.of("customer-faq.md", "expense-policy.md", "it-security.txt", "remote-work.html");
    /** The PDF made from {@code employee-handbook.pages}. */
    static final String HANDBOOK = "employee-handbook.pdf";
    /** The line that separates the handbook's pages in its source. */
    static final String PAGE_BREAK = "=== page ===";
    private static final float FONT_SIZE = 11;
    private static final int LINE_CHARS = 90;

    private RagDocuments() {
    }

    /** Writes the documents to a new directory {@code rag-documents} in a working directory and returns it. */
    static Path extract(Path work) {
        try {
            Path directory = Files.createDirectories(work.resolve("rag-documents"));
            for (String name : FILES) {
                try (InputStream in = resource(name)) {
                    Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String pages;
            try (InputStream in = resource("employee-handbook.pages")) {
                pages = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.write(directory.resolve(HANDBOOK), pdf("Employee handbook", pages.split("\n" + PAGE_BREAK + "\n")));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = RagDocuments.class.getResourceAsStream("/rag/" + name);
        if (in == null) {
            throw new IOException("the resource /rag/" + name + " is missing from the class path");
        }
        return in;
    }

    /** A PDF with a title and one page per text; paragraphs are wrapped to the page width. */
    static byte[] pdf(String title, String[] pages) throws IOException {
        try (PDDocument pdf = new PDDocument(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            pdf.getDocumentInformation().setTitle(title);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.setLeading(FONT_SIZE * 1.4f);
                    content.newLineAtOffset(60, 730);
                    for (String line : wrap(text.strip())) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** The lines of a text: each paragraph wrapped at {@value #LINE_CHARS} characters, an empty line between. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n\n")) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > LINE_CHARS) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
