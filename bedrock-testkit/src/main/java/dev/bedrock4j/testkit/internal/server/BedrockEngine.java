package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.RecordedRequest;
import dev.bedrock4j.testkit.WireEvent;
import dev.bedrock4j.testkit.internal.server.validation.RequestChecks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Bedrock service behind the local server, independent of HTTP: routes a request to its operation,
 * records it, applies the scripted faults and answers from the scripts, knowledge bases and agents.
 * Thread-safe.
 */
public final class BedrockEngine {
    private final Map<String, Script<ModelReply>> models = new ConcurrentHashMap<>();
    private final Script<ModelReply> anyModel = new Script<>();
    private final Script<Void> serverFaults = new Script<>();
    private final Map<String, KnowledgeBaseState> knowledgeBases = new ConcurrentHashMap<>();
    private final Map<String, Script<AgentReply>> agents = new ConcurrentHashMap<>();
    private final Map<String, GuardrailState> guardrails = new ConcurrentHashMap<>();
    /** The most recent requests, within {@link #maxRecorded} and {@link #maxRecordedBytes}; guarded by this. */
    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
    /** Every request since the last clear, by operation, the forgotten ones included; guarded by this. */
    private final Map<BedrockOperation, Integer> counts = new EnumMap<>(BedrockOperation.class);
    private int maxRecorded;
    private long maxRecordedBytes;
    private long recordedBytes;
    private final AtomicInteger sequence = new AtomicInteger();
    /** Whether the server answers what Bedrock would refuse; see {@link #lenient(boolean)}. */
    private volatile boolean lenient;
    /** Whether the test scripted every model since the last reset, so any model id answers. */
    private volatile boolean anyModelScripted;
    private final ModelOperations modelOperations = new ModelOperations(this);
    private final AgentOperations agentOperations = new AgentOperations(this);
    private final GuardrailOperations guardrailOperations = new GuardrailOperations(this);

    /** A request as it arrived: method, raw URI, headers with lower-case names, body, HTTP version. */
    record Incoming(String method, String uri, Map<String, List<String>> headers, byte[] body, String httpVersion) {
    }

    /** The script of one model id, created on first use. */
    public Script<ModelReply> model(String modelId) {
        return models.computeIfAbsent(modelId, id -> new Script<>());
    }

    /** The script every model falls back to; a test that asks for it declares that any model id answers. */
    public Script<ModelReply> anyModel() {
        anyModelScripted = true;
        return anyModel;
    }

    /** Makes the server answer what Bedrock would refuse (unknown model ids, invalid requests), or not. */
    public void lenient(boolean lenient) {
        this.lenient = lenient;
    }

    /** Whether the server is lenient. */
    public boolean lenient() {
        return lenient;
    }

    /** Faults for calls of any operation. */
    public Script<Void> serverFaults() {
        return serverFaults;
    }

    /** The knowledge base with this id, created on first use. */
    public KnowledgeBaseState knowledgeBase(String id) {
        return knowledgeBases.computeIfAbsent(id, KnowledgeBaseState::new);
    }

    /** The script of an agent alias, created on first use; unknown agents answer 404. */
    public Script<AgentReply> agent(String agentId, String agentAliasId) {
        return agents.computeIfAbsent(agentId + '/' + agentAliasId, key -> new Script<>());
    }

    /** A guardrail version, created with the default policies on first use; unknown ones answer 404. */
    public GuardrailState guardrail(String guardrailId, String version) {
        return guardrails.computeIfAbsent(guardrailId + ':' + version, key -> new GuardrailState(guardrailId, version));
    }

    GuardrailState existingGuardrail(String guardrailId, String version) {
        return guardrails.get(guardrailId + ':' + version);
    }

    ModelOperations modelOperations() {
        return modelOperations;
    }

    KnowledgeBaseState existingKnowledgeBase(String id) {
        return knowledgeBases.get(id);
    }

    Script<AgentReply> existingAgent(String agentId, String agentAliasId) {
        return agents.get(agentId + '/' + agentAliasId);
    }

    /** The reply scripted for a model id, else for any model; {@code null} when nothing is scripted. */
    ModelReply nextReply(String modelId) {
        ModelReply reply = ownReply(modelId);
        return reply != null ? reply : anyModel.nextReply();
    }

