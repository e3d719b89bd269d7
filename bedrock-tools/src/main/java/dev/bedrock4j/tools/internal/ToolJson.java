package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bedrock4j.core.spi.JsonSupport;

/**
 * The mapper that turns tool inputs into Java values and tool results into JSON: core's shared mapper
 * plus {@code Optional} and {@code java.time} support, dates written as ISO-8601 text. Thread-safe.
 */
public final class ToolJson {
    /** Shared mapper; configure nothing on it after start-up. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private ToolJson() {
    }

    /** Text for the model and for traces: strings as they are, other JSON compact. */
    public static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : JsonSupport.write(node);
    }

    /** The simple name of an exception, with its message when it has one. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
