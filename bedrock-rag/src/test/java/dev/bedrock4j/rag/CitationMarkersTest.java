package dev.bedrock4j.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.rag.internal.answer.CitationMarkers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CitationMarkersTest {
    private static final List<RetrievedChunk> PASSAGES = List.of(passage("a"), passage("b"), passage("c"));

    static RetrievedChunk passage(String source) {
        return new RetrievedChunk("text of " + source, 0.5, SourceLocation.of(source), Map.of());
    }

    @Test
    void eachMarkerCitesTheSentenceBeforeIt() {
        String text = "Employees get 25 days [1]. Five carry over [2]. Ask HR.";

        List<AnswerCitation> citations = CitationMarkers.parse(text, PASSAGES);

        assertThat(citations).extracting(AnswerCitation::number).containsExactly(1, 2);
        assertThat(citations).extracting(AnswerCitation::text).containsExactly("Employees get 25 days", "Five carry over");
        assertThat(citations.get(1).passage().location().source()).isEqualTo("b");
        for (AnswerCitation citation : citations) {
            assertThat(text.substring(citation.start(), citation.end())).isEqualTo(citation.text());
        }
    }

    @Test
    void markersAfterThePeriodListsAndAdjacentMarkersShareTheirSentence() {
        String text = "Badges are required.[1][3] Parking is free on weekends. [2, 3]";

        List<AnswerCitation> citations = CitationMarkers.parse(text, PASSAGES);

        assertThat(citations).extracting(AnswerCitation::number).containsExactly(1, 3, 2, 3);
        assertThat(citations).extracting(AnswerCitation::text).containsExactly("Badges are required.",
                "Badges are required.", "Parking is free on weekends.", "Parking is free on weekends.");
    }

    @Test
    void aMarkerMidSentenceCitesTheTextSinceThePreviousMarker() {
        String text = "Dental is covered [1], and vision is covered too [2].";

        assertThat(CitationMarkers.parse(text, PASSAGES)).extracting(AnswerCitation::text)
                .containsExactly("Dental is covered", "and vision is covered too");
    }

    @Test
    void numbersThatNameNoPassageAreIgnored() {
        assertThat(CitationMarkers.parse("Made up [4]. Zero [0]. Also [x]. Real [3].", PASSAGES))
                .extracting(AnswerCitation::number).containsExactly(3);
        assertThat(CitationMarkers.parse("No markers at all.", PASSAGES)).isEmpty();
    }

    @Test
    void stripRemovesTheMarkers() {
        assertThat(CitationMarkers.strip("Days [1]. Carry over [2][3].")).isEqualTo("Days. Carry over.");
    }
}
