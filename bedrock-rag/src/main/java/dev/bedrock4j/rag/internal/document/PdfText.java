package dev.bedrock4j.rag.internal.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of each page of a PDF, with Apache PDFBox; paragraphs it detects end with a blank line. Thread-safe. */
public final class PdfText {
    /** The text of each page, in order, and the title from the document information (empty when none). */
    public record Result(List<String> pages, String title) {
    }

    private PdfText() {
    }

    /**
     * Extracts the pages' text.
     *
     * @throws IOException if the bytes are not a readable PDF (damaged, or encrypted with a user password)
     */
    public static Result of(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            stripper.setPageStart("");
            stripper.setPageEnd("");
            stripper.setParagraphEnd("\n"); // a blank line after each paragraph PDFBox detects, as in plain text
            List<String> pages = new ArrayList<>(document.getNumberOfPages());
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(document).replace("\r\n", "\n").strip());
            }
            String title = document.getDocumentInformation().getTitle();
            return new Result(pages, title == null ? "" : title.strip());
        }
    }
}
