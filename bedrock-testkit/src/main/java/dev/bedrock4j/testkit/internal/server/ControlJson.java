package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.RecordedRequest;
import dev.bedrock4j.testkit.WireEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The JSON forms of the {@link ControlApi}: scripts, replies, events, faults and documents read into the
 * testkit's own scripting types ({@link ModelReply}, {@link AgentReply}, {@link WireEvent}, {@link Fault}), so
 * that a script sent over HTTP behaves exactly as the same script set from Java; and recorded requests written
 * out. Reading is strict: an unknown field or a wrong type is refused with its path (such as
 * {@code replies[1].toolUse.name}) and what was expected. Thread-safe (stateless).
 */
final class ControlJson {
    private ControlJson() {
    }

    /** Ends a control request with HTTP 400 and a message naming the field and the fix. */
    static AnswerException invalid(String message) {
        return new AnswerException(Answer.json(400, Map.of(), JsonSupport.object().put("message", message)), message);
    }

    // ------------------------------------------------------------------ scripts

    /** A fault for the next {@code calls} calls. */
    record FaultNext(int calls, Fault fault) {
    }

    /**
     * A change to a script, every part optional: one-shot replies, a standing reply, one-shot faults, and a
     * standing fault ({@code "fault": null} removes it).
     */
    record ScriptUpdate<R>(List<R> replies, Optional<R> reply, List<FaultNext> faults, boolean setsFault, Fault fault) {
        /** Applies the change at once, as one step for calls in flight; {@code replace} forgets the script first. */
        void applyTo(Script<R> script, boolean replace) {
            synchronized (script) { // Script's methods lock the script itself: calls see the old or the new script
                if (replace) {
                    script.reset();
                }
                replies.forEach(script::enqueue);
                reply.ifPresent(script::reply);
                faults.forEach(next -> script.faultNext(next.calls(), next.fault()));
                if (setsFault) {
                    script.fault(fault);
                }
            }
        }
    }

    /** A model's script: {@code {"replies": [...], "reply": ..., "faults": [...], "fault": ...}}. */
    static ScriptUpdate<ModelReply> modelScript(JsonNode body) {
        return script(body, ControlJson::modelReply, true);
    }

    /** An agent's script: {@code {"replies": [...], "reply": ..., "faults": [...]}}. */
    static ScriptUpdate<AgentReply> agentScript(JsonNode body) {
        return script(body, ControlJson::agentReply, false);
    }

    private static <R> ScriptUpdate<R> script(JsonNode body, BiFunction<JsonNode, String, R> readReply,
                                              boolean standingFault) {
        object(body, "");
        Set<String> fields = standingFault ? Set.of("replies", "reply", "faults", "fault") : Set.of("replies", "reply", "faults");
        only(body, "", fields, standingFault ? "" : "; an agent takes one-shot faults only (\"faults\")");
        List<R> replies = new ArrayList<>();
        if (body.has("replies")) {
            JsonNode list = array(body.get("replies"), "replies");
            for (int i = 0; i < list.size(); i++) {
                replies.add(readReply.apply(list.get(i), "replies[" + i + "]"));
            }
        }
        Optional<R> reply = body.has("reply") ? Optional.of(readReply.apply(body.get("reply"), "reply")) : Optional.empty();
        List<FaultNext> faults = body.has("faults") ? faultList(body.get("faults"), "faults") : List.of();
        boolean setsFault = body.has("fault");
        Fault fault = setsFault && !body.get("fault").isNull() ? fault(body.get("fault"), "fault", false).fault() : null;
        return new ScriptUpdate<>(List.copyOf(replies), reply, faults, setsFault, fault);
    }

