package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control API of the local server: JSON over HTTP under {@value #PREFIX}, on the port that serves Bedrock,
 * so that a program in any language scripts the server as a Java test does (models, faults, knowledge bases,
 * agents, recorded requests, reset). It reads its JSON into the testkit's own scripting types and calls the
 * same code as {@code LocalBedrockServer}'s methods; the forms are documented in the testkit's README. Its
 * requests are not recorded. Thread-safe.
 */
public final class ControlApi {
    /** The path prefix; no Bedrock path starts with an underscore. */
    public static final String PREFIX = "/_emulator";
    private static final String DOCS = "https://github.com/bedrock4j/bedrock4j/blob/main/bedrock-testkit/README.md";
    private static final List<String> ENDPOINTS = List.of(
            "GET /_emulator/health",
            "POST /_emulator/reset",
            "GET|DELETE /_emulator/requests[?operation=Converse]",
            "PUT|POST|DELETE /_emulator/faults",
            "PUT|POST|DELETE /_emulator/models/{modelId}",
            "PUT|POST|DELETE /_emulator/any-model",
            "PUT|POST|DELETE /_emulator/knowledge-bases/{knowledgeBaseId}",
            "PUT|POST|DELETE /_emulator/agents/{agentId}/{agentAliasId}");

    private final BedrockEngine engine;
    private final Runnable clear;
    private final Runnable reset;

    /**
     * A control API over an engine.
     *
     * @param engine the engine it scripts
     * @param clear forgets the recorded requests, as {@code LocalBedrockServer.clear()} does
     * @param reset forgets everything, as {@code LocalBedrockServer.reset()} does
     */
    public ControlApi(BedrockEngine engine, Runnable clear, Runnable reset) {
        this.engine = engine;
        this.clear = clear;
        this.reset = reset;
    }

    /** Whether a request URI is for the control API. */
    static boolean serves(String uri) {
        String path = path(uri);
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Answers a control request; never throws. */
    Answer handle(BedrockEngine.Incoming request) {
        try {
            return route(request);
        } catch (AnswerException e) {
            return e.answer();
        } catch (Throwable e) {
            return Failures.answer("the control request " + request.method() + " " + path(request.uri()), e);
        }
    }

    private Answer route(BedrockEngine.Incoming request) {
        String method = request.method();
        String[] raw = path(request.uri()).substring(PREFIX.length()).split("/", -1);
        List<String> s = new ArrayList<>();
        for (String segment : Arrays.asList(raw).subList(Math.min(1, raw.length), raw.length)) {
            s.add(Route.decode(segment));
        }
        if (!s.isEmpty() && s.get(s.size() - 1).isEmpty()) {
            s.remove(s.size() - 1); // a trailing slash
        }
        String first = s.isEmpty() ? "" : s.get(0);
        switch (first) {
            case "" -> {
                allow(method, "GET");
                ObjectNode index = JsonSupport.object().put("service", "Bedrock4j local Bedrock server").put("docs", DOCS);
                ENDPOINTS.forEach(index.putArray("endpoints")::add);
                return Answer.json(index);
            }
            case "health" -> {
                allow(method, "GET");
                return Answer.json(JsonSupport.object().put("status", "ok"));
            }
            case "reset" -> {
                allow(method, "POST");
                reset.run();
                return done();
            }
            case "requests" -> {
                length(s, 1);
                return requests(method, request.uri());
            }
            case "faults" -> {
                length(s, 1);
                allow(method, "PUT", "POST", "DELETE");
                List<ControlJson.FaultNext> faults = method.equals("DELETE") ? List.of()
                        : ControlJson.faultList(body(request), "");
                new ControlJson.ScriptUpdate<Void>(List.of(), Optional.empty(), faults, false, null)
                        .applyTo(engine.serverFaults(), !method.equals("POST"));
                return done();
            }
            case "models" -> {
                length(s, 2);
                return modelScript(method, request, engine.model(nonBlank(s.get(1), "model id")));
            }
            case "any-model" -> {
                length(s, 1);
                return modelScript(method, request, engine.anyModel());
            }
            case "knowledge-bases" -> {
                length(s, 2);
                return knowledgeBase(method, request, engine.knowledgeBase(nonBlank(s.get(1), "knowledge base id")));
            }
            case "agents" -> {
                length(s, 3);
                allow(method, "PUT", "POST", "DELETE");
                Script<AgentReply> agent = engine.agent(nonBlank(s.get(1), "agent id"), nonBlank(s.get(2), "agent alias id"));
                ControlJson.ScriptUpdate<AgentReply> update = method.equals("DELETE")
                        ? ControlJson.agentScript(JsonSupport.object()) : ControlJson.agentScript(body(request));
                update.applyTo(agent, !method.equals("POST"));
                return done();
            }
            default -> throw notFound();
        }
    }

    private Answer modelScript(String method, BedrockEngine.Incoming request, Script<ModelReply> script) {
        allow(method, "PUT", "POST", "DELETE");
        ControlJson.ScriptUpdate<ModelReply> update = method.equals("DELETE")
                ? ControlJson.modelScript(JsonSupport.object()) : ControlJson.modelScript(body(request));
        update.applyTo(script, !method.equals("POST"));
        return done();
    }

    private Answer knowledgeBase(String method, BedrockEngine.Incoming request, KnowledgeBaseState kb) {
        allow(method, "PUT", "POST", "DELETE");
        List<ControlJson.Document> documents = method.equals("DELETE") ? List.of() : ControlJson.documents(body(request));
        synchronized (kb) { // the knowledge base's methods lock it: a search sees the old or the new documents
            if (!method.equals("POST")) {
                kb.clear();
            }
            documents.forEach(d -> kb.add(d.id(), d.text(), d.metadata()));
        }
        return done();
    }

    private Answer requests(String method, String uri) {
        allow(method, "GET", "DELETE");
        if (method.equals("DELETE")) {
            clear.run();
            return done();
        }
        BedrockOperation operation = null;
        String query = uri.indexOf('?') < 0 ? "" : uri.substring(uri.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Route.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : Route.decode(pair.substring(eq + 1));
            if (!name.equals("operation")) {
                throw ControlJson.invalid("unknown query parameter \"" + name + "\"; the only one is \"operation\"");
            }
            operation = operation(value);
        }
        ObjectNode answer = JsonSupport.object();
        ArrayNode list = JsonSupport.array();
        for (RecordedRequest recorded : engine.requests()) {
            if (operation == null || recorded.operation() == operation) {
                list.add(ControlJson.recorded(recorded));
            }
        }
        answer.put("count", operation == null ? engine.requestCount() : engine.requestCount(operation));
        answer.set("requests", list);
        return Answer.json(answer);
    }

    private static BedrockOperation operation(String name) {
        for (BedrockOperation operation : BedrockOperation.values()) {
            if (operation.apiName().equalsIgnoreCase(name) || operation.name().equalsIgnoreCase(name)) {
                return operation;
            }
        }
        throw ControlJson.invalid("unknown operation \"" + name + "\"; use one of "
                + Arrays.stream(BedrockOperation.values()).map(BedrockOperation::apiName).toList());
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode body(BedrockEngine.Incoming request) {
        if (request.body().length == 0) {
            return JsonSupport.object();
        }
        try {
            return JsonSupport.parse(request.body());
        } catch (RuntimeException e) {
            throw ControlJson.invalid("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static void allow(String method, String... methods) {
        if (!List.of(methods).contains(method)) {
            String allowed = String.join(", ", methods);
            String message = method + " is not supported here; use " + allowed;
            throw new AnswerException(Answer.json(405, Map.of("Allow", allowed),
                    JsonSupport.object().put("message", message)), message);
        }
    }

    private static void length(List<String> segments, int expected) {
        if (segments.size() != expected) {
            throw notFound();
        }
    }

    private static String nonBlank(String segment, String what) {
        if (segment.isBlank()) {
            throw ControlJson.invalid("the " + what + " in the path is empty");
        }
        return segment;
    }

    private static AnswerException notFound() {
        String message = "The local Bedrock server's control API has no such endpoint; GET " + PREFIX
                + " lists them (a model id or ARN with \"/\" in it is sent percent-encoded, as %2F)";
        return new AnswerException(Answer.json(404, Map.of(), JsonSupport.object().put("message", message)), message);
    }

    private static Answer done() {
        return new Answer(204, Map.of(), new byte[0], null, null);
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}

