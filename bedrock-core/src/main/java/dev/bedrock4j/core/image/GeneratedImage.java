package dev.bedrock4j.core.image;

import dev.bedrock4j.core.internal.ImageSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An image a model generated: its bytes, format and size, and the seed it was generated with, to make it again.
 *
 * <pre>{@code
 * GeneratedImage image = images.generate().prompt("a lighthouse at dusk").call().first();
 * image.save(Path.of("lighthouse." + image.format()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GeneratedImage {
    private final byte[] bytes;
    private final String format;
    private final int width;
    private final int height;
    private final long seed;

    /**
     * Creates the image.
     *
     * @param bytes the encoded image; copied
     * @param width the width in pixels
     * @param height the height in pixels
     * @param seed the seed it was generated with
     */
    public GeneratedImage(byte[] bytes, int width, int height, long seed) {
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        this.format = formatOf(this.bytes);
        this.width = width;
        this.height = height;
        this.seed = seed;
    }

    /**
     * A copy of the encoded bytes.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The format, from the bytes' signature.
     *
     * @return {@code png}, {@code jpeg}, {@code webp} or {@code unknown}; also a fitting file extension
     */
    public String format() {
        return format;
    }

    /**
     * The width.
     *
     * @return pixels, or 0 when the header could not be read
     */
    public int width() {
        return width;
    }

    /**
     * The height.
     *
     * @return pixels, or 0 when the header could not be read
     */
    public int height() {
        return height;
    }

    /**
     * The seed the image was generated with: the same request with this seed makes the same image.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * This image as the input of another request, to vary or edit it.
     *
     * @return the input image
     */
    public InputImage asInput() {
        return InputImage.of(bytes);
    }

    /**
     * Writes the image to a file, replacing it.
     *
     * @param file the file
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image to " + file, e);
        }
    }

    static String formatOf(byte[] b) {
        String format = ImageSignature.of(b);
        return format == null || format.equals("gif") ? "unknown" : format;   // Bedrock generates no GIFs
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedImage other && Arrays.equals(bytes, other.bytes) && seed == other.seed;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "GeneratedImage[" + format + ", " + width + "x" + height + ", seed=" + seed + ", " + bytes.length + " bytes]";
    }
}
