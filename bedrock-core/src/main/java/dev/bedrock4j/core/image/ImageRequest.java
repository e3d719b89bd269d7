package dev.bedrock4j.core.image;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A model-agnostic image request: the task and its inputs, the prompt and the generation settings. Each model
 * family's native body is written from it.
 *
 * <pre>{@code
 * ImageRequest request = ImageRequest.builder().prompt("a red fox in snow").size(1024, 1024).count(2).seed(7).build();
 * ImageResponse response = images.generate(request);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageRequest {
    private final ImageTask task;
    private final String prompt;
    private final String negativePrompt;
    private final Integer width;
    private final Integer height;
    private final String aspectRatio;
    private final Integer count;
    private final Long seed;
    private final Double guidance;
    private final ImageRequestSpec.Quality quality;
    private final String style;
    private final List<InputImage> images;
    private final Mask mask;
    private final Double similarity;
    private final List<String> colors;

    ImageRequest(ImageRequestSpec<?> spec) {
        this.task = spec.task;
        this.prompt = spec.prompt;
        this.negativePrompt = spec.negativePrompt;
        this.width = spec.width;
        this.height = spec.height;
        this.aspectRatio = spec.aspectRatio;
        this.count = spec.count;
        this.seed = spec.seed;
        this.guidance = spec.guidance;
        this.quality = spec.quality;
        this.style = spec.style;
        this.images = List.copyOf(spec.images);
        this.mask = spec.mask;
        this.similarity = spec.similarity;
        this.colors = List.copyOf(spec.colors);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The task.
     *
     * @return the task
     */
    public ImageTask task() {
        return task;
    }

    /**
     * The prompt.
     *
     * @return the prompt, or empty
     */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /**
     * The negative prompt.
     *
     * @return the negative prompt, or empty
     */
    public Optional<String> negativePrompt() {
        return Optional.ofNullable(negativePrompt);
    }

    /**
     * The width.
     *
     * @return pixels, or empty for the model's default
     */
    public OptionalInt width() {
        return width == null ? OptionalInt.empty() : OptionalInt.of(width);
    }

    /**
     * The height.
     *
     * @return pixels, or empty for the model's default
     */
    public OptionalInt height() {
        return height == null ? OptionalInt.empty() : OptionalInt.of(height);
    }

    /**
     * The aspect ratio.
     *
     * @return the ratio, or empty
     */
    public Optional<String> aspectRatio() {
        return Optional.ofNullable(aspectRatio);
    }

    /**
     * The number of images.
     *
     * @return the count, or empty for one
     */
    public OptionalInt count() {
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    /**
     * The seed.
     *
     * @return the seed, or empty for a random one
     */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /**
     * The guidance scale.
     *
     * @return the scale, or empty for the model's default
     */
    public OptionalDouble guidance() {
        return guidance == null ? OptionalDouble.empty() : OptionalDouble.of(guidance);
    }

    /**
     * The quality.
     *
     * @return the quality, or empty for the model's default
     */
    public Optional<ImageRequestSpec.Quality> quality() {
        return Optional.ofNullable(quality);
    }

    /**
     * The style.
     *
     * @return the style, or empty
     */
    public Optional<String> style() {
        return Optional.ofNullable(style);
    }

    /**
     * The input images: the sources of a variation, the image to edit, or a colour reference.
     *
     * @return the images, possibly empty
     */
    public List<InputImage> images() {
        return images;
    }

    /**
     * The mask of an in- or out-painting.
     *
     * @return the mask, or empty
     */
    public Optional<Mask> mask() {
        return Optional.ofNullable(mask);
    }

    /**
     * How close a variation stays to its sources.
     *
     * @return the similarity, or empty for the model's default
     */
    public OptionalDouble similarity() {
        return similarity == null ? OptionalDouble.empty() : OptionalDouble.of(similarity);
    }

    /**
     * The palette of a colour-guided request.
     *
     * @return hex colours, possibly empty
     */
    public List<String> colors() {
        return colors;
    }

    /**
     * A builder holding this request's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.task = task;
        b.prompt = prompt;
        b.negativePrompt = negativePrompt;
        b.width = width;
        b.height = height;
        b.aspectRatio = aspectRatio;
        b.count = count;
        b.seed = seed;
        b.guidance = guidance;
        b.quality = quality;
        b.style = style;
        b.images.addAll(images);
        b.mask = mask;
        b.similarity = similarity;
        b.colors.addAll(colors);
        return b;
    }

    @Override
    public String toString() {
        return "ImageRequest[" + task + ", prompt=" + (prompt == null ? "none" : prompt.length() + " chars") + ", images="
                + images.size() + "]";
    }

    /**
     * Builds an {@link ImageRequest}. Not thread-safe.
     */
    public static final class Builder extends ImageRequestSpec<Builder> {
        Builder() {
        }

        /**
         * The request.
         *
         * @return the immutable request
         */
        public ImageRequest build() {
            return new ImageRequest(this);
        }
    }
}
