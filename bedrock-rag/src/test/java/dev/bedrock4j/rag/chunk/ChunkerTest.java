package dev.bedrock4j.rag.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.rag.document.Document;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final String[] WORDS = {"vacation", "policy", "the", "employees", "may", "carry", "over", "days",
        "expense", "report", "manager", "approval", "within", "thirty", "a", "remote", "work", "office", "security"};

    /** Paragraphs of sentences of words, seeded. */
    static String prose(long seed, int paragraphs) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 1 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                int words = 3 + random.nextInt(18);
                for (int w = 0; w < words; w++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    text.append(w == words - 1 ? ". " : " ");
                }
            }
            text.append(random.nextInt(4) == 0 ? "\n" : "\n\n");
        }
        return text.toString();
    }

    static void assertWellFormed(Document document, List<Chunk> chunks, int maxTokens) {
        String text = document.text();
        boolean[] covered = new boolean[text.length()];
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.index()).isEqualTo(i);
            assertThat(chunk.documentId()).isEqualTo(document.id());
            assertThat(chunk.text()).isEqualTo(text.substring(chunk.start(), chunk.end()));
            assertThat(chunk.text()).isNotBlank().isEqualTo(chunk.text().strip());
            assertThat(chunk.estimatedTokens()).isLessThanOrEqualTo(maxTokens);
            assertThat(chunk.metadata()).isEqualTo(document.metadata());
            if (i > 0) {
                assertThat(chunk.start()).isGreaterThan(chunks.get(i - 1).start());
            }
            for (int c = chunk.start(); c < chunk.end(); c++) {
                covered[c] = true;
            }
        }
        for (int c = 0; c < text.length(); c++) {
            if (!Character.isWhitespace(text.charAt(c))) {
                assertThat(covered[c]).as("character %d (%s) is in a chunk", c, text.charAt(c)).isTrue();
            }
        }
    }

    @Test
    void bothChunkersCoverEveryCharacterWithinTheSizeAndKeepExactOffsets() {
        for (long seed = 1; seed <= 20; seed++) {
            Document document = Document.of("doc-" + seed, prose(seed, 12), Map.of("source", "s"));
            assertWellFormed(document, Chunker.fixed(40, 10).chunk(document), 40);
            assertWellFormed(document, Chunker.recursive(40, 10).chunk(document), 40);
            assertWellFormed(document, Chunker.recursive(7, 0).chunk(document), 7);
        }
    }

    @Test
    void fixedWindowsOverlapByAboutTheOverlapAndEndBetweenWords() {
        Document document = Document.of("d", prose(7, 30));
        List<Chunk> chunks = Chunker.fixed(50, 10).chunk(document);

        assertThat(chunks).hasSizeGreaterThan(5);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            int overlap = previous.end() - next.start();
            assertThat(overlap).isPositive().isLessThanOrEqualTo(10 * Chunker.CHARS_PER_TOKEN);
            assertThat(overlap).isGreaterThan(10 * Chunker.CHARS_PER_TOKEN - 15); // at most one word less
            assertThat(previous.end() - previous.start()).isGreaterThan(150);  // the window is mostly used
            String text = document.text();
            assertThat(Character.isWhitespace(text.charAt(previous.end()))).as("chunk %d ends before a space", i - 1).isTrue();
            assertThat(Character.isWhitespace(text.charAt(next.start() - 1))).as("chunk %d starts a word", i).isTrue();
        }
    }

    @Test
    void fixedWindowsWithoutOverlapTile() {
        Document document = Document.of("d", "aaaa bbbb cccc dddd eeee ffff");
        List<Chunk> chunks = Chunker.fixed(3, 0).chunk(document);

        assertThat(chunks).extracting(Chunk::text).containsExactly("aaaa bbbb", "cccc dddd", "eeee ffff");
    }

    @Test
    void aWordLongerThanTheWindowIsCut() {
        Document document = Document.of("d", "x".repeat(30));

        assertThat(Chunker.fixed(2, 1).chunk(document)).extracting(Chunk::text)
                .allMatch(t -> t.length() <= 8).hasSize(7);
    }

    @Test
    void recursiveChunksEndAtParagraphsWhenParagraphsFit() {
        String p1 = "Vacation. Employees get twenty five days.";
        String p2 = "Expenses. Reports are due monthly with receipts.";
        String p3 = "Security. Badges must be worn at all times inside.";
        Document document = Document.of("d", p1 + "\n\n" + p2 + "\n\n" + p3);

        List<Chunk> chunks = Chunker.recursive(26, 0).chunk(document);

        assertThat(chunks).extracting(Chunk::text).containsExactly(p1 + "\n\n" + p2, p3);
    }

    @Test
    void recursiveChunksFallBackToSentencesThenWords() {
        String sentence1 = "The first sentence is here.";
        String sentence2 = "The second one follows it!";
        String sentence3 = "And a third?";
        Document document = Document.of("d", sentence1 + " " + sentence2 + " " + sentence3);

        assertThat(Chunker.recursive(8, 0).chunk(document)).extracting(Chunk::text)
                .containsExactly(sentence1, sentence2, sentence3);
        assertThat(Chunker.recursive(3, 0).chunk(document)).extracting(Chunk::text)
                .startsWith("The first", "sentence is", "here.");
    }

    @Test
    void recursiveOverlapRepeatsWholeTrailingSentences() {
        Document document = Document.of("d", "One two three. Four five six. Seven eight nine. Ten eleven twelve.");

        List<Chunk> chunks = Chunker.recursive(9, 5).chunk(document);

        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "One two three. Four five six.",
                "Four five six. Seven eight nine.",
                "Seven eight nine. Ten eleven twelve.");
    }

    @Test
    void chunksOfAPagedDocumentKnowTheirPages() {
        Document document = Document.ofPages("manual.pdf", List.of("Page one talks about badges.",
                "Page two talks about parking.", "Page three is about the canteen."), Map.of());

        List<Chunk> perPage = Chunker.recursive(9, 0).chunk(document);
        assertThat(perPage).extracting(Chunk::firstPage).containsExactly(1, 2, 3);
        assertThat(perPage).extracting(Chunk::lastPage).containsExactly(1, 2, 3);

        List<Chunk> wide = Chunker.fixed(12, 0).chunk(document);
        assertThat(wide.get(0).firstPage()).isEqualTo(1);
        assertThat(wide.get(0).lastPage()).isEqualTo(2);
    }

    @Test
    void emptyAndBlankDocumentsHaveNoChunks() {
        assertThat(Chunker.recursive(10, 2).chunk(Document.of("d", ""))).isEmpty();
        assertThat(Chunker.fixed(10, 2).chunk(Document.of("d", " \n\n \t"))).isEmpty();
    }

    @Test
    void sizesAreChecked() {
        assertThatThrownBy(() -> Chunker.fixed(10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlapTokens must be between 0 and windowTokens - 1 (9), was 10");
        assertThatThrownBy(() -> Chunker.recursive(0, 0)).hasMessageContaining("maxTokens must be at least 1");
        assertThat(Chunker.estimateTokens("12345")).isEqualTo(2);
    }
}
