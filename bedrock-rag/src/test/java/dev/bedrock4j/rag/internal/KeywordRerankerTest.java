package dev.bedrock4j.rag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordRerankerTest {
    static RetrievedChunk hit(String id, String text, double score) {
        return new RetrievedChunk(text, score, SourceLocation.of(id), Map.of());
    }

    @Test
    void aPassageWithTheQueryWordsMovesUpAndScoresAreFusedRanks() {
        List<RetrievedChunk> byVector = List.of(
                hit("a", "Nothing that matters here.", 0.9),
                hit("b", "Zebra crossing rules near the office.", 0.8),
                hit("c", "A crossing is nearby.", 0.7));

        List<RetrievedChunk> ranked = KeywordReranker.INSTANCE.rerank("zebra crossing", byVector, 2);

        assertThat(ranked).extracting(h -> h.location().source()).containsExactly("b", "a");
        assertThat(ranked.get(0).score()).isEqualTo(1.0 / 62 + 1.0 / 61);
        assertThat(ranked.get(1).score()).isEqualTo(1.0 / 61 + 1.0 / 63);
    }

    @Test
    void wordsAreLowerCaseLettersAndDigits() {
        assertThat(KeywordReranker.words("Zebra-crossing, 24h! a")).containsExactlyInAnyOrder("zebra", "crossing", "24h");
    }
}
