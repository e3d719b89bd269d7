package dev.bedrock4j.core.internal;

/**
 * Names an image's format from its first bytes (the file signature), for the formats Bedrock takes.
 * Thread-safe: stateless.
 */
public final class ImageSignature {
    private ImageSignature() {
    }

    /**
     * The format the bytes start with.
     *
     * @param data the image bytes
     * @return {@code png}, {@code jpeg}, {@code gif} or {@code webp}, as Bedrock spells them; {@code null} for
     *         anything else
     */
    public static String of(byte[] data) {
        if (data.length >= 8 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "png";
        }
        if (data.length >= 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (data.length >= 6 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F' && data[3] == '8') {
            return "gif";
        }
        if (data.length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F'
                && data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
            return "webp";
        }
        return null;
    }
}
