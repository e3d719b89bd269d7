package dev.bedrock4j.rag.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentLoaderTest {
    private final DocumentLoader loader = DocumentLoader.create();

    @TempDir
    Path dir;

    @Test
    void plainTextKeepsTheTextWithUnixLineEndsAndThePathAsSource() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "\uFEFFFirst line.\r\nSecond line.\r\n");

        Document document = loader.load(file);

        assertThat(document.text()).isEqualTo("First line.\nSecond line.\n");
        assertThat(document.id()).isEqualTo(file.toString());
        assertThat(document.source()).isEqualTo(file.toString());
        assertThat(document.title()).isEmpty();
        assertThat(document.pageCount()).isZero();
    }

    @Test
    void markdownIsKeptAsWrittenAndItsFirstHeadingIsTheTitle() throws IOException {
        String markdown = "```\n# not a heading\n```\n\n# Travel policy #\n\nBook trains over flights.\n\n# Other\n";
        Path file = Files.writeString(dir.resolve("travel.md"), markdown);

        Document document = loader.load(file);

        assertThat(document.text()).isEqualTo(markdown);
        assertThat(document.title()).contains("Travel policy");
    }

    @Test
    void htmlBecomesItsVisibleTextInParagraphs() {
        String html = "<html><head><title>Benefits</title><style>p{color:red}</style></head><body>"
                + "<h1>Health</h1><p>Dental is   covered.</p><script>alert('x')</script>"
                + "<ul><li>Vision</li><li>Gym</li></ul><p>Call <b>HR</b><br>today.</p>"
                + "<div hidden>secret</div><noscript>enable js</noscript></body></html>";

        Document document = loader.parse("benefits.html", html, DocumentFormat.HTML);

        assertThat(document.text()).isEqualTo("Health\n\nDental is covered.\n\n- Vision\n- Gym\n\nCall HR\ntoday.");
        assertThat(document.title()).contains("Benefits");
        assertThat(document.source()).isEqualTo("benefits.html");
    }

    @Test
    void htmlWithoutTitleTakesItsFirstHeading() {
        Document document = loader.parse("page", "<h1>Onboarding</h1><p>Welcome.</p>", DocumentFormat.HTML);

        assertThat(document.title()).contains("Onboarding");
    }

    @Test
    void parsingHtmlFetchesNothingItReferences() throws IOException {
        try (LocalHttp web = new LocalHttp("image/png", new byte[] {1, 2, 3})) {
            String html = "<html><head><link rel=stylesheet href='" + web.uri("/style.css") + "'>"
                    + "<base href='" + web.uri("/") + "'></head><body><img src='" + web.uri("/logo.png") + "'>"
                    + "<iframe src='" + web.uri("/frame") + "'></iframe><p>Text.</p></body></html>";
            Path file = Files.writeString(dir.resolve("page.html"), html);

            Document document = loader.load(file);

            assertThat(document.text()).isEqualTo("Text.");
            assertThat(web.requests()).isZero();
        }
    }

    @Test
    void pdfIsReadPageByPageWithItsTitle() throws IOException {
        byte[] pdf = TestPdfs.create("Employee handbook",
                new String[] {"Welcome to the company.", "Read this first."},
                new String[] {"Vacation: 25 days a year."},
                new String[] {"Expenses are paid monthly."});
        Path file = Files.write(dir.resolve("handbook.pdf"), pdf);

        Document document = loader.load(file);

        assertThat(document.pageCount()).isEqualTo(3);
        assertThat(document.title()).contains("Employee handbook");
        assertThat(document.text()).isEqualTo("Welcome to the company.\nRead this first.\n\nVacation: 25 days a year."
                + "\n\nExpenses are paid monthly.");
        assertThat(document.pageAt(document.text().indexOf("Vacation"))).hasValue(2);
        assertThat(document.pageAt(document.text().indexOf("monthly"))).hasValue(3);
        assertThat(document.pageAt(0)).hasValue(1);
    }

    @Test
    void pdfFromAStreamIsTheSame() {
        byte[] pdf = TestPdfs.create("t", new String[] {"One."}, new String[] {"Two."});

        Document document = loader.load(new ByteArrayInputStream(pdf), "upload-17", DocumentFormat.PDF);

        assertThat(document.id()).isEqualTo("upload-17");
        assertThat(document.pageStarts()).containsExactly(0, "One.".length() + 2);
    }

    @Test
    void aDamagedPdfFailsNamingTheFile() throws IOException {
        Path file = Files.write(dir.resolve("broken.pdf"), "%PDF-1.7 this is not really a PDF".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("broken.pdf")
                .hasMessageContaining("as PDF");
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingItsSizeAndTheLimit() throws IOException {
        Path file = Files.writeString(dir.resolve("big.txt"), "x".repeat(2_000));
        DocumentLoader small = DocumentLoader.builder().maxBytes(1_000).build();

        assertThatThrownBy(() -> small.load(file))
                .isInstanceOfSatisfying(DocumentTooLargeException.class, e -> {
                    assertThat(e.document()).endsWith("big.txt");
                    assertThat(e.size()).isEqualTo(2_000);
                    assertThat(e.limit()).isEqualTo(1_000);
                })
                .hasMessageContaining("big.txt is 2000 bytes, over the limit of 1000 bytes")
                .hasMessageContaining("maxBytes");
    }

    @Test
    void aStreamOverTheLimitStopsAtTheLimit() {
        DocumentLoader small = DocumentLoader.builder().maxBytes(100).build();
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[1_000_000]);

        assertThatThrownBy(() -> small.load(in, "upload.txt", DocumentFormat.TEXT))
                .isInstanceOf(DocumentTooLargeException.class)
                .hasMessageContaining("upload.txt is more than 101 bytes, over the limit of 100 bytes");
        assertThat(in.available()).isGreaterThan(999_000);
    }

    @Test
    void aStringOverTheLimitIsRefused() {
        DocumentLoader small = DocumentLoader.builder().maxBytes(10).build();

        assertThatThrownBy(() -> small.parse("s", "\u00e9".repeat(6), DocumentFormat.TEXT))
                .isInstanceOf(DocumentTooLargeException.class)
                .hasMessageContaining("s is 12 bytes");
    }

    @Test
    void urlsAreNotFetchedUnlessAskedTo() {
        try (LocalHttp web = new LocalHttp("text/html", "<p>Hello</p>".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> loader.load(web.uri("/page")))
                    .isInstanceOf(DocumentLoadException.class)
                    .hasMessageContaining("does not fetch URLs")
                    .hasMessageContaining("allowUrlFetching(true)");
            assertThat(web.requests()).isZero();
            assertThat(loader.allowsUrlFetching()).isFalse();
        }
    }

    @Test
    void urlsAreFetchedWhenAllowedWithTheFormatFromTheContentType() {
        try (LocalHttp web = new LocalHttp("text/html; charset=utf-8", "<title>T</title><p>Hello</p>".getBytes(StandardCharsets.UTF_8))) {
            DocumentLoader fetching = DocumentLoader.builder().allowUrlFetching(true).build();

            Document document = fetching.load(web.uri("/page"));

            assertThat(document.text()).isEqualTo("Hello");
            assertThat(document.id()).isEqualTo(web.uri("/page").toString());
            assertThat(document.title()).contains("T");
            assertThat(web.requests()).isEqualTo(1);
        }
    }

    @Test
    void aFetchedDocumentOverTheLimitIsRefused() {
        try (LocalHttp web = new LocalHttp("text/plain", new byte[5_000])) {
            DocumentLoader fetching = DocumentLoader.builder().allowUrlFetching(true).maxBytes(1_000).build();

            assertThatThrownBy(() -> fetching.load(web.uri("/big.txt")))
                    .isInstanceOf(DocumentTooLargeException.class)
                    .hasMessageContaining("5000 bytes, over the limit of 1000");
        }
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> loader.load(java.net.URI.create("ftp://127.0.0.1/x.txt")))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("only file:, http: and https:");
    }

    @Test
    void fileUrisAreLoadedWithoutFetching() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "local");

        assertThat(loader.load(file.toUri()).text()).isEqualTo("local");
    }

    @Test
    void loadAllReadsSupportedFilesBelowADirectoryWithRelativeIds() throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/travel.md"), "# Travel\n\nTrains.");
        Files.writeString(dir.resolve("faq.txt"), "Questions.");
        Files.write(dir.resolve("logo.png"), new byte[] {1, 2});
        Files.write(dir.resolve("policies/handbook.pdf"), TestPdfs.create("H", new String[] {"Page."}));

        var documents = loader.loadAll(dir);

        assertThat(documents).extracting(Document::id)
                .containsExactly("faq.txt", "policies/handbook.pdf", "policies/travel.md");
        assertThat(documents.get(2).source()).isEqualTo("policies/travel.md");
        assertThat(documents.get(1).pageCount()).isEqualTo(1);
    }

    @Test
    void anUnknownExtensionNamesTheFileAndTheFix() throws IOException {
        Path file = Files.writeString(dir.resolve("data.csv"), "a,b");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("data.csv")
                .hasMessageContaining("pass a DocumentFormat");
        assertThat(loader.load(file, DocumentFormat.TEXT).text()).isEqualTo("a,b");
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.txt")))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("nope.txt: no such file");
    }

    @Test
    void documentsValidateTheirPagesAndHashTheirContent() {
        Document a = Document.of("a", "text", Map.of("k", "v"));
        assertThat(a.contentHash()).isEqualTo(Document.of("a", "text", Map.of("k", "v")).contentHash())
                .isNotEqualTo(Document.of("a", "text", Map.of("k", "w")).contentHash())
                .isNotEqualTo(Document.of("a", "text!", Map.of("k", "v")).contentHash())
                .hasSize(64);
        assertThat(a.withMetadata("k", "w").contentHash()).isEqualTo(Document.of("a", "text", Map.of("k", "w")).contentHash());
        assertThatThrownBy(() -> new Document("x", "abc", Map.of(), java.util.List.of(0, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageStarts");
        assertThatThrownBy(() -> Document.of(" ", "abc")).hasMessageContaining("blank");
        assertThat(a.toString()).doesNotContain("text\"").contains("4 chars");
    }
}
