package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.core.embed.Embedding;
import java.util.Map;
import java.util.Objects;

/** Checks of entries and vectors shared by every store, and normalisation. Thread-safe. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * A unit-length copy of a vector after checking its dimension and values.
     *
     * @param vector the vector
     * @param dimension the store's dimension
     * @param name how to call the vector in errors, such as {@code "query"}
     * @return the normalised copy
     * @throws IllegalArgumentException naming the problem and the fix
     */
    public static float[] unit(float[] vector, int dimension, String name) {
        Objects.requireNonNull(vector, name);
        if (vector.length != dimension) {
            throw new IllegalArgumentException(name + " has " + vector.length + " dimensions but the store holds "
                    + dimension + "-dimensional vectors; embed with the same model and dimensions setting");
        }
        Embedding.checkFinite(vector, name);
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException(name + " is all zeros; cosine similarity needs a vector with a direction");
        }
        double norm = Math.sqrt(sum);
        float[] unit = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    /**
     * Checks an entry's id, text and metadata.
     *
     * @param id the id
     * @param text the text
     * @param metadata the metadata
     * @return an immutable copy of the metadata
     */
    public static Map<String, String> checkEntry(String id, String text, Map<String, String> metadata) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text (use \"\" for none)");
        Objects.requireNonNull(metadata, "metadata (use Map.of() for none)");
        return Map.copyOf(metadata);
    }
}
