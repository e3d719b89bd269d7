package dev.bedrock4j.core.image;

import java.util.Objects;

/**
 * Where in-painting and out-painting work: described in words ({@code "the sofa"}) or as a black-and-white image
 * the size of the edited one (black is the area to change).
 *
 * <pre>{@code
 * images.generate().inpaint(photo, Mask.prompt("the sofa")).prompt("a green velvet sofa").call();
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Mask {

    /**
     * A mask described in words.
     *
     * @param text what to mask, such as {@code "the sky"}
     */
    record Prompt(String text) implements Mask {
        /**
         * Validates the text.
         *
         * @param text the description
         */
        public Prompt {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A mask image.
     *
     * @param image black where the image changes, white where it stays
     */
    record Image(InputImage image) implements Mask {
        /**
         * Validates the image.
         *
         * @param image the mask image
         */
        public Image {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * A mask described in words.
     *
     * @param text what to mask
     * @return the mask
     */
    static Mask prompt(String text) {
        return new Prompt(text);
    }

    /**
     * A mask image.
     *
     * @param image the mask image
     * @return the mask
     */
    static Mask image(InputImage image) {
        return new Image(image);
    }
}
