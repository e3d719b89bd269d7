package dev.bedrock4j.testkit.internal;

import dev.bedrock4j.testkit.WireEvent;
import java.util.List;

/**
 * A scripted event stream in a fake client's script. Immutable.
 *
 * @param events the events, in order
 */
public record ScriptedStream(List<WireEvent> events) {
    /** Copies the events. */
    public ScriptedStream {
        events = List.copyOf(events);
    }
}
