package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.internal.stream.SdkChatStream;
import dev.bedrock4j.core.internal.tokens.CountTokensCounter;
import dev.bedrock4j.core.stream.ChatStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/** The {@link ChatModel} backed by Bedrock's Converse API through the AWS SDK. Thread-safe. */
public final class BedrockChatModel implements ChatModel {
    private final RuntimeClients clients;
    private final String modelId;
    private final ModelInfo info;
    private final Supplier<CountTokensCounter> counter;

    /**
     * Creates the model; {@code clients} supplies the SDK clients and per-call settings, {@code counter} the token
     * counter the context window check asks for exact counts.
     */
    public BedrockChatModel(RuntimeClients clients, String modelId, ModelInfo info, Supplier<CountTokensCounter> counter) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.info = Objects.requireNonNull(info, "info");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** What the catalog knows about this model. */
    public ModelInfo info() {
        return info;
    }

    @Override
    public ChatResponse call(ChatRequest request) {
        request.validateFor(info);
        ContextWindowCheck.check(request, modelId, info, counter);
        ConverseRequest sdkRequest = sdkRequest(request);
        long started = System.nanoTime();
        ConverseResponse sdkResponse;
        try {
            sdkResponse = clients.converse(sdkRequest);
        } catch (RuntimeException e) {
            throw clients.failure(e, modelId);
        }
        ChatResponse response = ConverseCodec.fromSdk(sdkResponse, modelId);
        if (response.latency().isZero()) {
            response = response.toBuilder().latency(Duration.ofNanos(System.nanoTime() - started)).build();
        }
        return response;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        request.validateFor(info);
        if (!info.supports(Capability.STREAMING)) {
            throw new InvalidRequestException("stream", modelId + " does not support streaming; use call() instead");
        }
        if (!request.tools().isEmpty() && !info.supports(Capability.STREAMING_TOOLS)) {
            throw new InvalidRequestException("tools", modelId + " does not support tool use while streaming;"
                    + " use call() for requests with tools");
        }
        ContextWindowCheck.check(request, modelId, info, counter);
        ConverseStreamRequest sdkRequest = ConverseCodec.toStreamRequest(sdkRequest(request));
        return new SdkChatStream<ConverseStreamResponseHandler, ConverseStreamOutput>(modelId, clients.openStreams(),
                ConverseStreamResponseHandler::builder, ConverseStreamResponseHandler.Builder::build,
                handler -> clients.requireAsync().converseStream(sdkRequest, handler),
                ConverseCodec::fromSdk);
    }

    // The SDK request a call and a stream send alike: the codec's mapping, this model's id and the per-call settings.
    private ConverseRequest sdkRequest(ChatRequest request) {
        return ConverseCodec.toSdk(request, builder -> clients.applyOverrides(builder.modelId(modelId)));
    }

    @Override
    public String toString() {
        return "BedrockChatModel[" + modelId + "]";
    }
}
