package dev.bedrock4j.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the {@link LocalBedrockServer} injects into a call, as Bedrock or the network would
 * produce it: an error response, added latency, a stream cut or corrupted mid-way, a connection reset,
 * or a modeled exception inside the event stream.
 *
 * <pre>{@code
 * server.faultNext(2, Fault.throttling());                        // the next two calls get HTTP 429
 * server.model(MODEL).faultNext(1, Fault.cutStreamAfter(3));     // the next stream of MODEL stops after 3 events
 * server.model(MODEL).fault(Fault.latency(Duration.ofMillis(200)));  // every call of MODEL is slow
 * }</pre>
 *
 * <p>On an operation that does not stream, the stream faults act as closely as they can: a cut
 * closes the connection before the response, a malformed frame becomes a truncated, invalid JSON body, and an
 * in-stream exception becomes the matching HTTP error.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Fault {

    /**
     * An HTTP error response: the status, {@code x-amzn-ErrorType} and a {@code {"message": ...}} body.
     *
     * @param status the HTTP status
     * @param errorType the error code, such as {@code ThrottlingException}
     * @param message the error message
     */
    record ErrorResponse(int status, String errorType, String message) implements Fault {
        /**
         * Validates the components.
         *
         * @param status the HTTP status
         * @param errorType the error code
         * @param message the error message
         */
        public ErrorResponse {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP error status (400-599), was " + status);
            }
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The call is answered normally, after a delay.
     *
     * @param delay the added latency
     */
    record Latency(Duration delay) implements Fault {
        /**
         * Validates the delay.
         *
         * @param delay the added latency
         */
        public Latency {
            if (Objects.requireNonNull(delay, "delay").isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
        }
    }

    /**
     * The connection is closed after some events of a stream, without ending the stream.
     *
     * @param afterEvents how many events are sent first
     */
    record CutStream(int afterEvents) implements Fault {
        /**
         * Validates the count.
         *
         * @param afterEvents how many events are sent first
         */
        public CutStream {
            requireCount(afterEvents);
        }
    }

    /**
     * After some events, a frame whose CRC does not match is sent, then the connection is closed.
     *
     * @param afterEvents how many good events are sent first
     */
    record MalformedFrame(int afterEvents) implements Fault {
        /**
         * Validates the count.
         *
         * @param afterEvents how many good events are sent first
         */
        public MalformedFrame {
            requireCount(afterEvents);
        }
    }

    /** The connection is reset (TCP RST) as soon as the request arrives. */
    record ConnectionReset() implements Fault {
    }

    /**
     * Throttles calls above a rate, like an account quota: a token bucket refilled at {@code perSecond}
     * holding at most {@code burst} calls; a call that finds it empty gets a 429 ThrottlingException.
     * Set it as a standing fault ({@code fault(...)}) so it applies to every call.
     *
     * @param perSecond calls allowed per second
     * @param burst the most calls allowed at once after a quiet period
     */
    record RateLimit(double perSecond, int burst) implements Fault {
        /**
         * Validates the rate.
         *
         * @param perSecond calls per second
         * @param burst the bucket size
         */
        public RateLimit {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("perSecond must be positive, was " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            }
        }
    }

    /**
     * Sends a stream's events one at a time with a pause between them, like a model generating slowly.
     * The server stops as soon as the client abandons the stream and counts it in
     * {@link LocalBedrockServer#abandonedStreams()}.
     *
     * @param between the pause before each event
     */
    record Paced(Duration between) implements Fault {
        /**
         * Validates the pause.
         *
         * @param between the pause before each event
         */
        public Paced {
            if (Objects.requireNonNull(between, "between").isNegative()) {
                throw new IllegalArgumentException("between must not be negative, was " + between);
            }
        }
    }

    /**
     * After some events, a modeled exception arrives in the stream and ends it.
     *
     * @param afterEvents how many events are sent first
     * @param exceptionType the lowerCamel exception member name, such as {@code throttlingException}
     * @param message the exception's message
     */
    record InStreamException(int afterEvents, String exceptionType, String message) implements Fault {
        /**
         * Validates the components.
         *
         * @param afterEvents how many events are sent first
         * @param exceptionType the exception member name
         * @param message the message
         */
        public InStreamException {
            requireCount(afterEvents);
            Objects.requireNonNull(exceptionType, "exceptionType");
            Objects.requireNonNull(message, "message");
            if (!Character.isLowerCase(exceptionType.charAt(0))) {
                throw new IllegalArgumentException("exceptionType must be the lowerCamel member name, such as "
                        + "\"throttlingException\"; the SDK does not recognise \"" + exceptionType + "\" in a stream");
            }
        }
    }

    private static void requireCount(int afterEvents) {
        if (afterEvents < 0) {
            throw new IllegalArgumentException("afterEvents must be >= 0, was " + afterEvents);
        }
    }

    /**
     * HTTP 429 {@code ThrottlingException}; the SDK retries it.
     *
     * @return the fault
     */
    static Fault throttling() {
        return new ErrorResponse(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    /**
     * HTTP 500 {@code InternalServerException}; the SDK retries it.
     *
     * @return the fault
     */
    static Fault internalError() {
        return new ErrorResponse(500, "InternalServerException", "An internal server error occurred. Retry your request.");
    }

    /**
     * HTTP 503 {@code ServiceUnavailableException}; the SDK retries it.
     *
     * @return the fault
     */
    static Fault serviceUnavailable() {
        return new ErrorResponse(503, "ServiceUnavailableException", "The service is temporarily unavailable.");
    }

    /**
     * Any HTTP error, such as {@code error(400, "ValidationException", "...")},
     * {@code error(403, "AccessDeniedException", "...")} or {@code error(408, "ModelTimeoutException", "...")}.
     *
     * @param status the HTTP status, 400 to 599
     * @param errorType the error code the SDK maps to its exception class
     * @param message the message
     * @return the fault
     */
    static Fault error(int status, String errorType, String message) {
        return new ErrorResponse(status, errorType, message);
    }

    /**
     * Answers normally after a delay.
     *
     * @param delay the added latency
     * @return the fault
     */
    static Fault latency(Duration delay) {
        return new Latency(delay);
    }

    /**
     * Closes the connection after some events of a stream.
     *
     * @param afterEvents how many events are sent first
     * @return the fault
     */
    static Fault cutStreamAfter(int afterEvents) {
        return new CutStream(afterEvents);
    }

    /**
     * Sends a frame with a bad CRC after some events of a stream.
     *
     * @param afterEvents how many good events are sent first
     * @return the fault
     */
    static Fault malformedFrameAfter(int afterEvents) {
        return new MalformedFrame(afterEvents);
    }

    /**
     * Resets the connection when the request arrives.
     *
     * @return the fault
     */
    static Fault connectionReset() {
        return new ConnectionReset();
    }

    /**
     * Throttles calls above a rate, with a burst of one second's worth.
     *
     * <pre>{@code
     * server.anyModel().fault(Fault.rateLimit(50)); // 50 calls a second, then 429s
     * }</pre>
     *
     * @param perSecond calls allowed per second
     * @return the fault
     */
    static Fault rateLimit(double perSecond) {
        return new RateLimit(perSecond, Math.max(1, (int) Math.ceil(perSecond)));
    }

    /**
     * A stream whose events come one at a time with a pause between them.
     *
     * <pre>{@code
     * server.model(MODEL).reply(longAnswer).fault(Fault.paced(Duration.ofMillis(20)));
     * }</pre>
     *
     * @param between the pause before each event
     * @return the fault
     */
    static Fault paced(Duration between) {
        return new Paced(between);
    }

    /**
     * Ends a stream with a modeled exception after some events, such as
     * {@code inStreamException("throttlingException", 2)} (the SDK retries the whole call) or
     * {@code inStreamException("modelStreamErrorException", 2)} (not retried).
     *
     * @param exceptionType the lowerCamel exception member name
     * @param afterEvents how many events are sent first
     * @return the fault
     */
    static Fault inStreamException(String exceptionType, int afterEvents) {
        return new InStreamException(afterEvents, exceptionType, "The local server ended the stream with " + exceptionType + ".");
    }
}
