package dev.bedrock4j.core.chat;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.internal.ImageSignature;
import java.util.Locale;
import java.util.Set;

/**
 * The file formats Bedrock's Converse API accepts for images, documents and videos, with lookup by
 * name that fails with a clear error for formats it does not accept.
 *
 * <pre>{@code
 * String format = MediaFormat.image("PNG");           // "png"
 * MediaFormat.document("exe");                         // InvalidRequestException naming the accepted formats
 * }</pre>
 *
 * <p>This class has only static members; it is thread-safe.
 */
public final class MediaFormat {
    /** Image formats: png, jpeg, gif, webp. */
    public static final Set<String> IMAGE = Set.of("png", "jpeg", "gif", "webp");
    /** Document formats: pdf, csv, doc, docx, xls, xlsx, html, txt, md. */
    public static final Set<String> DOCUMENT = Set.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md");
    /** Video formats: mkv, mov, mp4, webm, flv, mpeg, mpg, wmv, three_gp. */
    public static final Set<String> VIDEO = Set.of("mkv", "mov", "mp4", "webm", "flv", "mpeg", "mpg", "wmv", "three_gp");

    private MediaFormat() {
    }

    /**
     * Checks and normalises an image format; {@code jpg} is accepted as {@code jpeg}.
     *
     * @param name the format name or file extension, in any case
     * @return the format as Bedrock spells it
     * @throws InvalidRequestException if Bedrock does not accept the format
     */
    public static String image(String name) {
        return check("image.format", name, IMAGE, "jpg".equalsIgnoreCase(name) ? "jpeg" : name);
    }

    /**
     * Checks and normalises a document format; {@code htm} and {@code markdown} are accepted as
     * {@code html} and {@code md}.
     *
     * @param name the format name or file extension, in any case
     * @return the format as Bedrock spells it
     * @throws InvalidRequestException if Bedrock does not accept the format
     */
    public static String document(String name) {
        String alias = "htm".equalsIgnoreCase(name) ? "html" : "markdown".equalsIgnoreCase(name) ? "md" : name;
        return check("document.format", name, DOCUMENT, alias);
    }

    /**
     * Checks and normalises a video format.
     *
     * @param name the format name or file extension, in any case
     * @return the format as Bedrock spells it
     * @throws InvalidRequestException if Bedrock does not accept the format
     */
    public static String video(String name) {
        return check("video.format", name, VIDEO, "3gp".equalsIgnoreCase(name) ? "three_gp" : name);
    }

    /**
     * Guesses an image format from the file's first bytes.
     *
     * @param data the image bytes
     * @return the format as Bedrock spells it
     * @throws InvalidRequestException if the bytes are not a PNG, JPEG, GIF or WebP image
     */
    public static String sniffImage(byte[] data) {
        String format = ImageSignature.of(data);
        if (format != null) {
            return format;
        }
        throw new InvalidRequestException("image.format",
                "image bytes are not a PNG, JPEG, GIF or WebP image; Bedrock accepts only those, so convert the image first");
    }

    private static String check(String field, String original, Set<String> accepted, String candidate) {
        if (candidate == null || candidate.isBlank()) {
            throw new InvalidRequestException(field, field + " is missing; use one of " + new java.util.TreeSet<>(accepted));
        }
        String normalised = candidate.trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(normalised)) {
            throw new InvalidRequestException(field, field + " '" + original + "' is not accepted by Bedrock; use one of "
                    + new java.util.TreeSet<>(accepted));
        }
        return normalised;
    }
}
