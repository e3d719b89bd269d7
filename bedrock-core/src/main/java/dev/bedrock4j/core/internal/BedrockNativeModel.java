package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.internal.stream.ExpandingChatStream;
import dev.bedrock4j.core.internal.stream.SdkEventPublisher;
import dev.bedrock4j.core.stream.ChatStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** The {@link NativeModel} backed by {@code InvokeModel}. Thread-safe. */
public final class BedrockNativeModel implements NativeModel {
    private final RuntimeClients clients;
    private final String modelId;
    private final NativeFormat format;

    /** Creates the model. */
    public BedrockNativeModel(RuntimeClients clients, String modelId, NativeFormat format) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public NativeFormat format() {
        return format;
    }

    @Override
    public JsonNode invoke(JsonNode body) {
        return JsonSupport.parse(send(body).body().asByteArrayUnsafe());
    }

    @Override
    public ChatResponse call(ChatRequest request) {
        JsonNode body = format.toBody(request);
        long started = System.nanoTime();
        InvokeModelResponse response = send(body);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ChatResponse parsed = format.fromBody(JsonSupport.parse(response.body().asByteArrayUnsafe()));
        ChatResponse.Builder builder = parsed.toBuilder().modelId(modelId).latency(elapsed);
        if (parsed.usage().equals(Usage.ZERO)) {
            int in = header(response, "X-Amzn-Bedrock-Input-Token-Count");
            int out = header(response, "X-Amzn-Bedrock-Output-Token-Count");
            builder.usage(Usage.of(in, out));
        }
        return builder.build();
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        JsonNode body = format.toBody(request);
        return new ExpandingChatStream<>(modelId, streamRaw(body), format::streamDecoder);
    }

    @Override
    public Flow.Publisher<JsonNode> streamRaw(JsonNode body) {
        InvokeModelWithResponseStreamRequest.Builder request = InvokeModelWithResponseStreamRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArrayUnsafe(JsonSupport.bytes(body)));
        clients.applyOverrides(request);
        InvokeModelWithResponseStreamRequest sdkRequest = request.build();
        return new SdkEventPublisher<InvokeModelWithResponseStreamResponseHandler, ResponseStream, JsonNode>(modelId,
                clients.openStreams(),
                InvokeModelWithResponseStreamResponseHandler::builder, InvokeModelWithResponseStreamResponseHandler.Builder::build,
                handler -> clients.requireAsync().invokeModelWithResponseStream(sdkRequest, handler),
                event -> event instanceof PayloadPart part ? JsonSupport.parse(part.bytes().asByteArrayUnsafe()) : null);
    }

    private InvokeModelResponse send(JsonNode body) {
        InvokeModelRequest.Builder request = InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArrayUnsafe(JsonSupport.bytes(body)));
        clients.applyOverrides(request);
        try {
            return clients.invokeModel(request.build());
        } catch (RuntimeException e) {
            throw clients.failure(e, modelId);
        }
    }

    /** An integer response header such as {@code X-Amzn-Bedrock-Input-Token-Count}, or 0 when absent or malformed. */
    public static int header(InvokeModelResponse response, String name) {
        if (response.sdkHttpResponse() == null) {
            return 0;
        }
        return response.sdkHttpResponse().firstMatchingHeader(name).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0);
    }
}