    /** Whether a test scripted this very model id (with {@code server.model(id)}). */
    boolean scripted(String modelId) {
        return models.containsKey(modelId);
    }

    /** The next reply scripted for this model id itself, ignoring {@code anyModel()}; {@code null} when none. */
    ModelReply ownReply(String modelId) {
        Script<ModelReply> script = models.get(modelId);
        return script == null ? null : script.nextReply();
    }

    /** An engine that keeps at most {@code maxRecorded} requests and {@code maxRecordedBytes} of their bodies. */
    public BedrockEngine(int maxRecorded, long maxRecordedBytes) {
        limitRecorded(maxRecorded, maxRecordedBytes);
    }

    /** The most recent requests kept, in arrival order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** How many requests arrived since the last clear, those no longer kept included. */
    public synchronized int requestCount() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many requests of one operation arrived since the last clear, those no longer kept included. */
    public synchronized int requestCount(BedrockOperation operation) {
        return counts.getOrDefault(operation, 0);
    }

    /** Keeps at most this many requests and bytes of their bodies from now on, forgetting the oldest. */
    public synchronized void limitRecorded(int requests, long bodyBytes) {
        this.maxRecorded = requests;
        this.maxRecordedBytes = bodyBytes;
        trim();
    }

    /** Forgets the recorded requests and their counts. */
    public synchronized void clearRequests() {
        recorded.clear();
        counts.clear();
        recordedBytes = 0;
    }

    private synchronized void record(RecordedRequest request) {
        counts.merge(request.operation(), 1, Integer::sum);
        recorded.addLast(request);
        recordedBytes += request.bodySize();
        trim();
    }

    /** Drops the oldest requests over the limits, always keeping the most recent one. */
    private void trim() {
        while (recorded.size() > 1 && (recorded.size() > maxRecorded || recordedBytes > maxRecordedBytes)) {
            recordedBytes -= recorded.removeFirst().bodySize();
        }
    }

    /** Forgets every script, fault, knowledge base, agent, guardrail and recorded request. */
    public synchronized void reset() {
        models.clear();
        anyModel.reset();
        anyModelScripted = false;
        lenient = false;
        serverFaults.reset();
        knowledgeBases.clear();
        agents.clear();
        guardrails.clear();
        buckets.clear();
        clearRequests();
    }

