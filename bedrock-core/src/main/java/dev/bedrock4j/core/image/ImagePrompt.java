package dev.bedrock4j.core.image;

import dev.bedrock4j.core.chat.RenderedRequest;
import java.util.Objects;

/**
 * A fluent image request bound to a model: set the prompt, task and settings, then {@link #call()}.
 *
 * <pre>{@code
 * ImageResponse response = bedrock.images("amazon.nova-canvas-v1:0").generate()
 *         .prompt("a lighthouse on a cliff at dusk")
 *         .size(1280, 720)
 *         .count(2)
 *         .call();
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread. The model it is bound to is thread-safe.
 */
public final class ImagePrompt extends ImageRequestSpec<ImagePrompt> {
    private final ImageModel model;

    /**
     * A prompt for a model.
     *
     * @param model the model
     */
    public ImagePrompt(ImageModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The request as set so far.
     *
     * @return the immutable request
     */
    public ImageRequest toRequest() {
        return new ImageRequest(this);
    }

    /**
     * Generates the images.
     *
     * @return the images
     * @throws dev.bedrock4j.core.InvalidRequestException before any call if the model cannot serve the request
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    public ImageResponse call() {
        return model.generate(toRequest());
    }

    /**
     * The native body this request would send and the equivalent {@code aws bedrock-runtime invoke-model} command,
     * without sending anything.
     *
     * @return the rendered request
     * @throws dev.bedrock4j.core.InvalidRequestException if the model cannot serve the request
     */
    public RenderedRequest render() {
        return model.render(toRequest());
    }
}
