package dev.bedrock4j.core.image;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The images one request generated.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param modelId the model that generated them
 * @param images the images, at least one
 * @param latency how long the call took
 */
public record ImageResponse(String modelId, List<GeneratedImage> images, Duration latency) {
    /**
     * Validates and copies the components.
     *
     * @param modelId the model id
     * @param images the images
     * @param latency the latency
     */
    public ImageResponse {
        Objects.requireNonNull(modelId, "modelId");
        images = List.copyOf(images);
        Objects.requireNonNull(latency, "latency");
    }

    /**
     * The first image.
     *
     * @return the first image
     * @throws IllegalStateException if there is none
     */
    public GeneratedImage first() {
        if (images.isEmpty()) {
            throw new IllegalStateException("the response holds no image");
        }
        return images.get(0);
    }
}
