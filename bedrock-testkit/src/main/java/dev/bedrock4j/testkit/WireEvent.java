package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * One message of an AWS event stream ({@code application/vnd.amazon.eventstream}) as the local server
 * sends it: an event with its {@code :event-type} and JSON payload, or a modeled in-stream exception
 * with its {@code :exception-type}. Use it to script a stream event by event with
 * {@link ModelReply#events(WireEvent...)} or {@link AgentReply#events(WireEvent...)}.
 *
 * <pre>{@code
 * server.model(MODEL).enqueue(ModelReply.events(
 *         WireEvent.messageStart(),
 *         WireEvent.textDelta(0, "Hel"),
 *         WireEvent.textDelta(0, "lo"),
 *         WireEvent.contentBlockStop(0),
 *         WireEvent.exception("throttlingException", "Slow down")));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param kind an event or an exception
 * @param type the {@code :event-type} (an event union member such as {@code contentBlockDelta}) or the
 *             {@code :exception-type} (a lowerCamel member name such as {@code throttlingException})
 * @param payload the JSON payload
 */
public record WireEvent(Kind kind, String type, JsonNode payload) {

    /**
     * What a {@link WireEvent} carries.
     *
     * <p>Instances are immutable and thread-safe.
     */
    public enum Kind {
        /** A regular event ({@code :message-type: event}). */
        EVENT,
        /** A modeled exception ({@code :message-type: exception}); the SDK raises it and the stream ends. */
        EXCEPTION
    }

    /**
     * Validates and copies the components.
     *
     * @param kind an event or an exception
     * @param type the event or exception type
     * @param payload the JSON payload
     */
    public WireEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank; pass the union member name, e.g. \"chunk\"");
        }
        payload = Objects.requireNonNull(payload, "payload").deepCopy();
    }

    /**
     * A copy of the payload.
     *
     * @return the JSON payload
     */
    @Override
    public JsonNode payload() {
        return payload.deepCopy();
    }

    /**
     * An event of any type.
     *
     * @param eventType the {@code :event-type}, the event union member name
     * @param payloadJson the payload as JSON text
     * @return the event
     * @throws java.io.UncheckedIOException if the JSON is malformed
     */
    public static WireEvent event(String eventType, String payloadJson) {
        return new WireEvent(Kind.EVENT, eventType, JsonSupport.parse(payloadJson));
    }

    /**
     * An event of any type.
     *
     * @param eventType the {@code :event-type}, the event union member name
     * @param payload the payload
     * @return the event
     */
    public static WireEvent event(String eventType, JsonNode payload) {
        return new WireEvent(Kind.EVENT, eventType, payload);
    }

    /**
     * A modeled in-stream exception, such as {@code throttlingException}, {@code modelStreamErrorException},
     * {@code internalServerException}, {@code validationException} or {@code serviceUnavailableException}.
     *
     * @param exceptionType the lowerCamel union member name; the capitalised error code is not recognised by the SDK
     * @param message the exception's message
     * @return the exception event
     */
    public static WireEvent exception(String exceptionType, String message) {
        ObjectNode payload = JsonSupport.object().put("message", message);
        if (exceptionType.equals("modelStreamErrorException")) {
            payload.put("originalStatusCode", 500).put("originalMessage", message);
        }
        return new WireEvent(Kind.EXCEPTION, exceptionType, payload);
    }

    /**
     * ConverseStream's {@code messageStart} for the assistant.
     *
     * @return the event
     */
    public static WireEvent messageStart() {
        return event("messageStart", JsonSupport.object().put("role", "assistant"));
    }

    /**
     * ConverseStream's {@code contentBlockDelta} with a piece of text.
     *
     * @param index the content block index
     * @param text the piece of text
     * @return the event
     */
    public static WireEvent textDelta(int index, String text) {
        ObjectNode payload = JsonSupport.object().put("contentBlockIndex", index);
        payload.putObject("delta").put("text", text);
        return event("contentBlockDelta", payload);
    }

    /**
     * ConverseStream's {@code contentBlockStart} opening a tool-use block.
     *
     * @param index the content block index
     * @param toolUseId the tool-use id
     * @param name the tool name
     * @return the event
     */
    public static WireEvent toolUseStart(int index, String toolUseId, String name) {
        ObjectNode payload = JsonSupport.object().put("contentBlockIndex", index);
        payload.putObject("start").putObject("toolUse").put("toolUseId", toolUseId).put("name", name);
        return event("contentBlockStart", payload);
    }

    /**
     * ConverseStream's {@code contentBlockDelta} with a fragment of a tool's input JSON, as a string.
     *
     * @param index the content block index
     * @param inputFragment a piece of the input JSON text
     * @return the event
     */
    public static WireEvent toolUseDelta(int index, String inputFragment) {
        ObjectNode payload = JsonSupport.object().put("contentBlockIndex", index);
        payload.putObject("delta").putObject("toolUse").put("input", inputFragment);
        return event("contentBlockDelta", payload);
    }

    /**
     * ConverseStream's {@code contentBlockDelta} with a piece of reasoning text.
     *
     * @param index the content block index
     * @param text the piece of reasoning
     * @return the event
     */
    public static WireEvent reasoningDelta(int index, String text) {
        ObjectNode payload = JsonSupport.object().put("contentBlockIndex", index);
        payload.putObject("delta").putObject("reasoningContent").put("text", text);
        return event("contentBlockDelta", payload);
    }

    /**
     * ConverseStream's {@code contentBlockDelta} with the signature of a reasoning block.
     *
     * @param index the content block index
     * @param signature the signature
     * @return the event
     */
    public static WireEvent reasoningSignature(int index, String signature) {
        ObjectNode payload = JsonSupport.object().put("contentBlockIndex", index);
        payload.putObject("delta").putObject("reasoningContent").put("signature", signature);
        return event("contentBlockDelta", payload);
    }

    /**
     * ConverseStream's {@code contentBlockStop}.
     *
     * @param index the content block index
     * @return the event
     */
    public static WireEvent contentBlockStop(int index) {
        return event("contentBlockStop", JsonSupport.object().put("contentBlockIndex", index));
    }

    /**
     * ConverseStream's {@code messageStop}.
     *
     * @param stopReason why the model stopped
     * @return the event
     */
    public static WireEvent messageStop(StopReason stopReason) {
        return event("messageStop", JsonSupport.object().put("stopReason", stopReason.value()));
    }

    /**
     * ConverseStream's closing {@code metadata} event.
     *
     * @param usage the token counts
     * @param latencyMs the latency to report
     * @return the event
     */
    public static WireEvent metadata(Usage usage, long latencyMs) {
        ObjectNode payload = JsonSupport.object();
        payload.set("usage", ConverseCodec.usage(usage));
        payload.putObject("metrics").put("latencyMs", latencyMs);
        return event("metadata", payload);
    }

    /**
     * InvokeModelWithResponseStream's {@code chunk}: one model-native JSON chunk, base64 in {@code bytes}.
     *
     * @param nativeJson the chunk as the model writes it, such as
     *                   {@code {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}}
     * @return the event
     */
    public static WireEvent chunk(String nativeJson) {
        return event("chunk", JsonSupport.object().put("bytes",
                Base64.getEncoder().encodeToString(nativeJson.getBytes(StandardCharsets.UTF_8))));
    }
}
