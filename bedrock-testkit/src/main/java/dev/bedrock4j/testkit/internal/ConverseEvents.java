package dev.bedrock4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.WireEvent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The ConverseStream events that deliver a response, in the order Bedrock sends them: {@code messageStart};
 * per block an optional {@code contentBlockStart} (tool use), deltas (text and reasoning in several
 * pieces, tool input as string fragments) and {@code contentBlockStop}; then {@code messageStop} and
 * {@code metadata}. Thread-safe.
 */
public final class ConverseEvents {
    private ConverseEvents() {
    }

    /**
     * The events for a response.
     *
     * @param response the response
     * @return the events, in order
     */
    public static List<WireEvent> of(ChatResponse response) {
        List<WireEvent> events = new ArrayList<>();
        events.add(WireEvent.messageStart());
        int index = 0;
        for (ContentBlock block : response.message().content()) {
            int i = index;
            if (block instanceof ContentBlock.Text text) {
                TextPieces.split(text.text()).forEach(p -> events.add(WireEvent.textDelta(i, p)));
            } else if (block instanceof ContentBlock.ToolUse use) {
                events.add(WireEvent.toolUseStart(i, use.id(), use.name()));
                TextPieces.fragments(JsonSupport.write(use.input())).forEach(p -> events.add(WireEvent.toolUseDelta(i, p)));
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                TextPieces.split(reasoning.text()).forEach(p -> events.add(WireEvent.reasoningDelta(i, p)));
                if (reasoning.signature() != null) {
                    events.add(WireEvent.reasoningSignature(i, reasoning.signature()));
                }
            } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
                ObjectNode payload = JsonSupport.object().put("contentBlockIndex", i);
                payload.putObject("delta").putObject("reasoningContent")
                        .put("redactedContent", Base64.getEncoder().encodeToString(redacted.data()));
                events.add(WireEvent.event("contentBlockDelta", payload));
            } else if (block instanceof ContentBlock.Citations citations) {
                TextPieces.split(citations.text()).forEach(p -> events.add(WireEvent.textDelta(i, p)));
            } else {
                continue;
            }
            events.add(WireEvent.contentBlockStop(i));
            index++;
        }
        ObjectNode stop = JsonSupport.object().put("stopReason", response.stopReason().value());
        response.additionalModelResponseFields().ifPresent(f -> stop.set("additionalModelResponseFields", f));
        events.add(WireEvent.event("messageStop", stop));
        WireEvent metadata = WireEvent.metadata(response.usage(), response.latency().toMillis());
        if (response.guardrailTrace().isPresent()) {
            ObjectNode payload = (ObjectNode) metadata.payload();
            payload.putObject("trace").set("guardrail", response.guardrailTrace().get());
            metadata = WireEvent.event("metadata", payload);
        }
        events.add(metadata);
        return events;
    }
}
