package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.core.spi.JacksonVersions;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a request the server itself failed on: HTTP 500 {@code InternalServerException} whose message
 * names the exception, logged at WARN. It is built without Jackson, since a broken Jackson (jackson-core and
 * jackson-databind of different versions, say) is a failure it must report. Thread-safe.
 */
final class Failures {
    /** Under the public class's name, which users know and configure. */
    private static final Logger LOG = LoggerFactory.getLogger(LocalBedrockServer.class);

    private Failures() {
    }

    /**
     * Logs the failure and builds its answer. Never throws (short of running out of memory).
     *
     * @param what what failed, such as {@code "Converse POST /model/m/converse"}; names no prompt
     * @param failure the exception or error
     * @return the 500 answer
     */
    static Answer answer(String what, Throwable failure) {
        String message = "The local Bedrock server failed to answer " + what + ": " + failure + hint(failure);
        try {
            LOG.warn(message, failure);
        } catch (Throwable loggingFailed) {
            // a broken logger must not cost the client its answer
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", "InternalServerException:http://internal.amazon.com/coral/com.amazon.bedrock/");
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = ("{\"message\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
        return new Answer(500, headers, body, null, null);
    }

    /**
     * Logs a failure of a connection outside any request: at DEBUG when the network or the HTTP/2 stream failed (a
     * client that went away or cancelled) or the server is stopping, at WARN otherwise.
     *
     * @param client the client's address
     * @param failure the failure
     */
    static void connectionFailed(Object client, Throwable failure) {
        try {
            if (failure instanceof java.io.IOException || failure instanceof io.netty.handler.codec.http2.Http2Exception
                    || failure instanceof java.util.concurrent.RejectedExecutionException) {
                LOG.debug("The local Bedrock server lost the connection of {}: {}", client, failure.toString());
            } else {
                LOG.warn("The local Bedrock server closed the connection of " + client + " after a failure: " + failure
                        + hint(failure), failure);
            }
        } catch (Throwable loggingFailed) {
            // nothing more to do: the connection is closed next
        }
    }

    /** For errors of the class path, which the message alone rarely explains. */
    private static String hint(Throwable failure) {
        if (failure instanceof JacksonVersions.MixedVersionsError) {
            return ""; // its message names the versions already
        }
        if (failure instanceof LinkageError) {
            try {
                java.util.Optional<String> jackson = JacksonVersions.mismatch();
                if (jackson.isPresent()) {
                    return " (" + jackson.get() + ")";
                }
            } catch (Throwable cannotTell) {
                // Jackson cannot even say its version: the general hint below still applies
            }
            return " (a class is missing or has another version than the one the testkit was built with: look for two"
                    + " versions of one library on the class path, such as jackson-core and jackson-databind)";
        }
        return "";
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
