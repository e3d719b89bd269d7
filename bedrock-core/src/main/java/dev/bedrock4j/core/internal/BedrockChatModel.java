package dev.bedrock4j.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/** The {@link ChatModel} backed by Bedrock's Converse API through the AWS SDK. Thread-safe. */
public final class BedrockChatModel implements ChatModel {
    private final RuntimeClients clients;
    private final String modelId;
    private final ModelInfo info;

    /** Creates the model; {@code clients} supplies the SDK clients and per-call settings. */
    public BedrockChatModel(RuntimeClients clients, String modelId, ModelInfo info) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.info = Objects.requireNonNull(info, "info");
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
        ConverseRequest sdkRequest = toSdk(modelId, request, clients);
        long started = System.nanoTime();
        ConverseResponse sdkResponse;
        try {
            sdkResponse = clients.converse(sdkRequest);
        } catch (RuntimeException e) {
            throw ExceptionMapper.map(e, modelId);
        }
        ChatResponse response = ConverseJson.parseResponse(SdkJson.toJson(sdkResponse), modelId);
        if (response.latency().isZero()) {
            response = response.toBuilder().latency(Duration.ofNanos(System.nanoTime() - started)).build();
        }
        return response;
    }

    /** The SDK request for a validated chat request. */
    public static ConverseRequest toSdk(String modelId, ChatRequest request, RuntimeClients clients) {
        ObjectNode body = ConverseJson.request(request);
        ConverseRequest.Builder builder = ConverseRequest.builder();
        SdkJson.fill((SdkPojo) builder, body);
        builder.modelId(modelId);
        clients.applyOverrides(builder);
        return builder.build();
    }

    @Override
    public String toString() {
        return "BedrockChatModel[" + modelId + "]";
    }
}
