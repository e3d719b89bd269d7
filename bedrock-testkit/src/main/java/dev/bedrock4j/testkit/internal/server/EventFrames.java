package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.WireEvent;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** Encodes events as AWS event-stream frames with the SDK's own encoder. Thread-safe. */
final class EventFrames {
    private EventFrames() {
    }

    static byte[] encode(WireEvent event) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        if (event.kind() == WireEvent.Kind.EVENT) {
            headers.put(":event-type", HeaderValue.fromString(event.type()));
            headers.put(":content-type", HeaderValue.fromString("application/json"));
            headers.put(":message-type", HeaderValue.fromString("event"));
        } else {
            headers.put(":exception-type", HeaderValue.fromString(event.type()));
            headers.put(":content-type", HeaderValue.fromString("application/json"));
            headers.put(":message-type", HeaderValue.fromString("exception"));
        }
        ByteBuffer buffer = new Message(headers, JsonSupport.bytes(event.payload())).toByteBuffer();
        byte[] frame = new byte[buffer.remaining()];
        buffer.get(frame);
        return frame;
    }

    /** A frame whose message CRC does not match its content. */
    static byte[] malformed(WireEvent event) {
        byte[] frame = encode(event);
        frame[frame.length - 1] ^= (byte) 0xFF;
        return frame;
    }
}
