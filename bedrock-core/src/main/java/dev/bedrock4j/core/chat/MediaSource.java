package dev.bedrock4j.core.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the data of an image, document or video comes from: inline bytes, an S3 object, or (for
 * documents) text.
 *
 * <pre>{@code
 * MediaSource inline = MediaSource.bytes(Files.readAllBytes(path));
 * MediaSource remote = MediaSource.s3("s3://my-bucket/report.pdf");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface MediaSource {

    /**
     * Inline bytes, sent base64-encoded.
     *
     * @param data the bytes
     * @return the source
     */
    static MediaSource bytes(byte[] data) {
        return new Bytes(data);
    }

    /**
     * An object in Amazon S3, read by Bedrock itself.
     *
     * @param uri an {@code s3://bucket/key} URI
     * @return the source
     */
    static MediaSource s3(String uri) {
        return new S3(uri, null);
    }

    /**
     * Document text, without a file.
     *
     * @param text the text
     * @return the source
     */
    static MediaSource text(String text) {
        return new Text(text);
    }

    /**
     * Inline bytes. The array is copied in and out, so instances stay immutable.
     *
     * @param data the bytes
     */
    record Bytes(byte[] data) implements MediaSource {
        /**
         * Copies the bytes.
         *
         * @param data the bytes
         */
        public Bytes {
            data = Objects.requireNonNull(data, "data").clone();
        }

        /**
         * A copy of the bytes.
         *
         * @return the bytes
         */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /**
         * The number of bytes.
         *
         * @return the length
         */
        public int size() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Bytes[" + data.length + " bytes]";
        }
    }

    /**
     * An S3 object.
     *
     * @param uri an {@code s3://bucket/key} URI
     * @param bucketOwner the bucket owner's account id, or {@code null}
     */
    record S3(String uri, String bucketOwner) implements MediaSource {
        /**
         * Validates the URI.
         *
         * @param uri an {@code s3://bucket/key} URI
         * @param bucketOwner the bucket owner's account id, or {@code null}
         */
        public S3 {
            Objects.requireNonNull(uri, "uri");
            if (!uri.startsWith("s3://")) {
                throw new IllegalArgumentException("S3 uri must start with s3://, was '" + uri + "'");
            }
        }
    }

    /**
     * Document text.
     *
     * @param text the text
     */
    record Text(String text) implements MediaSource {
        /**
         * Validates the text.
         *
         * @param text the text
         */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Document text given as separate parts.
     *
     * @param parts the text parts
     */
    record TextParts(List<String> parts) implements MediaSource {
        /**
         * Copies the parts.
         *
         * @param parts the text parts
         */
        public TextParts {
            parts = List.copyOf(parts);
        }
    }
}
