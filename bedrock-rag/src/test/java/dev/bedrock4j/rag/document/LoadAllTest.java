package dev.bedrock4j.rag.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a directory: symbolic links stay inside it unless allowed, and a bad file can be skipped and reported. */
class LoadAllTest {
    private final DocumentLoader loader = DocumentLoader.create();

    @TempDir
    Path temp;
    Path docs;
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        docs = Files.createDirectories(temp.resolve("docs"));
        outside = Files.createDirectories(temp.resolve("private"));
        Files.writeString(docs.resolve("faq.txt"), "Questions.");
        Files.writeString(outside.resolve("secret.txt"), "password=hunter2");
    }

    @Test
    void aFileLinkOutOfTheDirectoryIsRefusedNamingTheLinkItsTargetAndTheSetting() throws IOException {
        link(docs.resolve("passwd.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> loader.loadAll(docs))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("not loading passwd.txt: it is a symbolic link to " + outside.toRealPath().resolve("secret.txt"))
                .hasMessageContaining("outside " + docs)
                .hasMessageContaining("allowLinksOutsideDirectory(true)");

        LoadReport report = loader.tryLoadAll(docs);
        assertThat(report.documents()).extracting(Document::id).containsExactly("faq.txt");
        assertThat(report.documents()).noneMatch(d -> d.text().contains("hunter2"));
        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.path()).isEqualTo("passwd.txt");
            assertThat(failure.reason()).contains("symbolic link", "outside");
        });
        assertThat(report.complete()).isFalse();
    }

    @Test
    void aDirectoryLinkOutOfTheDirectoryIsRefusedToo() throws IOException {
        link(docs.resolve("shared"), outside);

        LoadReport report = loader.tryLoadAll(docs);

        assertThat(report.documents()).extracting(Document::id).containsExactly("faq.txt");
        assertThat(report.failures()).extracting(LoadReport.Failure::path).containsExactly("shared");
        assertThatThrownBy(() -> loader.loadAll(docs)).hasMessageContaining("not loading shared: it is a symbolic link");
    }

    @Test
    void linksOutAreFollowedWhenAllowed() throws IOException {
        link(docs.resolve("passwd.txt"), outside.resolve("secret.txt"));
        link(docs.resolve("shared"), outside);
        DocumentLoader trusting = DocumentLoader.builder().allowLinksOutsideDirectory(true).build();

        assertThat(trusting.loadAll(docs)).extracting(Document::id)
                .containsExactly("faq.txt", "passwd.txt");
    }

    @Test
    void linksInsideTheDirectoryAreFollowedAndEachFileIsLoadedOnce() throws IOException {
        Files.createDirectories(docs.resolve("a"));
        Files.writeString(docs.resolve("a/guide.md"), "# Guide");
        link(docs.resolve("b"), docs.resolve("a"));
        link(docs.resolve("guide-link.md"), docs.resolve("a/guide.md"));

        assertThat(loader.loadAll(docs)).extracting(Document::id).containsExactly("a/guide.md", "faq.txt");
    }

    @Test
    void aLinkLoopIsReportedNotFollowed() throws IOException {
        Files.createDirectories(docs.resolve("sub"));
        link(docs.resolve("sub/up"), docs);

        LoadReport report = loader.tryLoadAll(docs);

        assertThat(report.documents()).extracting(Document::id).containsExactly("faq.txt");
        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.path()).isEqualTo("sub/up");
            assertThat(failure.reason()).contains("loop");
        });
    }

    @Test
    void aBrokenLinkIsReported() throws IOException {
        link(docs.resolve("gone.txt"), outside.resolve("nothing-here.txt"));

        assertThat(loader.tryLoadAll(docs).failures()).singleElement()
                .satisfies(failure -> assertThat(failure.reason()).contains("gone.txt", "does not exist"));
    }

    @Test
    void tryLoadAllGoesOnPastBadFilesAndSaysWhy() throws IOException {
        Files.writeString(docs.resolve("big.txt"), "x".repeat(20_000));
        Files.writeString(docs.resolve("broken.pdf"), "%PDF-1.7 not really");
        Files.write(docs.resolve("bomb.pdf"), HostilePdfs.flateBombContent(8));
        Files.writeString(docs.resolve("notes.md"), "# Notes");
        DocumentLoader small = DocumentLoader.builder().maxBytes(10_000).maxDecodedBytes(1024 * 1024).build();

        LoadReport report = small.tryLoadAll(docs);

        assertThat(report.documents()).extracting(Document::id).containsExactly("faq.txt", "notes.md");
        assertThat(report.failures()).extracting(LoadReport.Failure::path).containsExactly("big.txt", "bomb.pdf", "broken.pdf");
        assertThat(report.failures().get(0).error()).isInstanceOf(DocumentTooLargeException.class);
        assertThat(report.failures().get(1).error()).isInstanceOf(DocumentLimitException.class);
        assertThat(report.failures().get(2).reason()).contains("broken.pdf", "as PDF");
        assertThatThrownBy(() -> small.loadAll(docs)).isInstanceOf(DocumentTooLargeException.class);
    }

    @Test
    void aMissingDirectoryIsAnErrorInBoth() {
        assertThatThrownBy(() -> loader.loadAll(temp.resolve("nope"))).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> loader.tryLoadAll(temp.resolve("nope"))).hasMessageContaining("no such directory");
    }

    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("this file system cannot make symbolic links: " + e);
        }
    }
}
