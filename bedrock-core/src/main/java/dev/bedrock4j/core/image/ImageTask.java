package dev.bedrock4j.core.image;

/**
 * What an image request asks a model to do. Not every family does everything: {@link ImageModel#supports(ImageTask)}
 * says, and a request for a task the model lacks fails before any call.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum ImageTask {
    /** An image from a text prompt (all families). */
    TEXT_TO_IMAGE,
    /** Variations of one or more images, guided by an optional prompt (Titan, Nova Canvas; Stability's image-to-image). */
    IMAGE_VARIATION,
    /** Repaints the inside of a mask (Titan, Nova Canvas). */
    INPAINTING,
    /** Repaints the outside of a mask, extending the image (Titan, Nova Canvas). */
    OUTPAINTING,
    /** Removes the background, leaving the subject on transparency (Titan v2, Nova Canvas). */
    BACKGROUND_REMOVAL,
    /** An image from a prompt that follows a palette of colours (Titan v2, Nova Canvas). */
    COLOR_GUIDED
}
