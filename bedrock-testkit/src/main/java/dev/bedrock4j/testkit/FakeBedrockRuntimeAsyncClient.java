package dev.bedrock4j.testkit;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.testkit.internal.BedrockChecks;
import dev.bedrock4j.testkit.internal.ConverseEvents;
import dev.bedrock4j.testkit.internal.ScriptedStream;
import dev.bedrock4j.testkit.internal.SdkErrors;
import dev.bedrock4j.testkit.internal.SdkEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A fake of the AWS SDK's {@link BedrockRuntimeAsyncClient} that records every request and answers from a
 * script, including the event streams of {@code converseStream} and {@code invokeModelWithResponseStream},
 * which it delivers to the caller's SDK response handler as the SDK does.
 *
 * <pre>{@code
 * FakeBedrockRuntimeAsyncClient sdk = FakeBedrockRuntimeAsyncClient.create();
 * sdk.enqueueConverseText("Hello there!");                    // streamed as several text deltas
 * sdk.enqueueStream(WireEvent.messageStart(), WireEvent.exception("throttlingException", "Slow down"));
 *
 * Bedrock bedrock = Bedrock.builder().asyncRuntimeClient(sdk).build();
 * sdk.converseStream(request, ConverseStreamResponseHandler.builder()
 *         .subscriber(ConverseStreamResponseHandler.Visitor.builder().onContentBlockDelta(e -> print(e)).build())
 *         .build()).join();
 * }</pre>
 *
 * <p>As Bedrock does, the fake refuses with a {@code ValidationException} (HTTP 400) a malformed model id, an
 * id that is a likely typo of one the catalog knows, and Converse content Bedrock refuses; see
 * {@link FakeBedrockRuntimeClient}.
 *
 * <p>Scripted entries are used in order by whichever operation comes next: a {@link ConverseResponse} answers
 * {@code converse} and {@code converseStream} (split into events), an {@link InvokeModelResponse} answers
 * {@code invokeModel} and {@code invokeModelWithResponseStream} (one chunk), an event list from
 * {@link #enqueueStream(WireEvent...)} answers either stream, and a {@link RuntimeException} fails the
 * call. With no script left, the responders answer (the Converse responder also serves
 * {@code converseStream}); with none, the call fails naming the request.
 *
 * <p>Thread-safe: the script and the record are synchronized.
 */
public final class FakeBedrockRuntimeAsyncClient extends FakeSdkClient implements BedrockRuntimeAsyncClient {
    private static final Map<String, Supplier<? extends SdkBuilder<?, ?>>> CONVERSE_EVENTS = Map.of(
            "messageStart", ConverseStreamOutput::messageStartBuilder,
            "contentBlockStart", ConverseStreamOutput::contentBlockStartBuilder,
            "contentBlockDelta", ConverseStreamOutput::contentBlockDeltaBuilder,
            "contentBlockStop", ConverseStreamOutput::contentBlockStopBuilder,
            "messageStop", ConverseStreamOutput::messageStopBuilder,
            "metadata", ConverseStreamOutput::metadataBuilder);
    private static final Map<String, Supplier<? extends SdkBuilder<?, ?>>> INVOKE_EVENTS =
            Map.of("chunk", ResponseStream::chunkBuilder);

    private volatile Function<ConverseRequest, ConverseResponse> converseResponder;
    private volatile Function<InvokeModelRequest, InvokeModelResponse> invokeResponder;

    private FakeBedrockRuntimeAsyncClient() {
        super("FakeBedrockRuntimeAsyncClient");
    }

    /**
     * A fake with an empty script.
     *
     * @return the fake
     */
    public static FakeBedrockRuntimeAsyncClient create() {
        return new FakeBedrockRuntimeAsyncClient();
    }

    /**
     * Scripts an SDK response or exception for the next call.
     *
     * @param responseOrException a {@link ConverseResponse}, {@link InvokeModelResponse} or {@link RuntimeException}
     * @return this
     */
    public FakeBedrockRuntimeAsyncClient enqueue(Object responseOrException) {
        script.enqueueResponse(responseOrException);
        return this;
    }

    /**
     * Scripts a Converse text answer (streamed as several deltas by {@code converseStream}).
     *
     * @param text the answer
     * @return this
     */
    public FakeBedrockRuntimeAsyncClient enqueueConverseText(String text) {
        return enqueue(FakeBedrockRuntimeClient.converseText(text));
    }

    /**
     * Scripts an InvokeModel answer with a JSON body.
     *
     * @param json the model's native answer
     * @return this
     */
    public FakeBedrockRuntimeAsyncClient enqueueInvokeJson(String json) {
        return enqueue(InvokeModelResponse.builder().contentType("application/json")
                .body(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
    }

    /**
     * Scripts the events of the next stream, in order; an exception event ends the stream with the SDK's
     * modeled exception.
     *
     * @param events ConverseStream events, or {@code chunk} events for InvokeModelWithResponseStream
     * @return this
     */
    public FakeBedrockRuntimeAsyncClient enqueueStream(WireEvent... events) {
        script.enqueue(new ScriptedStream(List.of(events)));
        return this;
    }

    /**
     * Answers Converse and ConverseStream calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockRuntimeAsyncClient onConverse(Function<ConverseRequest, ConverseResponse> responder) {
        this.converseResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers InvokeModel and InvokeModelWithResponseStream calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockRuntimeAsyncClient onInvokeModel(Function<InvokeModelRequest, InvokeModelResponse> responder) {
        this.invokeResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    public CompletableFuture<ConverseResponse> converse(ConverseRequest request) {
        return future(() -> {
            checkAsBedrock(request);
            return (ConverseResponse) script.next(request, converseResponder, ConverseResponse.class);
        });
    }

    @Override
    public CompletableFuture<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
        return future(() -> {
            checkAsBedrock(request);
            return (InvokeModelResponse) script.next(request, invokeResponder, InvokeModelResponse.class);
        });
    }

    // The SDK sends no request without a model id; Bedrock refuses malformed and mistyped ids, and content it
    // cannot take, before any model runs.
    private void checkAsBedrock(SdkRequest request) {
        if (script.closed()) {
            return; // a closed client fails first, as script.next says
        }
        Optional<SdkClientException> unsent = BedrockChecks.sdkClientRejection(request);
        if (unsent.isPresent()) {
            throw unsent.get();
        }
        Optional<AwsServiceException> rejection = BedrockChecks.sdkRejection(request);
        if (rejection.isPresent()) {
            throw script.reject(request, rejection.get());
        }
    }

    @Override
    public CompletableFuture<Void> converseStream(ConverseStreamRequest request, ConverseStreamResponseHandler handler) {
        Function<ConverseStreamRequest, ConverseResponse> responder = converseResponder == null ? null
                : r -> converseResponder.apply(SdkJson.fromJson(SdkJson.toJson(r), ConverseRequest.builder().modelId(r.modelId())));
        Object entry;
        try {
            checkAsBedrock(request);
            entry = script.next(request, responder, ConverseResponse.class, ScriptedStream.class);
        } catch (RuntimeException e) {
            return SdkEvents.fail(handler, e);
        }
        List<WireEvent> events = entry instanceof ScriptedStream stream ? stream.events()
                : ConverseEvents.of(chatResponse((ConverseResponse) entry));
        SdkEvents.Converted<ConverseStreamOutput> converted = SdkEvents.convert(events, CONVERSE_EVENTS,
                ConverseStreamOutput.class, SdkErrors.RUNTIME);
        return SdkEvents.deliver(handler, ConverseStreamResponse.builder().build(), converted.events(), converted.failure());
    }

    @Override
    public CompletableFuture<Void> invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest request,
                                                                 InvokeModelWithResponseStreamResponseHandler handler) {
        Function<InvokeModelWithResponseStreamRequest, InvokeModelResponse> responder = invokeResponder == null ? null
                : r -> invokeResponder.apply(InvokeModelRequest.builder().modelId(r.modelId()).body(r.body())
                        .contentType(r.contentType()).accept(r.accept()).build());
        Object entry;
        try {
            checkAsBedrock(request);
            entry = script.next(request, responder, InvokeModelResponse.class, ScriptedStream.class);
        } catch (RuntimeException e) {
            return SdkEvents.fail(handler, e);
        }
        List<WireEvent> events = entry instanceof ScriptedStream stream ? stream.events()
                : List.of(WireEvent.chunk(((InvokeModelResponse) entry).body().asUtf8String()));
        SdkEvents.Converted<ResponseStream> converted = SdkEvents.convert(events, INVOKE_EVENTS, ResponseStream.class,
                SdkErrors.RUNTIME);
        return SdkEvents.deliver(handler, InvokeModelWithResponseStreamResponse.builder().contentType("application/json").build(),
                converted.events(), converted.failure());
    }

    private static ChatResponse chatResponse(ConverseResponse response) {
        return ConverseCodec.parseResponse(SdkJson.toJson(response), null);
    }

    /**
     * The Converse requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<ConverseRequest> converseRequests() {
        return script.requests(ConverseRequest.class);
    }

    /**
     * The ConverseStream requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<ConverseStreamRequest> converseStreamRequests() {
        return script.requests(ConverseStreamRequest.class);
    }

    /**
     * The InvokeModel requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<InvokeModelRequest> invokeModelRequests() {
        return script.requests(InvokeModelRequest.class);
    }

    /**
     * The InvokeModelWithResponseStream requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<InvokeModelWithResponseStreamRequest> invokeModelWithResponseStreamRequests() {
        return script.requests(InvokeModelWithResponseStreamRequest.class);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public BedrockRuntimeServiceClientConfiguration serviceClientConfiguration() {
        return BedrockRuntimeServiceClientConfiguration.builder().build();
    }

    @Override
    public void close() {
        script.close();
    }
}