    /** One-shot faults: one fault object or an array of them, each with an optional {@code "calls"} (default 1). */
    static List<FaultNext> faultList(JsonNode node, String at) {
        List<FaultNext> faults = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                faults.add(fault(node.get(i), at + "[" + i + "]", true));
            }
        } else {
            faults.add(fault(node, at, true));
        }
        return List.copyOf(faults);
    }

    // ------------------------------------------------------------------ replies

    /**
     * A model's reply: {@code "text"}, {@code {"text": ...}}, {@code {"toolUse": {"name", "input", "toolUseId"?}}},
     * {@code {"converse": <Converse response body>}}, {@code {"rawBody": <native body>}} or
     * {@code {"events": [...]}}.
     */
    static ModelReply modelReply(JsonNode node, String at) {
        if (node.isTextual()) {
            return ModelReply.text(node.asText());
        }
        String kind = oneKey(node, at, "a model reply", "\"text\", \"toolUse\", \"converse\", \"rawBody\" or \"events\"");
        JsonNode value = node.get(kind);
        String here = join(at, kind);
        return switch (kind) {
            case "text" -> ModelReply.text(text(value, here));
            case "toolUse" -> {
                object(value, here);
                only(value, here, Set.of("name", "input", "toolUseId"), "");
                String name = text(required(value, "name", here), join(here, "name"));
                JsonNode input = value.has("input") ? object(value.get("input"), join(here, "input")) : JsonSupport.object();
                String id = value.has("toolUseId") ? text(value.get("toolUseId"), join(here, "toolUseId")) : "tooluse_" + name;
                yield ModelReply.toolUse(id, name, input);
            }
            case "converse" -> {
                object(value, here);
                try {
                    yield ModelReply.of(ConverseCodec.parseResponse(value, null));
                } catch (RuntimeException e) {
                    throw invalid(here + " is not a Converse response body ({\"output\": {\"message\": {\"role\":"
                            + " \"assistant\", \"content\": [...]}}, \"stopReason\": ..., \"usage\": ...}): " + e.getMessage());
                }
            }
            case "rawBody" -> new ModelReply.RawBody(value);
            case "events" -> ModelReply.events(events(value, here));
            default -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * An agent's reply: {@code "text"}, {@code {"text": ..., "citations": [{"text", "s3Uri"}]}},
     * {@code {"returnControl": {"actionGroup", "function", "parameters": {...}}}} or {@code {"events": [...]}}.
     */
    static AgentReply agentReply(JsonNode node, String at) {
        if (node.isTextual()) {
            return AgentReply.text(node.asText());
        }
        object(node, at);
        if (node.has("text")) {
            only(node, at, Set.of("text", "citations"), "");
            AgentReply.Text reply = AgentReply.text(text(node.get("text"), join(at, "text")));
            if (node.has("citations")) {
                JsonNode citations = array(node.get("citations"), join(at, "citations"));
                for (int i = 0; i < citations.size(); i++) {
                    String here = join(at, "citations") + "[" + i + "]";
                    JsonNode citation = object(citations.get(i), here);
                    only(citation, here, Set.of("text", "s3Uri"), "");
                    reply = reply.citing(text(required(citation, "text", here), join(here, "text")),
                            text(required(citation, "s3Uri", here), join(here, "s3Uri")));
                }
            }
            return reply;
        }
        String kind = oneKey(node, at, "an agent reply", "\"text\", \"returnControl\" or \"events\"");
        JsonNode value = node.get(kind);
        String here = join(at, kind);
        return switch (kind) {
            case "returnControl" -> {
                object(value, here);
                only(value, here, Set.of("actionGroup", "function", "parameters"), "");
                Map<String, String> parameters = new java.util.LinkedHashMap<>();
                if (value.has("parameters")) {
                    Iterator<Map.Entry<String, JsonNode>> fields = object(value.get("parameters"), join(here, "parameters")).fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        JsonNode v = field.getValue();
                        parameters.put(field.getKey(), v.isTextual() ? v.asText() : JsonSupport.write(v));
                    }
                }
                yield AgentReply.returnControl(text(required(value, "actionGroup", here), join(here, "actionGroup")),
                        text(required(value, "function", here), join(here, "function")), parameters);
            }
            case "events" -> new AgentReply.Events(events(value, here));
            default -> throw invalid(name(at) + ": \"" + kind + "\" is not an agent reply; use \"text\", \"returnControl\" or \"events\"");
        };
    }

    /**
     * Stream events: {@code {"event": "<:event-type>", "payload": {...}}},
     * {@code {"exception": "<lowerCamel member>", "message": ...}} or {@code {"chunk": <native JSON chunk>}}.
     */
    static List<WireEvent> events(JsonNode node, String at) {
        array(node, at);
        List<WireEvent> events = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String here = at + "[" + i + "]";
            JsonNode event = object(node.get(i), here);
            try {
                if (event.has("event")) {
                    only(event, here, Set.of("event", "payload"), "");
                    events.add(WireEvent.event(text(event.get("event"), join(here, "event")),
                            event.has("payload") ? object(event.get("payload"), join(here, "payload")) : JsonSupport.object()));
                } else if (event.has("exception")) {
                    only(event, here, Set.of("exception", "message"), "");
                    String type = text(event.get("exception"), join(here, "exception"));
                    events.add(WireEvent.exception(type, event.has("message") ? text(event.get("message"), join(here, "message"))
                            : "The local server ended the stream with " + type + "."));
                } else if (event.has("chunk")) {
                    only(event, here, Set.of("chunk"), "");
                    events.add(WireEvent.chunk(JsonSupport.write(event.get("chunk"))));
                } else {
                    throw invalid(here + " must have \"event\" (with \"payload\"), \"exception\" (with \"message\") or"
                            + " \"chunk\"");
                }
            } catch (IllegalArgumentException e) {
                throw invalid(here + ": " + e.getMessage());
            }
        }
        return List.copyOf(events);
    }

    // ------------------------------------------------------------------ faults

    /**
     * A fault: {@code {"type": ..., ...}}, the type being {@code throttling}, {@code internalError},
     * {@code serviceUnavailable}, {@code error}, {@code latency}, {@code cutStream}, {@code malformedFrame},
     * {@code connectionReset}, {@code rateLimit}, {@code paced} or {@code inStreamException}; with
     * {@code oneShot}, also {@code "calls"}.
     */
    static FaultNext fault(JsonNode node, String at, boolean oneShot) {
        object(node, at);
        String type = text(required(node, "type", at), join(at, "type"));
        int calls = 1;
        if (node.has("calls")) {
            if (!oneShot) {
                throw invalid(join(at, "calls") + ": a standing fault applies to every call; put it in \"faults\" to limit it");
            }
            calls = integer(node.get("calls"), join(at, "calls"));
            if (calls < 1) {
                throw invalid(join(at, "calls") + " must be at least 1, was " + calls);
            }
        }
        try {
            Fault fault = switch (type) {
                case "throttling" -> fields(node, at, Fault.throttling());
                case "internalError" -> fields(node, at, Fault.internalError());
                case "serviceUnavailable" -> fields(node, at, Fault.serviceUnavailable());
                case "connectionReset" -> fields(node, at, Fault.connectionReset());
                case "error" -> fields(node, at, Fault.error(integer(required(node, "status", at), join(at, "status")),
                        text(required(node, "errorType", at), join(at, "errorType")),
                        node.has("message") ? text(node.get("message"), join(at, "message"))
                                : "The local server injected " + node.get("errorType").asText() + "."),
                        "status", "errorType", "message");
                case "latency" -> fields(node, at, Fault.latency(millis(node, at)), "millis");
                case "paced" -> fields(node, at, Fault.paced(millis(node, at)), "millis");
                case "cutStream" -> fields(node, at, Fault.cutStreamAfter(afterEvents(node, at)), "afterEvents");
                case "malformedFrame" -> fields(node, at, Fault.malformedFrameAfter(afterEvents(node, at)), "afterEvents");
                case "rateLimit" -> {
                    double perSecond = number(required(node, "perSecond", at), join(at, "perSecond"));
                    yield fields(node, at, node.has("burst")
                            ? new Fault.RateLimit(perSecond, integer(node.get("burst"), join(at, "burst")))
                            : Fault.rateLimit(perSecond), "perSecond", "burst");
                }
                case "inStreamException" -> {
                    String exceptionType = text(required(node, "exceptionType", at), join(at, "exceptionType"));
                    if (exceptionType.isBlank()) {
                        throw invalid(join(at, "exceptionType") + " must name the exception, such as \"throttlingException\"");
                    }
                    yield fields(node, at, new Fault.InStreamException(afterEvents(node, at), exceptionType,
                            node.has("message") ? text(node.get("message"), join(at, "message"))
                                    : "The local server ended the stream with " + exceptionType + "."),
                            "exceptionType", "afterEvents", "message");
                }
                default -> throw invalid(join(at, "type") + ": unknown fault \"" + type + "\"; use throttling, internalError,"
                        + " serviceUnavailable, error, latency, cutStream, malformedFrame, connectionReset, rateLimit,"
                        + " paced or inStreamException");
            };
            return new FaultNext(calls, fault);
        } catch (IllegalArgumentException e) {
            throw invalid(name(at) + ": " + e.getMessage());
        }
    }

    /** Checks that a fault has no fields but {@code type}, {@code calls} and its own. */
    private static Fault fields(JsonNode node, String at, Fault fault, String... own) {
        Set<String> allowed = new java.util.HashSet<>(List.of(own));
        allowed.add("type");
        allowed.add("calls");
        only(node, at, allowed, "");
        return fault;
    }

    private static Duration millis(JsonNode node, String at) {
        return Duration.ofMillis(integer(required(node, "millis", at), join(at, "millis")));
    }

    private static int afterEvents(JsonNode node, String at) {
        return node.has("afterEvents") ? integer(node.get("afterEvents"), join(at, "afterEvents")) : 0;
    }

    // ------------------------------------------------------------------ knowledge bases

    /** One document of a knowledge base. */
    record Document(String id, String text, Map<String, Object> metadata) {
    }

    /** {@code {"documents": [{"id", "text", "metadata"?}]}}. */
    static List<Document> documents(JsonNode body) {
        object(body, "");
        only(body, "", Set.of("documents"), "");
        List<Document> documents = new ArrayList<>();
        if (!body.has("documents")) {
            return documents;
        }
        JsonNode list = array(body.get("documents"), "documents");
        for (int i = 0; i < list.size(); i++) {
            String here = "documents[" + i + "]";
            JsonNode document = object(list.get(i), here);
            only(document, here, Set.of("id", "text", "metadata"), "");
            Map<String, Object> metadata = Map.of();
            if (document.has("metadata")) {
                try {
                    metadata = JsonSupport.reader().forType(Map.class).readValue(object(document.get("metadata"), join(here, "metadata")));
                } catch (IOException e) {
                    throw invalid(join(here, "metadata") + ": " + e.getMessage());
                }
            }
            documents.add(new Document(text(required(document, "id", here), join(here, "id")),
                    text(required(document, "text", here), join(here, "text")), metadata));
        }
        return documents;
    }

    // ------------------------------------------------------------------ recorded requests

    /** A recorded request as JSON: its body inline (as JSON when it is JSON), credentials redacted as recorded. */
    static ObjectNode recorded(RecordedRequest request) {
        ObjectNode json = JsonSupport.object();
        json.put("sequence", request.sequence());
        json.put("operation", request.operation().apiName());
        json.put("method", request.method());
        json.put("path", request.path());
        json.set("pathParameters", JsonSupport.toTree(request.pathParameters()));
        json.put("httpVersion", request.httpVersion());
        json.put("attempt", request.attempt());
        json.set("headers", JsonSupport.toTree(request.headers()));
        JsonNode body = request.json();
        if (!body.isMissingNode()) {
            json.set("body", body);
        } else if (request.bodySize() > 0) {
            json.put("body", request.bodyText());
        }
        request.chatRequest().ifPresent(chat -> json.put("lastUserText", chat.lastUserText()));
        return json;
    }

    // ------------------------------------------------------------------ strict reading

    private static JsonNode object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw invalid(name(at) + " must be a JSON object, was " + describe(node));
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String at) {
        if (!node.isArray()) {
            throw invalid(name(at) + " must be a JSON array, was " + describe(node));
        }
        return node;
    }

    private static String text(JsonNode node, String at) {
        if (!node.isTextual()) {
            throw invalid(name(at) + " must be a string, was " + describe(node));
        }
        return node.asText();
    }

    private static int integer(JsonNode node, String at) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid(name(at) + " must be an integer, was " + describe(node));
        }
        return node.asInt();
    }

    private static double number(JsonNode node, String at) {
        if (!node.isNumber()) {
            throw invalid(name(at) + " must be a number, was " + describe(node));
        }
        return node.asDouble();
    }

    private static JsonNode required(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw invalid(join(at, field) + " is missing");
        }
        return value;
    }

    private static void only(JsonNode node, String at, Set<String> allowed, String note) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(join(at, name) + " is not a known field; expected "
                        + new java.util.TreeSet<>(allowed) + note);
            }
        }
    }

    private static String oneKey(JsonNode node, String at, String what, String expected) {
        if (!node.isObject() || node.size() != 1) {
            throw invalid(name(at) + " must be " + what + ": a string, or an object with one of " + expected + ", was "
                    + describe(node));
        }
        String kind = node.fieldNames().next();
        if (!expected.contains("\"" + kind + "\"")) {
            throw invalid(name(at) + ": \"" + kind + "\" is not " + what + "; use " + expected);
        }
        return kind;
    }

    /** The path of a field: {@code replies[1].toolUse} and {@code name} make {@code replies[1].toolUse.name}. */
    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    /** Where a value is, for a message that starts with it. */
    private static String name(String at) {
        return at.isEmpty() ? "the body" : at;
    }

    private static String describe(JsonNode node) {
        String text = JsonSupport.write(node);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
