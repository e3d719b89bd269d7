package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a complete response into the events a stream of it would carry: text in word-sized deltas,
 * tool input in fragments. Assembling these events gives the response back. Thread-safe.
 */
public final class ResponseEvents {
    private ResponseEvents() {
    }

    /** The events of a response. */
    public static List<ChatEvent> of(ChatResponse response) {
        List<ChatEvent> events = new ArrayList<>();
        events.add(new ChatEvent.MessageStart(Role.ASSISTANT));
        int index = 0;
        for (ContentBlock block : response.message().content()) {
            if (block instanceof ContentBlock.Text text) {
                for (String piece : pieces(text.text())) {
                    events.add(new ChatEvent.TextDelta(index, piece));
                }
            } else if (block instanceof ContentBlock.ToolUse use) {
                events.add(new ChatEvent.ToolUseStart(index, use.id(), use.name()));
                String json = JsonSupport.write(use.input());
                int half = json.length() / 2;
                events.add(new ChatEvent.ToolUseInputDelta(index, json.substring(0, half)));
                events.add(new ChatEvent.ToolUseInputDelta(index, json.substring(half)));
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                for (String piece : pieces(reasoning.text())) {
                    events.add(new ChatEvent.ReasoningDelta(index, piece));
                }
                if (reasoning.signature() != null) {
                    events.add(new ChatEvent.ReasoningSignature(index, reasoning.signature()));
                }
            } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
                events.add(new ChatEvent.RedactedReasoningDelta(index, redacted.data()));
            } else if (block instanceof ContentBlock.Citations citations) {
                for (String piece : pieces(citations.text())) {
                    events.add(new ChatEvent.TextDelta(index, piece));
                }
                for (Citation citation : citations.citations()) {
                    events.add(new ChatEvent.CitationDelta(index, citation));
                }
            } else {
                continue; // blocks models do not stream (images, documents) have no events
            }
            events.add(new ChatEvent.ContentBlockStop(index));
            index++;
        }
        events.add(new ChatEvent.MessageStop(response.stopReason(), response.additionalModelResponseFields().orElse(null)));
        events.add(new ChatEvent.Metadata(response.usage(), response.latency(), response.guardrailTrace().orElse(null)));
        return events;
    }

    /** Splits text into word-sized pieces that join back to the text. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
