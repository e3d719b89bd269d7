package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.WireEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server sends for one request: a complete response (status, headers, body) or an event
 * stream (headers and events), plus the fault the transport applies (latency, cut, malformed frame,
 * reset), if any. Immutable.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body of a complete response; empty for a stream
 * @param events the events of a stream; {@code null} for a complete response
 * @param fault the transport fault, or {@code null}
 */
record Answer(int status, Map<String, String> headers, byte[] body, List<WireEvent> events, Fault fault) {
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    /** Copies the components. */
    Answer {
        headers = Map.copyOf(headers);
        events = events == null ? null : List.copyOf(events);
    }

    static Answer json(int status, Map<String, String> headers, JsonNode body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new Answer(status, all, JsonSupport.bytes(body), null, null);
    }

    static Answer json(JsonNode body) {
        return json(200, Map.of(), body);
    }

    static Answer stream(Map<String, String> headers, List<WireEvent> events) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", EVENT_STREAM);
        return new Answer(200, all, new byte[0], events, null);
    }

    /** An error as Bedrock sends it: status, {@code x-amzn-ErrorType} and a JSON message. */
    static Answer error(int status, String errorType, String message) {
        return json(status, Map.of("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/"),
                JsonSupport.object().put("message", message));
    }

    Answer withFault(Fault transportFault) {
        return new Answer(status, headers, body, events, transportFault);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Answer(status, all, body, events, fault);
    }

    boolean streaming() {
        return events != null;
    }
}
