package dev.bedrock4j.rag.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile PDFs, written byte by byte, meet the loader's limits: a lying page count, decompression bombs in each
 * kind of stream PDFBox decodes, forms nested to multiply the work, a page with too much text, and many pages.
 * The budgets here are small, so that each case fails within a few megabytes; {@link HostilePdfsInSmallHeapTest}
 * runs the same files against the defaults in a JVM with a 256 MiB heap.
 */
class PdfLimitsTest {
    private static final long SMALL = 8L * 1024 * 1024;
    private final DocumentLoader loader = DocumentLoader.builder().maxDecodedBytes(SMALL).build();

    @TempDir
    Path dir;

    @Test
    void aClaimedPageCountOverTheLimitIsRefusedBeforeAnyPageIsRead() throws IOException {
        Path file = Files.write(dir.resolve("claims.pdf"), HostilePdfs.claimedPageCount(2_000_000_000L));

        assertThatThrownBy(() -> DocumentLoader.create().load(file))
                .isInstanceOfSatisfying(DocumentLimitException.class, e -> {
                    assertThat(e.document()).endsWith("claims.pdf");
                    assertThat(e.limit()).isEqualTo(DocumentLimitException.Limit.PAGES);
                    assertThat(e.value()).isEqualTo(2_000_000_000L);
                    assertThat(e.maximum()).isEqualTo(DocumentLoader.DEFAULT_MAX_PAGES);
                })
                .hasMessageContaining("claims.pdf declares 2000000000 pages, over the limit of 10000 pages")
                .hasMessageContaining("maxPages(");
    }

