package dev.bedrock4j.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.RenderedRequest;
import dev.bedrock4j.core.image.ImageModel;
import dev.bedrock4j.core.image.ImageRequest;
import dev.bedrock4j.core.image.ImageResponse;
import dev.bedrock4j.core.image.ImageTask;
import dev.bedrock4j.core.spi.JsonSupport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;

/**
 * The {@link ImageModel} backed by {@code InvokeModel} with the family's native body ({@link ImageBodies}). Amazon
 * models repeat their default seed when none is sent, so a request without a seed gets a random one, reported on
 * the images; Stability picks and reports its own. Thread-safe.
 */
public final class BedrockImageModel implements ImageModel {
    private final RuntimeClients clients;
    private final String modelId;
    private final ImageBodies.Limits limits;

    /**
     * Creates the model.
     *
     * @throws dev.bedrock4j.core.InvalidRequestException if the catalog does not place the model among the image
     *         generation families
     */
    public BedrockImageModel(RuntimeClients clients, String modelId, ModelInfo info) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.limits = ImageBodies.limits(modelId, info);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public boolean supports(ImageTask task) {
        return limits.tasks().contains(task);
    }

    @Override
    public ImageResponse generate(ImageRequest request) {
        Objects.requireNonNull(request, "request");
        Long seed = request.seed().isPresent() ? Long.valueOf(request.seed().getAsLong())
                : limits.amazon() && request.task() != ImageTask.BACKGROUND_REMOVAL
                ? Long.valueOf(ThreadLocalRandom.current().nextLong(limits.maxSeed() + 1)) : null;
        ObjectNode body = ImageBodies.body(modelId, limits, request, seed);
        InvokeModelRequest.Builder sdk = InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArrayUnsafe(JsonSupport.bytes(body)));
        clients.applyOverrides(sdk);
        long started = System.nanoTime();
        JsonNode answer;
        try {
            answer = JsonSupport.parse(clients.invokeModel(sdk.build()).body().asByteArrayUnsafe());
        } catch (RuntimeException e) {
            throw clients.failure(e, modelId);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        return new ImageResponse(modelId, ImageBodies.images(modelId, limits, answer, seed), latency);
    }

    @Override
    public RenderedRequest render(ImageRequest request) {
        Long seed = request.seed().isPresent() ? request.seed().getAsLong() : null;
        ObjectNode body = ImageBodies.body(modelId, limits, Objects.requireNonNull(request, "request"), seed);
        String cli = "aws bedrock-runtime invoke-model \\\n  --model-id " + ConverseRenderer.shellQuote(modelId)
                + " \\\n  --content-type application/json \\\n  --accept application/json"
                + " \\\n  --cli-binary-format raw-in-base64-out \\\n  --body " + ConverseRenderer.shellQuote(JsonSupport.write(body))
                + " \\\n  response.json";
        return new RenderedRequest(modelId, JsonSupport.pretty(body), cli);
    }

    @Override
    public String toString() {
        return "ImageModel[" + modelId + "]";
    }
}