    /**
     * Handles one request.
     *
     * @param request the request
     * @return what to send
     */
    Answer handle(Incoming request) {
        Route route = Route.parse(request.method(), request.uri());
        RecordedRequest record = new RecordedRequest(sequence.incrementAndGet(), route.operation(), request.method(),
                request.uri(), route.parameters(), request.headers(), request.body(), request.httpVersion());
        record(record);
        Answer answer;
        try {
            answer = answer(route, request.body());
        } catch (AnswerException e) {
            answer = e.answer();
        } catch (Throwable e) {
            // an Error too (a NoSuchMethodError from mismatched jars): the client gets a 500, never an empty reply
            return Failures.answer(route.operation().apiName() + " " + request.method() + " " + request.uri(), e);
        }
        return answer.withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    private Answer answer(Route route, byte[] body) {
        if (route.operation() == BedrockOperation.UNKNOWN) {
            return Answer.error(404, "UnknownOperationException", "The local Bedrock server does not serve this request.");
        }
        // Bedrock validates the input's shape, then resolves the model, then runs the operation
        JsonNode json = parse(body, route.operation());
        boolean strict = !lenient;
        Optional<RequestChecks.Refusal> refused = strict ? RequestChecks.shape(route.operation(), route.parameters(), json)
                : Optional.empty();
        String modelId = route.parameter("modelId");
        if (refused.isEmpty() && modelId != null) {
            refused = RequestChecks.modelId(modelId, new RequestChecks.Served(models.containsKey(modelId), anyModelScripted,
                    lenient));
        }
        if (refused.isPresent()) {
            return Answer.error(refused.get().status(), refused.get().errorType(), refused.get().message());
        }
        Fault fault = fault(route);
        if (fault instanceof Fault.RateLimit limit) {
            if (!bucket(limit).tryTake()) {
                Fault.ErrorResponse throttled = (Fault.ErrorResponse) Fault.throttling();
                return Answer.error(throttled.status(), throttled.errorType(), throttled.message());
            }
            fault = null;
        }
        if (fault instanceof Fault.ErrorResponse error) {
            return Answer.error(error.status(), error.errorType(), error.message());
        }
        if (fault instanceof Fault.InStreamException e && !route.operation().streaming()) {
            return Answer.error(InStreamErrors.status(e.exceptionType()), InStreamErrors.errorCode(e.exceptionType()),
                    e.message());
        }
        if (strict) {
            refused = RequestChecks.content(route.operation(), modelId, json);
            if (refused.isPresent()) {
                return Answer.error(refused.get().status(), refused.get().errorType(), refused.get().message());
            }
        }
        Answer answer = switch (route.operation()) {
            case CONVERSE -> modelOperations.converse(route.parameter("modelId"), json);
            case CONVERSE_STREAM -> modelOperations.converseStream(route.parameter("modelId"), json);
            case INVOKE_MODEL -> modelOperations.invokeModel(route.parameter("modelId"), json);
            case INVOKE_MODEL_WITH_RESPONSE_STREAM -> modelOperations.invokeModelWithResponseStream(route.parameter("modelId"), json);
            case COUNT_TOKENS -> modelOperations.countTokens(route.parameter("modelId"), json);
            case APPLY_GUARDRAIL -> guardrailOperations.applyGuardrail(route.parameter("guardrailIdentifier"),
                    route.parameter("guardrailVersion"), json);
            case RETRIEVE -> agentOperations.retrieve(route.parameter("knowledgeBaseId"), json);
            case RERANK -> agentOperations.rerank(json);
            case RETRIEVE_AND_GENERATE -> agentOperations.retrieveAndGenerate(json);
            case RETRIEVE_AND_GENERATE_STREAM -> agentOperations.retrieveAndGenerateStream(json);
            case INVOKE_AGENT -> agentOperations.invokeAgent(route.parameter("agentId"), route.parameter("agentAliasId"),
                    route.parameter("sessionId"), json);
            case UNKNOWN -> throw new IllegalStateException("unreachable");
        };
        if (fault instanceof Fault.InStreamException e && answer.streaming()) {
            List<WireEvent> events = new ArrayList<>(answer.events().subList(0, Math.min(e.afterEvents(), answer.events().size())));
            events.add(WireEvent.exception(e.exceptionType(), e.message()));
            return new Answer(answer.status(), answer.headers(), answer.body(), events, null);
        }
        return fault == null ? answer : answer.withFault(fault);
    }

    private final java.util.Map<Fault.RateLimit, TokenBucket> buckets = new java.util.IdentityHashMap<>();

    private synchronized TokenBucket bucket(Fault.RateLimit limit) {
        return buckets.computeIfAbsent(limit, TokenBucket::new);
    }

    /** The state of one rate-limit fault: tokens refill continuously up to the burst. */
    private static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(Fault.RateLimit limit) {
            this.perNano = limit.perSecond() / 1e9;
            this.capacity = limit.burst();
            this.tokens = capacity;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private Fault fault(Route route) {
        Fault fault = serverFaults.nextFault();
        if (fault != null) {
            return fault;
        }
        String modelId = route.parameter("modelId");
        if (modelId != null) {
            Script<ModelReply> script = models.get(modelId);
            fault = script == null ? null : script.nextFault();
            return fault != null ? fault : anyModel.nextFault();
        }
        if (route.operation() == BedrockOperation.APPLY_GUARDRAIL) {
            GuardrailState guardrail = existingGuardrail(GuardrailOperations.guardrailId(route.parameter("guardrailIdentifier")),
                    route.parameter("guardrailVersion"));
            return guardrail == null ? null : guardrail.script().nextFault();
        }
        if (route.operation() == BedrockOperation.INVOKE_AGENT) {
            Script<AgentReply> agent = existingAgent(route.parameter("agentId"), route.parameter("agentAliasId"));
            return agent == null ? null : agent.nextFault();
        }
        return null;
    }

    private static JsonNode parse(byte[] body, BedrockOperation operation) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JsonSupport.parse(body);
        } catch (RuntimeException e) {
            throw AnswerException.invalid("The " + operation.apiName() + " request body is not valid JSON: " + e.getMessage());
        }
    }
}
