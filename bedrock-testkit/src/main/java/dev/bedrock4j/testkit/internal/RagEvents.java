package dev.bedrock4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.WireEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The RetrieveAndGenerateStream events for a RetrieveAndGenerate answer: the text in several
 * {@code output} events, each cited part followed by its {@code citation} event. Thread-safe.
 */
public final class RagEvents {
    private RagEvents() {
    }

    /**
     * The events for an answer.
     *
     * @param response a RetrieveAndGenerate response body ({@code output.text}, {@code citations})
     * @return the events, in order
     */
    public static List<WireEvent> of(JsonNode response) {
        String text = response.path("output").path("text").asText();
        List<WireEvent> events = new ArrayList<>();
        int written = 0;
        for (JsonNode citation : response.path("citations")) {
            int end = citation.path("generatedResponsePart").path("textResponsePart").path("span").path("end").asInt(-1) + 1;
            end = Math.max(written, Math.min(end, text.length()));
            output(text.substring(written, end), events);
            written = end;
            ObjectNode event = citation.deepCopy();
            event.set("citation", citation.deepCopy());
            events.add(WireEvent.event("citation", event));
        }
        output(text.substring(written), events);
        if (response.hasNonNull("guardrailAction") && !response.get("guardrailAction").asText().equals("NONE")) {
            events.add(WireEvent.event("guardrail", JsonSupport.object().put("action", response.get("guardrailAction").asText())));
        }
        return events;
    }

    private static void output(String text, List<WireEvent> events) {
        if (!text.isEmpty()) {
            TextPieces.split(text).forEach(piece -> events.add(WireEvent.event("output", JsonSupport.object().put("text", piece))));
        }
    }
}
