package dev.bedrock4j.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An image given to a model: the image to edit, vary or take the background from, a mask, or a colour reference.
 * PNG or JPEG.
 *
 * <pre>{@code
 * InputImage photo = InputImage.read(Path.of("living-room.png"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class InputImage {
    private final byte[] bytes;

    private InputImage(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * An image from its bytes.
     *
     * @param bytes PNG or JPEG bytes; copied
     * @return the image
     */
    public static InputImage of(byte[] bytes) {
        return new InputImage(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /**
     * An image read from a file.
     *
     * @param file a PNG or JPEG file
     * @return the image
     * @throws UncheckedIOException if the file cannot be read
     */
    public static InputImage read(Path file) {
        try {
            return new InputImage(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + file, e);
        }
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The image format, from the file's signature.
     *
     * @return {@code png}, {@code jpeg}, or {@code unknown}
     */
    public String format() {
        return GeneratedImage.formatOf(bytes);
    }

    /**
     * The size in bytes.
     *
     * @return the length of the bytes
     */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputImage other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "InputImage[" + format() + ", " + bytes.length + " bytes]";
    }
}