    @Test
    void theRealPagesCountNotTheClaimedOnes() {
        byte[] lies = HostilePdfs.manyPages(30, 1);
        DocumentLoader twenty = DocumentLoader.builder().maxPages(20).build();

        assertThatThrownBy(() -> twenty.load(new ByteArrayInputStream(lies), "lies.pdf", DocumentFormat.PDF))
                .isInstanceOfSatisfying(DocumentLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(DocumentLimitException.Limit.PAGES);
                    assertThat(e.value()).isEqualTo(21);
                })
                .hasMessageContaining("lies.pdf has more than 20 pages, over the limit of 20 pages");
        assertThat(DocumentLoader.builder().maxPages(30).build()
                .load(new ByteArrayInputStream(lies), "lies.pdf", DocumentFormat.PDF).pageCount()).isEqualTo(30);
    }

    @Test
    void aSmallClaimIsNotTrustedForSizingEither() {
        Document document = loader.load(new ByteArrayInputStream(HostilePdfs.claimedPageCount(1)), "one.pdf",
                DocumentFormat.PDF);

        assertThat(document.pageCount()).isEqualTo(1);
        assertThat(document.text()).isEqualTo("Only page.");
    }

    @Test
    void aFlateBombInPageContentsStopsAtTheStreamLimit() {
        assertDecodeLimit(HostilePdfs.flateBombContent(64), "bomb.pdf", "one of its streams decompresses to more than 2097152 bytes");
    }

    @Test
    void aFlateBombInAnObjectStreamStopsWhileParsing() {
        assertDecodeLimit(HostilePdfs.flateBombObjectStream(64), "objects.pdf", "one of its streams decompresses");
    }

    @Test
    void aFlateBombInTheCrossReferenceStreamStopsWhileParsing() {
        assertDecodeLimit(HostilePdfs.flateBombXrefStream(64), "xref.pdf", "one of its streams decompresses");
    }

    @Test
    void formsThatDrawFormsStopAtTheBudget() {
        assertDecodeLimit(HostilePdfs.nestedForms(1000, 3), "forms.pdf", "page 1 has more than 2048 characters");
    }

    @Test
    void formsThatDrawNothingStillCostTheirReads() {
        assertDecodeLimit(HostilePdfs.nestedEmptyForms(200, 4), "forms.pdf", "need more than 8388608 bytes in all");
    }

    @Test
    void aPageWithMoreCharactersThanItsShareIsRefused() {
        // 8 MiB allow 2048 characters a page
        assertDecodeLimit(HostilePdfs.longPage(3000), "long.pdf", "page 1 has more than 2048 characters");
        assertThat(loader.load(new ByteArrayInputStream(HostilePdfs.longPage(2000)), "ok.pdf", DocumentFormat.PDF)
                .text()).hasSize(2000);
    }

    @Test
    void theDecodeLimitIsNamedInTheMessageWithTheFix() {
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream(HostilePdfs.flateBombContent(64)), "bomb.pdf",
                DocumentFormat.PDF))
                .isInstanceOfSatisfying(DocumentLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(DocumentLimitException.Limit.DECODED_BYTES);
                    assertThat(e.maximum()).isEqualTo(SMALL);
                    assertThat(e.value()).isGreaterThan(SMALL);
                })
                .hasMessageStartingWith("stopped reading bomb.pdf: ")
                .hasMessageContaining("maxDecodedBytes is 8388608")
                .hasMessageContaining("decompression bomb")
                .hasMessageContaining("DocumentLoader.builder().maxDecodedBytes(");
    }

    @Test
    void manyPagesTakeTimeInProportionToTheirNumber() {
        DocumentLoader many = DocumentLoader.builder().maxPages(20_000).build();
        byte[] small = HostilePdfs.manyPages(2_000);
        byte[] large = HostilePdfs.manyPages(8_000);
        read(many, small);
        read(many, large); // warm up

        long smallTime = Math.max(time(many, small), 1);
        long largeTime = time(many, large);  // each the best of three, to ride out other work on the machine

        // four times the pages: linear is about four times the time, quadratic sixteen or more
        assertThat(largeTime).as("8000 pages took %s ms, 2000 took %s ms", largeTime, smallTime)
                .isLessThan(10 * smallTime + 200);
        assertThat(read(many, large).pageCount()).isEqualTo(8_000);
    }

    @Test
    void onePassGivesEachPageItsOwnTextAndAnEmptyTextToAPageWithoutContents() throws IOException {
        byte[] pdf;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : new String[] {"First page.", null, "Third page."}) {
                PDPage page = new PDPage();
                document.addPage(page);
                if (text != null) {
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        content.beginText();
                        content.setFont(font, 11);
                        content.newLineAtOffset(72, 720);
                        content.showText(text);
                        content.endText();
                    }
                }
            }
            document.save(out);
            pdf = out.toByteArray();
        }

        Document document = loader.load(new ByteArrayInputStream(pdf), "gap.pdf", DocumentFormat.PDF);

        assertThat(document.pageCount()).isEqualTo(3);
        assertThat(document.text()).isEqualTo("First page.\n\n\n\nThird page.");
        assertThat(document.pageAt(document.text().indexOf("Third"))).hasValue(3);
    }

    @Test
    void anEncryptedPdfIsDecryptedBeforeItsStreamsAreDecodedUnderTheBudget() throws IOException {
        byte[] plain = TestPdfs.create("Secret", new String[] {"Quarterly numbers."});
        byte[] ownerOnly;
        byte[] userPassword;
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(plain)) {
            ownerOnly = encrypt(document, "");
        }
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(plain)) {
            userPassword = encrypt(document, "open sesame");
        }

        assertThat(loader.load(new ByteArrayInputStream(ownerOnly), "owner.pdf", DocumentFormat.PDF).text())
                .isEqualTo("Quarterly numbers.");
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream(userPassword), "locked.pdf", DocumentFormat.PDF))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("cannot read locked.pdf as PDF")
                .hasMessageContaining("encrypted with a password");
    }

    private static byte[] encrypt(PDDocument document, String userPassword) throws IOException {
        org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy policy =
                new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner", userPassword,
                        new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
        policy.setEncryptionKeyLength(128);
        document.protect(policy);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    @Test
    void limitsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> DocumentLoader.builder().maxPages(0)).hasMessageContaining("maxPages must be at least 1");
        assertThatThrownBy(() -> DocumentLoader.builder().maxDecodedBytes(1000))
                .hasMessageContaining("maxDecodedBytes must be at least 1 MiB");
        DocumentLoader custom = DocumentLoader.builder().maxPages(5).maxDecodedBytes(SMALL).build();
        assertThat(custom.maxPages()).isEqualTo(5);
        assertThat(custom.maxDecodedBytes()).isEqualTo(SMALL);
        assertThat(DocumentLoader.create().maxDecodedBytes()).isEqualTo(DocumentLoader.DEFAULT_MAX_DECODED_BYTES);
    }

    private void assertDecodeLimit(byte[] pdf, String name, String reason) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream(pdf), name, DocumentFormat.PDF))
                .isInstanceOfSatisfying(DocumentLimitException.class, e -> {
                    assertThat(e.document()).isEqualTo(name);
                    assertThat(e.limit()).isEqualTo(DocumentLimitException.Limit.DECODED_BYTES);
                })
                .hasMessageContaining(name)
                .hasMessageContaining(reason);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    private static Document read(DocumentLoader loader, byte[] pdf) {
        return loader.load(new ByteArrayInputStream(pdf), "many.pdf", DocumentFormat.PDF);
    }

    private static long time(DocumentLoader loader, byte[] pdf) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            read(loader, pdf);
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        return best;
    }
}
