package dev.bedrock4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Deterministic text embeddings by the hashing trick: each lower-cased word (and each pair of adjacent
 * words) adds a signed weight to a dimension chosen by a stable hash, and the vector is normalised to
 * unit length. Texts that share words are close; the same text always gives the same vector, in any
 * JVM. Thread-safe.
 */
public final class HashingEmbedder {
    private HashingEmbedder() {
    }

    /**
     * Embeds a text.
     *
     * @param text the text
     * @param dimensions the vector size, at least 1
     * @return a unit vector, or a fixed unit vector for text without words
     */
    public static float[] embed(String text, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, was " + dimensions);
        }
        float[] vector = new float[dimensions];
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        String previous = null;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            add(vector, word, 1.0f);
            if (previous != null) {
                add(vector, previous + ' ' + word, 0.5f);
            }
            previous = word;
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1f;
            return vector;
        }
        float scale = (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static void add(float[] vector, String token, float weight) {
        long hash = fnv1a(token.getBytes(StandardCharsets.UTF_8));
        int index = (int) Long.remainderUnsigned(hash, vector.length);
        float sign = ((hash >>> 63) == 0) ? 1f : -1f;
        vector[index] += sign * weight;
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        // final avalanche so that the sign bit is well mixed
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
