package dev.bedrock4j.core.internal;

/**
 * Reads the width and height of a PNG, JPEG, GIF or WebP image from its header, without decoding it.
 * Thread-safe: stateless.
 */
final class ImageSize {
    private ImageSize() {
    }

    /**
     * The image's dimensions.
     *
     * @param data the image bytes
     * @return {@code {width, height}}, or {@code null} when the header cannot be read
     */
    static int[] of(byte[] data) {
        try {
            if (data.length >= 24 && u8(data, 0) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G'
                    && data[12] == 'I' && data[13] == 'H' && data[14] == 'D' && data[15] == 'R') {
                return new int[] {be32(data, 16), be32(data, 20)};
            }
            if (data.length >= 10 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F') {
                return new int[] {le16(data, 6), le16(data, 8)};
            }
            if (data.length >= 4 && u8(data, 0) == 0xFF && u8(data, 1) == 0xD8) {
                return jpeg(data);
            }
            if (data.length >= 30 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F'
                    && data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
                return webp(data);
            }
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return null;
        }
        return null;
    }

    // Walks the marker segments to the first start-of-frame, which holds the dimensions.
    private static int[] jpeg(byte[] data) {
        int i = 2;
        while (i + 9 < data.length) {
            if (u8(data, i) != 0xFF) {
                return null;
            }
            int marker = u8(data, i + 1);
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return new int[] {be16(data, i + 7), be16(data, i + 5)};
            }
            i += 2 + be16(data, i + 2);
        }
        return null;
    }

    private static int[] webp(byte[] data) {
        if (data[12] == 'V' && data[13] == 'P' && data[14] == '8' && data[15] == ' ') {
            return new int[] {le16(data, 26) & 0x3FFF, le16(data, 28) & 0x3FFF};
        }
        if (data[12] == 'V' && data[13] == 'P' && data[14] == '8' && data[15] == 'L') {
            int b1 = u8(data, 22);
            int b2 = u8(data, 23);
            int b3 = u8(data, 24);
            int width = 1 + (((b1 & 0x3F) << 8) | u8(data, 21));
            int height = 1 + (((b3 & 0x0F) << 10) | (b2 << 2) | ((b1 & 0xC0) >> 6));
            return new int[] {width, height};
        }
        if (data[12] == 'V' && data[13] == 'P' && data[14] == '8' && data[15] == 'X') {
            return new int[] {1 + le24(data, 24), 1 + le24(data, 27)};
        }
        return null;
    }

    private static int u8(byte[] data, int i) {
        return data[i] & 0xFF;
    }

    private static int be16(byte[] data, int i) {
        return (u8(data, i) << 8) | u8(data, i + 1);
    }

    private static int be32(byte[] data, int i) {
        return (u8(data, i) << 24) | (u8(data, i + 1) << 16) | (u8(data, i + 2) << 8) | u8(data, i + 3);
    }

    private static int le16(byte[] data, int i) {
        return u8(data, i) | (u8(data, i + 1) << 8);
    }

    private static int le24(byte[] data, int i) {
        return u8(data, i) | (u8(data, i + 1) << 8) | (u8(data, i + 2) << 16);
    }
}
