package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a Bedrock Agent on the {@link LocalBedrockServer} answers to one {@code InvokeAgent} call: text
 * (streamed as {@code chunk} events, optionally with citations), a return of control asking the caller
 * to run a function, an explicit event list, or a reply computed from the request.
 *
 * <pre>{@code
 * server.agent("AGENT1", "ALIAS1").enqueue(
 *         AgentReply.returnControl("orders", "getOrder", Map.of("orderId", "42")),
 *         AgentReply.text("Order 42 ships tomorrow.").citing("Orders ship in one day.", "s3://docs/shipping.txt"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (a {@link Dynamic} reply is as thread-safe as its function).
 */
public sealed interface AgentReply {

    /**
     * A text answer, streamed in {@code chunk} events; with references, one chunk carries the whole
     * text and an attribution citing them.
     *
     * @param text the answer
     * @param references the sources the answer cites
     */
    record Text(String text, List<Reference> references) implements AgentReply {
        /**
         * Validates and copies the components.
         *
         * @param text the answer
         * @param references the cited sources
         */
        public Text {
            Objects.requireNonNull(text, "text");
            references = List.copyOf(references);
        }

        /**
         * This answer, also citing a source stored in S3.
         *
         * @param sourceText the retrieved passage
         * @param s3Uri the source's location, such as {@code s3://bucket/key.txt}
         * @return a new reply
         */
        public Text citing(String sourceText, String s3Uri) {
            List<Reference> more = new ArrayList<>(references);
            more.add(new Reference(sourceText, s3Uri));
            return new Text(text, more);
        }
    }

    /**
     * A source an agent's answer cites.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param text the retrieved passage
     * @param s3Uri where it is stored
     */
    record Reference(String text, String s3Uri) {
        /**
         * Validates the components.
         *
         * @param text the passage
         * @param s3Uri the location
         */
        public Reference {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(s3Uri, "s3Uri");
        }
    }

    /**
     * A {@code returnControl} event asking the caller to run a function of an action group and send
     * the result back in {@code sessionState.returnControlInvocationResults}.
     *
     * @param actionGroup the action group
     * @param function the function name
     * @param parameters the function's arguments, all typed {@code string}
     */
    record ReturnControl(String actionGroup, String function, Map<String, String> parameters) implements AgentReply {
        /**
         * Validates and copies the components.
         *
         * @param actionGroup the action group
         * @param function the function name
         * @param parameters the arguments
         */
        public ReturnControl {
            Objects.requireNonNull(actionGroup, "actionGroup");
            Objects.requireNonNull(function, "function");
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * An explicit event list, sent as is, in order.
     *
     * @param events the events, such as {@code chunk}, {@code trace}, {@code returnControl} events
     */
    record Events(List<WireEvent> events) implements AgentReply {
        /**
         * Validates and copies the events.
         *
         * @param events the events
         */
        public Events {
            events = List.copyOf(events);
        }
    }

    /**
     * A reply computed from the {@code InvokeAgent} request body ({@code inputText}, {@code sessionState}, ...).
     *
     * @param function computes the reply; it runs on a server thread
     */
    record Dynamic(Function<JsonNode, AgentReply> function) implements AgentReply {
        /**
         * Validates the function.
         *
         * @param function the function
         */
        public Dynamic {
            Objects.requireNonNull(function, "function");
        }
    }

    /**
     * A text answer.
     *
     * @param text the answer
     * @return the reply; add sources with {@link Text#citing(String, String)}
     */
    static Text text(String text) {
        return new Text(text, List.of());
    }

    /**
     * A return of control for a function of an action group.
     *
     * @param actionGroup the action group
     * @param function the function name
     * @param parameters the function's arguments
     * @return the reply
     */
    static AgentReply returnControl(String actionGroup, String function, Map<String, String> parameters) {
        return new ReturnControl(actionGroup, function, parameters);
    }

    /**
     * An explicit event list.
     *
     * @param events the events, in order
     * @return the reply
     */
    static AgentReply events(WireEvent... events) {
        return new Events(List.of(events));
    }

    /**
     * A reply computed from each request.
     *
     * @param function computes the reply from the request body
     * @return the reply
     */
    static AgentReply respond(Function<JsonNode, AgentReply> function) {
        return new Dynamic(function);
    }
}
