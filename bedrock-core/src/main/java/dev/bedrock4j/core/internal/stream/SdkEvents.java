package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.core.stream.ChatEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.CitationSourceContentDelta;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** Maps the SDK's ConverseStream events to {@link ChatEvent}s. Thread-safe. */
public final class SdkEvents {
    private SdkEvents() {
    }

    /** The library event for an SDK event, or {@code null} for events it does not carry (unknown types, images). */
    public static ChatEvent map(ConverseStreamOutput output) {
        if (output instanceof ContentBlockDeltaEvent e) {
            return delta(e);
        }
        if (output instanceof MessageStartEvent e) {
            return new ChatEvent.MessageStart(e.roleAsString() == null || "assistant".equals(e.roleAsString())
                    ? Role.ASSISTANT : Role.fromWireName(e.roleAsString()));
        }
        if (output instanceof ContentBlockStartEvent e) {
            if (e.start() != null && e.start().toolUse() != null) {
                return new ChatEvent.ToolUseStart(index(e.contentBlockIndex()), e.start().toolUse().toolUseId(),
                        e.start().toolUse().name());
            }
            return null;
        }
        if (output instanceof ContentBlockStopEvent e) {
            return new ChatEvent.ContentBlockStop(index(e.contentBlockIndex()));
        }
        if (output instanceof MessageStopEvent e) {
            return new ChatEvent.MessageStop(StopReason.of(e.stopReasonAsString() == null ? "end_turn" : e.stopReasonAsString()),
                    e.additionalModelResponseFields() == null ? null : SdkJson.documentToJson(e.additionalModelResponseFields()));
        }
        if (output instanceof ConverseStreamMetadataEvent e) {
            TokenUsage u = e.usage();
            Usage usage = u == null ? Usage.ZERO : new Usage(orZero(u.inputTokens()), orZero(u.outputTokens()),
                    orZero(u.cacheReadInputTokens()), orZero(u.cacheWriteInputTokens()));
            long latency = e.metrics() == null || e.metrics().latencyMs() == null ? 0 : e.metrics().latencyMs();
            return new ChatEvent.Metadata(usage, Duration.ofMillis(latency),
                    e.trace() == null || e.trace().guardrail() == null ? null : SdkJson.toJson(e.trace().guardrail()));
        }
        return null;
    }

    private static ChatEvent delta(ContentBlockDeltaEvent e) {
        int index = index(e.contentBlockIndex());
        ContentBlockDelta delta = e.delta();
        if (delta == null) {
            return null;
        }
        if (delta.text() != null) {
            return new ChatEvent.TextDelta(index, delta.text());
        }
        if (delta.toolUse() != null) {
            return new ChatEvent.ToolUseInputDelta(index, delta.toolUse().input() == null ? "" : delta.toolUse().input());
        }
        ReasoningContentBlockDelta reasoning = delta.reasoningContent();
        if (reasoning != null) {
            if (reasoning.text() != null) {
                return new ChatEvent.ReasoningDelta(index, reasoning.text());
            }
            if (reasoning.signature() != null) {
                return new ChatEvent.ReasoningSignature(index, reasoning.signature());
            }
            if (reasoning.redactedContent() != null) {
                return new ChatEvent.RedactedReasoningDelta(index, reasoning.redactedContent().asByteArray());
            }
            return null;
        }
        CitationsDelta citation = delta.citation();
        if (citation != null) {
            List<String> text = new ArrayList<>();
            if (citation.hasSourceContent()) {
                for (CitationSourceContentDelta part : citation.sourceContent()) {
                    text.add(part.text());
                }
            }
            return new ChatEvent.CitationDelta(index, new Citation(citation.title(), citation.source(), text,
                    citation.location() == null ? null : SdkJson.toJson(citation.location())));
        }
        return null;
    }

    private static int index(Integer index) {
        return index == null ? 0 : index;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
