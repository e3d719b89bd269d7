package dev.bedrock4j.core.image;

import dev.bedrock4j.core.chat.RenderedRequest;

/**
 * A model that generates images, called through {@code InvokeModel} with its family's native body: Amazon Titan
 * Image Generator, Amazon Nova Canvas, Stability AI (Stable Diffusion 3.5 Large, Stable Image Core and Ultra).
 * One request reads the same for all of them; swapping the model is one argument.
 *
 * <pre>{@code
 * ImageModel canvas = bedrock.images("amazon.nova-canvas-v1:0");
 * GeneratedImage image = canvas.generate()
 *         .prompt("a watercolour of a lighthouse")
 *         .negativePrompt("people")
 *         .size(1024, 1024)
 *         .seed(7)
 *         .call()
 *         .first();
 * image.save(Path.of("lighthouse.png"));
 *
 * canvas.generate().removeBackground(image.asInput()).call();
 * }</pre>
 *
 * <p>Implementations are thread-safe; create one per model and share it.
 */
public interface ImageModel {

    /**
     * The model id, inference profile id or ARN.
     *
     * @return the model id
     */
    String modelId();

    /**
     * Whether the model does a task.
     *
     * @param task the task
     * @return {@code true} when requests for it may be sent
     */
    boolean supports(ImageTask task);

    /**
     * Generates images.
     *
     * @param request the request
     * @return the images, with the seeds they were generated with
     * @throws dev.bedrock4j.core.InvalidRequestException before any call if the model cannot serve the request: a
     *         task it lacks, a size, count, seed, prompt length or setting out of its range
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    ImageResponse generate(ImageRequest request);

    /**
     * The native body a request would send and the equivalent {@code aws bedrock-runtime invoke-model} command.
     *
     * @param request the request
     * @return the rendered request
     * @throws dev.bedrock4j.core.InvalidRequestException if the model cannot serve the request
     */
    RenderedRequest render(ImageRequest request);

    /**
     * A fluent request to this model.
     *
     * @return a new prompt
     */
    default ImagePrompt generate() {
        return new ImagePrompt(this);
    }
}
