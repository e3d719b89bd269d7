package dev.bedrock4j.rag.internal.answer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.rag.AnswerCitation;
import dev.bedrock4j.rag.RetrievedChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * The citations of a model's answer to numbered passages: {@code [n]} markers in its text blocks, and Converse
 * citation blocks whose location names a document by its index (the passages were sent as documents, in
 * order). Offsets are into {@link Message#text()}. Thread-safe.
 */
public final class MessageCitations {
    private MessageCitations() {
    }

    /** Every citation of the message, in the order of the text. */
    public static List<AnswerCitation> of(Message message, List<RetrievedChunk> passages) {
        List<AnswerCitation> citations = new ArrayList<>();
        int offset = 0;
        for (ContentBlock block : message.content()) {
            if (block instanceof ContentBlock.Text text) {
                for (AnswerCitation marker : CitationMarkers.parse(text.text(), passages)) {
                    citations.add(new AnswerCitation(marker.number(), marker.text(), offset + marker.start(),
                            offset + marker.end(), marker.passage()));
                }
                offset += text.text().length();
            } else if (block instanceof ContentBlock.Citations cited) {
                String text = cited.text();
                for (Citation citation : cited.citations()) {
                    int index = documentIndex(citation.location());
                    if (index >= 0 && index < passages.size()) {
                        citations.add(new AnswerCitation(index + 1, text, offset, offset + text.length(),
                                passages.get(index)));
                    }
                }
                offset += text.length();
            }
        }
        return List.copyOf(citations);
    }

    /** The {@code documentIndex} in a location such as {@code {"documentChar":{"documentIndex":1,...}}}, or -1. */
    static int documentIndex(JsonNode location) {
        for (JsonNode kind : location) {
            if (kind.has("documentIndex")) {
                return kind.get("documentIndex").asInt(-1);
            }
        }
        return -1;
    }
}
