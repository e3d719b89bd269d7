package dev.bedrock4j.core.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How many images, documents and videos one request may carry to a model, and how large each may be.
 * The pre-flight checks reject a request over these limits before it is uploaded; sizes apply to inline
 * bytes (and document text), not to S3 sources, which Bedrock reads itself. Counts cover the whole
 * request, the history and tool results included.
 *
 * <p>Sources: the Converse API reference ({@code Message.content}: "up to 20 images. Each image's size,
 * height, and width must be no more than 3.75 MB, 8000 px, and 8000 px"; "up to five documents. Each
 * document's size must be no more than 4.5 MB"); the user guide's API restrictions (5 documents per
 * request for every model; no 4.5 MB limit for PDFs on Claude 4 and later, nor for PDF and DOCX on
 * Nova); the service model ({@code VideoSource}: inline video "less than 25MB" once base64-encoded).
 * MB are read as MiB, the more lenient reading: 3.75 MB is 3,932,160 bytes, whose base64 form is exactly
 * the 5,242,880 bytes Claude's own check names.
 *
 * <pre>{@code
 * MediaLimits limits = ModelCatalog.defaults().lookup("anthropic.claude-3-haiku-20240307-v1:0").mediaLimits();
 * limits.maxImages();                                      // 20
 * ModelInfo mine = info.withMediaLimits(MediaLimits.converse().withImages(50, 5 * MediaLimits.MIB, 8000));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param maxImages the most images one request may carry
 * @param maxImageBytes the largest inline image, in bytes
 * @param maxImageDimension the longest side of an inline image, in pixels
 * @param maxDocuments the most documents one request may carry
 * @param maxDocumentBytes the largest inline document, in bytes
 * @param documentFormatsWithoutSizeLimit document formats {@code maxDocumentBytes} does not apply to, such as {@code pdf}
 * @param maxVideos the most videos one request may carry
 * @param maxVideoBytes the largest inline video, in bytes
 */
public record MediaLimits(int maxImages, long maxImageBytes, int maxImageDimension,
                          int maxDocuments, long maxDocumentBytes, Set<String> documentFormatsWithoutSizeLimit,
                          int maxVideos, long maxVideoBytes) {
    /** One mebibyte, the unit Bedrock's "MB" limits are read in. */
    public static final long MIB = 1024 * 1024;
    /** No limit on a count. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** No limit on a size. */
    public static final long UNLIMITED_BYTES = Long.MAX_VALUE;
    /** The most inline bytes whose base64 form stays within 25 MB, the inline payload limit for videos. */
    public static final long INLINE_25_MB = 25 * MIB / 4 * 3;

    private static final MediaLimits ANY_MODEL = new MediaLimits(UNLIMITED, UNLIMITED_BYTES, UNLIMITED,
            5, UNLIMITED_BYTES, Set.of(), UNLIMITED, INLINE_25_MB);
    private static final MediaLimits CONVERSE = new MediaLimits(20, 3 * MIB + 3 * MIB / 4, 8000,
            5, 4 * MIB + MIB / 2, Set.of(), UNLIMITED, INLINE_25_MB);

    /**
     * Validates and copies the components.
     *
     * @param maxImages the most images
     * @param maxImageBytes the largest image
     * @param maxImageDimension the longest image side
     * @param maxDocuments the most documents
     * @param maxDocumentBytes the largest document
     * @param documentFormatsWithoutSizeLimit formats the document size limit does not apply to
     * @param maxVideos the most videos
     * @param maxVideoBytes the largest video
     */
    public MediaLimits {
        if (maxImages < 0 || maxImageBytes < 0 || maxImageDimension < 0 || maxDocuments < 0 || maxDocumentBytes < 0
                || maxVideos < 0 || maxVideoBytes < 0) {
            throw new IllegalArgumentException("media limits must be >= 0");
        }
        documentFormatsWithoutSizeLimit = Set.copyOf(documentFormatsWithoutSizeLimit);
    }

    /**
     * The limits Bedrock documents for every model: at most 5 documents per request, and inline videos
     * under 25 MB once base64-encoded. What models the catalog does not know are held to.
     *
     * @return the limits
     */
    public static MediaLimits anyModel() {
        return ANY_MODEL;
    }

    /**
     * The limits of the Converse API reference: up to 20 images of at most 3.75 MB and 8,000 pixels a
     * side, and up to 5 documents of at most 4.5 MB, per request; plus {@link #anyModel()}'s video limit.
     *
     * @return the limits
     */
    public static MediaLimits converse() {
        return CONVERSE;
    }

    /**
     * These limits with other image limits.
     *
     * @param max the most images per request
     * @param maxBytes the largest inline image, in bytes
     * @param maxDimension the longest side, in pixels
     * @return a copy
     */
    public MediaLimits withImages(int max, long maxBytes, int maxDimension) {
        return new MediaLimits(max, maxBytes, maxDimension, maxDocuments, maxDocumentBytes,
                documentFormatsWithoutSizeLimit, maxVideos, maxVideoBytes);
    }

    /**
     * These limits with other document limits.
     *
     * @param max the most documents per request
     * @param maxBytes the largest inline document, in bytes
     * @return a copy
     */
    public MediaLimits withDocuments(int max, long maxBytes) {
        return new MediaLimits(maxImages, maxImageBytes, maxImageDimension, max, maxBytes,
                documentFormatsWithoutSizeLimit, maxVideos, maxVideoBytes);
    }

    /**
     * These limits, with no size limit for documents of these formats.
     *
     * @param formats document formats as {@link dev.bedrock4j.core.chat.MediaFormat#DOCUMENT} spells them
     * @return a copy
     */
    public MediaLimits withoutDocumentSizeLimitFor(String... formats) {
        return new MediaLimits(maxImages, maxImageBytes, maxImageDimension, maxDocuments, maxDocumentBytes,
                Arrays.stream(formats).map(f -> Objects.requireNonNull(f, "format").toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet()), maxVideos, maxVideoBytes);
    }

    /**
     * These limits with other video limits.
     *
     * @param max the most videos per request
     * @param maxBytes the largest inline video, in bytes
     * @return a copy
     */
    public MediaLimits withVideos(int max, long maxBytes) {
        return new MediaLimits(maxImages, maxImageBytes, maxImageDimension, maxDocuments, maxDocumentBytes,
                documentFormatsWithoutSizeLimit, max, maxBytes);
    }
}
