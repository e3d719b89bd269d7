package dev.bedrock4j.testkit;

import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.testkit.internal.AgentEvents;
import dev.bedrock4j.testkit.internal.RagEvents;
import dev.bedrock4j.testkit.internal.ScriptedStream;
import dev.bedrock4j.testkit.internal.SdkErrors;
import dev.bedrock4j.testkit.internal.SdkEvents;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseStream;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseOutput;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A fake of the AWS SDK's {@link BedrockAgentRuntimeAsyncClient}: {@code retrieve},
 * {@code retrieveAndGenerate}, {@code retrieveAndGenerateStream} and {@code invokeAgent}, recording every
 * request and answering from a script; streams are delivered to the caller's SDK response handler as the
 * SDK does.
 *
 * <pre>{@code
 * FakeBedrockAgentRuntimeAsyncClient sdk = FakeBedrockAgentRuntimeAsyncClient.create();
 * sdk.enqueueAgentReply(AgentReply.returnControl("orders", "getOrder", Map.of("orderId", "42")));
 * sdk.enqueueAgentReply(AgentReply.text("Order 42 ships tomorrow."));
 *
 * sdk.invokeAgent(request, InvokeAgentResponseHandler.builder()
 *         .subscriber(InvokeAgentResponseHandler.Visitor.builder().onChunk(c -> print(c.bytes().asUtf8String())).build())
 *         .build()).join();
 * }</pre>
 *
 * <p>Scripted entries are used in order by whichever operation comes next: a {@link RetrieveResponse}
 * answers {@code retrieve}, a {@link RetrieveAndGenerateResponse} answers {@code retrieveAndGenerate} and
 * {@code retrieveAndGenerateStream} (split into events), an {@link AgentReply} answers {@code invokeAgent},
 * an event list from {@link #enqueueStream(WireEvent...)} answers either stream, and a
 * {@link RuntimeException} fails the call. With no script left, the responders answer; with none, the call
 * fails naming the request.
 *
 * <p>Thread-safe: the script and the record are synchronized.
 */
public final class FakeBedrockAgentRuntimeAsyncClient extends FakeSdkClient implements BedrockAgentRuntimeAsyncClient {
    private static final Map<String, Supplier<? extends SdkBuilder<?, ?>>> AGENT_EVENTS = Map.of(
            "chunk", ResponseStream::chunkBuilder,
            "trace", ResponseStream::traceBuilder,
            "returnControl", ResponseStream::returnControlBuilder,
            "files", ResponseStream::filesBuilder);
    private static final Map<String, Supplier<? extends SdkBuilder<?, ?>>> RAG_EVENTS = Map.of(
            "output", RetrieveAndGenerateStreamResponseOutput::outputBuilder,
            "citation", RetrieveAndGenerateStreamResponseOutput::citationBuilder,
            "guardrail", RetrieveAndGenerateStreamResponseOutput::guardrailBuilder);

    private final AtomicInteger invocations = new AtomicInteger();
    private volatile Function<RetrieveRequest, RetrieveResponse> retrieveResponder;
    private volatile Function<RetrieveAndGenerateRequest, RetrieveAndGenerateResponse> generateResponder;
    private volatile Function<InvokeAgentRequest, AgentReply> agentResponder;

    private FakeBedrockAgentRuntimeAsyncClient() {
        super("FakeBedrockAgentRuntimeAsyncClient");
    }

    /**
     * A fake with an empty script.
     *
     * @return the fake
     */
    public static FakeBedrockAgentRuntimeAsyncClient create() {
        return new FakeBedrockAgentRuntimeAsyncClient();
    }

    /**
     * Scripts an SDK response or exception for the next call.
     *
     * @param responseOrException a {@link RetrieveResponse}, {@link RetrieveAndGenerateResponse} or
     *                            {@link RuntimeException}
     * @return this
     */
    public FakeBedrockAgentRuntimeAsyncClient enqueue(Object responseOrException) {
        script.enqueueResponse(responseOrException);
        return this;
    }

    /**
     * Scripts the agent's answer to the next {@code invokeAgent} call.
     *
     * @param reply the reply; a {@link AgentReply.Dynamic} reply receives the request's JSON body
     * @return this
     */
    public FakeBedrockAgentRuntimeAsyncClient enqueueAgentReply(AgentReply reply) {
        script.enqueue(Objects.requireNonNull(reply, "reply"));
        return this;
    }

    /**
     * Scripts the events of the next stream, in order; an exception event ends the stream with the SDK's
     * modeled exception.
     *
     * @param events InvokeAgent events ({@code chunk}, {@code trace}, {@code returnControl}, {@code files})
     *               or RetrieveAndGenerateStream events ({@code output}, {@code citation}, {@code guardrail})
     * @return this
     */
    public FakeBedrockAgentRuntimeAsyncClient enqueueStream(WireEvent... events) {
        script.enqueue(new ScriptedStream(List.of(events)));
        return this;
    }

    /**
     * Answers Retrieve calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockAgentRuntimeAsyncClient onRetrieve(Function<RetrieveRequest, RetrieveResponse> responder) {
        this.retrieveResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers RetrieveAndGenerate and RetrieveAndGenerateStream calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockAgentRuntimeAsyncClient onRetrieveAndGenerate(
            Function<RetrieveAndGenerateRequest, RetrieveAndGenerateResponse> responder) {
        this.generateResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers InvokeAgent calls the script does not cover.
     *
     * @param responder computes the agent's reply
     * @return this
     */
    public FakeBedrockAgentRuntimeAsyncClient onInvokeAgent(Function<InvokeAgentRequest, AgentReply> responder) {
        this.agentResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    public CompletableFuture<RetrieveResponse> retrieve(RetrieveRequest request) {
        return future(() -> (RetrieveResponse) script.next(request, retrieveResponder, RetrieveResponse.class));
    }

    @Override
    public CompletableFuture<RetrieveAndGenerateResponse> retrieveAndGenerate(RetrieveAndGenerateRequest request) {
        return future(() -> (RetrieveAndGenerateResponse) script.next(request, generateResponder,
                RetrieveAndGenerateResponse.class));
    }

    @Override
    public CompletableFuture<Void> retrieveAndGenerateStream(RetrieveAndGenerateStreamRequest request,
                                                             RetrieveAndGenerateStreamResponseHandler handler) {
        Function<RetrieveAndGenerateStreamRequest, RetrieveAndGenerateResponse> responder = generateResponder == null ? null
                : r -> generateResponder.apply(SdkJson.fromJson(SdkJson.toJson(r), RetrieveAndGenerateRequest.builder()));
        Object entry;
        try {
            entry = script.next(request, responder, RetrieveAndGenerateResponse.class, ScriptedStream.class);
        } catch (RuntimeException e) {
            return SdkEvents.fail(handler, e);
        }
        RetrieveAndGenerateStreamResponse.Builder response = RetrieveAndGenerateStreamResponse.builder();
        List<WireEvent> events;
        if (entry instanceof ScriptedStream stream) {
            events = stream.events();
        } else {
            RetrieveAndGenerateResponse generated = (RetrieveAndGenerateResponse) entry;
            response.sessionId(generated.sessionId());
            events = RagEvents.of(SdkJson.toJson(generated));
        }
        SdkEvents.Converted<RetrieveAndGenerateStreamResponseOutput> converted = SdkEvents.convert(events, RAG_EVENTS,
                RetrieveAndGenerateStreamResponseOutput.class, SdkErrors.AGENT_RUNTIME);
        return SdkEvents.deliver(handler, response.build(), converted.events(), converted.failure());
    }

    @Override
    public CompletableFuture<Void> invokeAgent(InvokeAgentRequest request, InvokeAgentResponseHandler handler) {
        Object entry;
        try {
            entry = script.next(request, agentResponder, AgentReply.class, ScriptedStream.class);
        } catch (RuntimeException e) {
            return SdkEvents.fail(handler, e);
        }
        List<WireEvent> events;
        if (entry instanceof ScriptedStream stream) {
            events = stream.events();
        } else {
            AgentReply reply = (AgentReply) entry;
            while (reply instanceof AgentReply.Dynamic dynamic) {
                reply = dynamic.function().apply(SdkJson.toJson(request));
            }
            AgentEvents.Context context = new AgentEvents.Context(request.agentId(), request.agentAliasId(),
                    request.sessionId(), Boolean.TRUE.equals(request.enableTrace()));
            events = AgentEvents.of(reply, context, invocations.incrementAndGet());
        }
        SdkEvents.Converted<ResponseStream> converted = SdkEvents.convert(events, AGENT_EVENTS, ResponseStream.class,
                SdkErrors.AGENT_RUNTIME);
        InvokeAgentResponse response = InvokeAgentResponse.builder().contentType("application/json")
                .sessionId(request.sessionId()).memoryId(request.memoryId()).build();
        return SdkEvents.deliver(handler, response, converted.events(), converted.failure());
    }

    /**
     * The Retrieve requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<RetrieveRequest> retrieveRequests() {
        return script.requests(RetrieveRequest.class);
    }

    /**
     * The RetrieveAndGenerate requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<RetrieveAndGenerateRequest> retrieveAndGenerateRequests() {
        return script.requests(RetrieveAndGenerateRequest.class);
    }

    /**
     * The InvokeAgent requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<InvokeAgentRequest> invokeAgentRequests() {
        return script.requests(InvokeAgentRequest.class);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public BedrockAgentRuntimeServiceClientConfiguration serviceClientConfiguration() {
        return BedrockAgentRuntimeServiceClientConfiguration.builder().build();
    }

    @Override
    public void close() {
        script.close();
    }
}
