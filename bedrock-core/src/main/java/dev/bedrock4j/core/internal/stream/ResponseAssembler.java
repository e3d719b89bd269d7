package dev.bedrock4j.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.stream.ChatEvent;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles streamed events into the response {@code call()} would have returned: text per block,
 * tool-call input parsed from its joined fragments, reasoning with its signature, citations.
 * Thread-safe: events are added on one thread while snapshots may be taken on others.
 */
public final class ResponseAssembler {
    /** The stop reason of a response whose stream has not reached its message stop. */
    public static final StopReason INCOMPLETE = new StopReason("incomplete");

    private final String modelId;
    private final Map<Integer, Block> blocks = new TreeMap<>();
    private StopReason stopReason;
    private Usage usage = Usage.ZERO;
    private Duration latency = Duration.ZERO;
    private JsonNode guardrailTrace;
    private JsonNode additionalFields;

    /** Creates an assembler for a model's stream. */
    public ResponseAssembler(String modelId) {
        this.modelId = modelId;
    }

    /** Adds one event. */
    public synchronized void accept(ChatEvent event) {
        if (event instanceof ChatEvent.TextDelta d) {
            block(d.index()).text.append(d.text());
        } else if (event instanceof ChatEvent.ToolUseStart s) {
            Block b = block(s.index());
            b.toolUseId = s.toolUseId();
            b.toolName = s.name();
        } else if (event instanceof ChatEvent.ToolUseInputDelta d) {
            block(d.index()).toolInput.append(d.json());
        } else if (event instanceof ChatEvent.ReasoningDelta d) {
            Block b = block(d.index());
            b.reasoning = true;
            b.text.append(d.text());
        } else if (event instanceof ChatEvent.ReasoningSignature s) {
            Block b = block(s.index());
            b.reasoning = true;
            b.signature = s.signature();
        } else if (event instanceof ChatEvent.RedactedReasoningDelta r) {
            Block b = block(r.index());
            if (b.redacted == null) {
                b.redacted = new ByteArrayOutputStream();
            }
            b.redacted.writeBytes(r.data());
        } else if (event instanceof ChatEvent.CitationDelta c) {
            block(c.index()).citations.add(c.citation());
        } else if (event instanceof ChatEvent.MessageStop stop) {
            stopReason = stop.stopReason();
            JsonNode extra = stop.additionalModelResponseFields();
            additionalFields = extra.isNull() ? null : extra;
        } else if (event instanceof ChatEvent.Metadata m) {
            usage = m.usage();
            latency = m.latency();
            JsonNode trace = m.guardrailTrace();
            guardrailTrace = trace.isNull() ? null : trace;
        }
    }

    private Block block(int index) {
        return blocks.computeIfAbsent(index, i -> new Block());
    }

    /** The response assembled from the events so far. */
    public synchronized ChatResponse snapshot() {
        List<ContentBlock> content = new ArrayList<>(blocks.size());
        for (Block b : blocks.values()) {
            ContentBlock block = b.build();
            if (block != null) {
                content.add(block);
            }
        }
        return ChatResponse.builder()
                .modelId(modelId)
                .message(new Message(Role.ASSISTANT, content))
                .stopReason(stopReason == null ? INCOMPLETE : stopReason)
                .usage(usage)
                .latency(latency)
                .guardrailTrace(guardrailTrace)
                .additionalModelResponseFields(additionalFields)
                .build();
    }

    private static final class Block {
        final StringBuilder text = new StringBuilder();
        final StringBuilder toolInput = new StringBuilder();
        final List<Citation> citations = new ArrayList<>();
        String toolUseId;
        String toolName;
        boolean reasoning;
        String signature;
        ByteArrayOutputStream redacted;

        ContentBlock build() {
            if (toolUseId != null) {
                return new ContentBlock.ToolUse(toolUseId, toolName, parseInput(toolInput.toString()));
            }
            if (redacted != null) {
                return new ContentBlock.RedactedReasoning(redacted.toByteArray());
            }
            if (reasoning) {
                return new ContentBlock.Reasoning(text.toString(), signature);
            }
            if (!citations.isEmpty()) {
                return new ContentBlock.Citations(List.of(text.toString()), citations);
            }
            return text.length() == 0 ? null : new ContentBlock.Text(text.toString());
        }

        // Complete input parses; an input cut short by a failure is kept as the raw text received.
        private static JsonNode parseInput(String json) {
            if (json.isBlank()) {
                return JsonSupport.object();
            }
            try {
                return JsonSupport.parse(json);
            } catch (RuntimeException incomplete) {
                return TextNode.valueOf(json);
            }
        }
    }
}
