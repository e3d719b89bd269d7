package dev.bedrock4j.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of an image request, shared by {@link ImageRequest.Builder} and the fluent {@link ImagePrompt}.
 * Each method returns {@code this} for chaining. The task is text-to-image unless a task method
 * ({@link #variationOf}, {@link #inpaint}, {@link #outpaint}, {@link #removeBackground}, {@link #colors}) picks
 * another; the last one called wins.
 *
 * <p>Settings are checked against the model when the request is sent, before any network call: a task, size,
 * count, seed or setting the model does not take fails with an {@link dev.bedrock4j.core.InvalidRequestException}
 * naming it.
 *
 * <p>Not thread-safe; confine each instance to one thread.
 *
 * @param <B> the concrete builder type
 */
public abstract class ImageRequestSpec<B extends ImageRequestSpec<B>> {
    /** The quality of Amazon models' images. */
    public enum Quality {
        /** Standard quality (the default). */
        STANDARD,
        /** Premium quality: slower, more detailed. */
        PREMIUM
    }

    ImageTask task = ImageTask.TEXT_TO_IMAGE;
    String prompt;
    String negativePrompt;
    Integer width;
    Integer height;
    String aspectRatio;
    Integer count;
    Long seed;
    Double guidance;
    Quality quality;
    String style;
    final List<InputImage> images = new ArrayList<>();
    Mask mask;
    Double similarity;
    final List<String> colors = new ArrayList<>();

    ImageRequestSpec() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * What the image should show.
     *
     * @param prompt the description
     * @return this
     */
    public B prompt(String prompt) {
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        return self();
    }

    /**
     * What the image should not show.
     *
     * @param negativePrompt the description
     * @return this
     */
    public B negativePrompt(String negativePrompt) {
        this.negativePrompt = Objects.requireNonNull(negativePrompt, "negativePrompt");
        return self();
    }

    /**
     * The image size. Titan takes a fixed list of sizes, Nova Canvas any multiple of 16 from 320 to 4096 a side
     * with fewer than 4,194,304 pixels, Stability its about-one-megapixel size for each aspect ratio (or use
     * {@link #aspectRatio(String)}).
     *
     * @param width pixels
     * @param height pixels
     * @return this
     */
    public B size(int width, int height) {
        this.width = width;
        this.height = height;
        return self();
    }

    /**
     * The aspect ratio, for Stability models: {@code 16:9}, {@code 1:1}, {@code 21:9}, {@code 2:3}, {@code 3:2},
     * {@code 4:5}, {@code 5:4}, {@code 9:16} or {@code 9:21}.
     *
     * @param aspectRatio the ratio
     * @return this
     */
    public B aspectRatio(String aspectRatio) {
        this.aspectRatio = Objects.requireNonNull(aspectRatio, "aspectRatio");
        return self();
    }

    /**
     * How many images to generate: 1 to 5 for Amazon models, 1 for Stability.
     *
     * @param count the number of images
     * @return this
     */
    public B count(int count) {
        this.count = count;
        return self();
    }

    /**
     * The seed: the same request with the same seed gives the same image. Without one, a random seed is chosen
     * and reported on each {@link GeneratedImage#seed()}.
     *
     * @param seed from 0 to the model's maximum (2,147,483,646 for Titan and Nova Canvas, 4,294,967,294 for
     *             Stable Diffusion 3.5 Large, 4,294,967,295 for Stable Image Core and Ultra)
     * @return this
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * How strictly the image follows the prompt ({@code cfgScale}), for Amazon models: 1.1 to 10.
     *
     * @param guidance the scale
     * @return this
     */
    public B guidance(double guidance) {
        this.guidance = guidance;
        return self();
    }

    /**
     * The quality, for Amazon models.
     *
     * @param quality the quality
     * @return this
     */
    public B quality(Quality quality) {
        this.quality = Objects.requireNonNull(quality, "quality");
        return self();
    }

    /**
     * A visual style, for Nova Canvas text-to-image: {@code 3D_ANIMATED_FAMILY_FILM}, {@code DESIGN_SKETCH},
     * {@code FLAT_VECTOR_ILLUSTRATION}, {@code GRAPHIC_NOVEL_ILLUSTRATION}, {@code MAXIMALISM},
     * {@code MIDCENTURY_RETRO}, {@code PHOTOREALISM} or {@code SOFT_DIGITAL_PAINTING}.
     *
     * @param style the style
     * @return this
     */
    public B style(String style) {
        this.style = Objects.requireNonNull(style, "style");
        return self();
    }

    /**
     * Asks for variations of images (Stability: image-to-image of one image).
     *
     * @param sources the images to vary, 1 to 5 for Amazon models, 1 for Stability
     * @return this
     */
    public B variationOf(InputImage... sources) {
        task = ImageTask.IMAGE_VARIATION;
        images.clear();
        images.addAll(List.of(sources));
        return self();
    }

    /**
     * How close variations stay to their sources, from 0.2 (loosely) to 1.0 (closely) for Amazon models. For
     * Stability's image-to-image it sets {@code strength} to {@code 1 - similarity}, so 0.0 to 1.0.
     *
     * @param similarity the similarity
     * @return this
     */
    public B similarity(double similarity) {
        this.similarity = similarity;
        return self();
    }

    /**
     * Asks to repaint the inside of a mask; the prompt says with what (no prompt removes what the mask covers).
     *
     * @param image the image to edit
     * @param mask where to paint
     * @return this
     */
    public B inpaint(InputImage image, Mask mask) {
        return edit(ImageTask.INPAINTING, image, mask);
    }

    /**
     * Asks to repaint the outside of a mask, keeping its inside; the prompt says with what.
     *
     * @param image the image to edit
     * @param mask what to keep
     * @return this
     */
    public B outpaint(InputImage image, Mask mask) {
        return edit(ImageTask.OUTPAINTING, image, mask);
    }

    /**
     * Asks to remove an image's background.
     *
     * @param image the image
     * @return this
     */
    public B removeBackground(InputImage image) {
        return edit(ImageTask.BACKGROUND_REMOVAL, image, null);
    }

    /**
     * Asks for an image in a palette of colours, from the prompt.
     *
     * @param hexColors 1 to 10 colours such as {@code "#ff8080"}
     * @return this
     */
    public B colors(String... hexColors) {
        task = ImageTask.COLOR_GUIDED;
        colors.clear();
        colors.addAll(List.of(hexColors));
        return self();
    }

    /**
     * A reference image for colour-guided generation, whose colours guide the image alongside the palette.
     *
     * @param image the reference
     * @return this
     */
    public B referenceImage(InputImage image) {
        images.clear();
        images.add(Objects.requireNonNull(image, "image"));
        return self();
    }

    private B edit(ImageTask editTask, InputImage image, Mask editMask) {
        task = editTask;
        images.clear();
        images.add(Objects.requireNonNull(image, "image"));
        mask = editMask;
        return self();
    }
}
