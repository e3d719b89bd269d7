package dev.bedrock4j.core.embed;

import java.util.Arrays;
import java.util.Objects;

/**
 * An embedding is a vector of floats that places a text in a space where similar texts lie close.
 *
 * <pre>{@code
 * Embedding a = Embedding.of(0.6f, 0.8f);
 * Embedding b = Embedding.of(1f, 0f);
 * a.cosineSimilarity(b);     // 0.6
 * a.euclideanDistance(b);    // 0.894...
 * }</pre>
 *
 * <p>Every value is finite (no NaN or infinity) and the vector is never empty. The array given to
 * {@link #of(float...)} and the one {@link #vector()} returns are copies, so an instance cannot change.
 * Measures between two embeddings require equal dimensions and are computed in double precision.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Embedding {
    private final float[] values;

    private Embedding(float[] values) {
        this.values = values;
    }

    /**
     * An embedding of the given values, copied.
     *
     * @param values the vector; at least one value, all finite
     * @return the embedding
     * @throws IllegalArgumentException if the vector is empty or holds NaN or an infinite value
     */
    public static Embedding of(float... values) {
        Objects.requireNonNull(values, "values");
        float[] copy = values.clone();
        checkFinite(copy, "embedding");
        return new Embedding(copy);
    }

    /**
     * Checks that a vector is non-empty and holds only finite values.
     *
     * @param vector the vector
     * @param name how to call the vector in the error message, such as {@code "query"}
     * @throws IllegalArgumentException naming the first bad index
     */
    public static void checkFinite(float[] vector, String name) {
        if (vector.length == 0) {
            throw new IllegalArgumentException(name + " is empty; an embedding needs at least one dimension");
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + vector[i]
                        + "; every value must be finite (check the model output or your arithmetic)");
            }
        }
    }

    /**
     * The values, as a new array the caller may change.
     *
     * @return a copy of the vector
     */
    public float[] vector() {
        return values.clone();
    }

    /**
     * The number of values.
     *
     * @return the dimension
     */
    public int dimension() {
        return values.length;
    }

    /**
     * One value.
     *
     * @param index the index, from 0 to {@code dimension() - 1}
     * @return the value
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public float get(int index) {
        return values[Objects.checkIndex(index, values.length)];
    }

    /**
     * The Euclidean length of the vector.
     *
     * @return the norm, {@code >= 0}
     */
    public double norm() {
        return Math.sqrt(dot(values, values));
    }

    /**
     * This vector scaled to unit length.
     *
     * @return the normalised embedding
     * @throws IllegalArgumentException if every value is zero
     */
    public Embedding normalized() {
        double norm = norm();
        if (norm == 0) {
            throw new IllegalArgumentException("a zero vector has no direction and cannot be normalised");
        }
        float[] unit = new float[values.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = (float) (values[i] / norm);
        }
        return new Embedding(unit);
    }

    /**
     * The dot product with another embedding.
     *
     * @param other an embedding of the same dimension
     * @return the sum of the products of the values
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double dotProduct(Embedding other) {
        return dot(values, same(other).values);
    }

    /**
     * The cosine of the angle between this embedding and another: 1 for the same direction, 0 for
     * orthogonal, -1 for opposite.
     *
     * @param other an embedding of the same dimension
     * @return the cosine similarity, between -1 and 1
     * @throws IllegalArgumentException if the dimensions differ or either vector is all zeros
     */
    public double cosineSimilarity(Embedding other) {
        double normA = norm();
        double normB = same(other).norm();
        if (normA == 0 || normB == 0) {
            throw new IllegalArgumentException("cosine similarity is undefined for a zero vector");
        }
        double cosine = dot(values, other.values) / (normA * normB);
        return Math.max(-1.0, Math.min(1.0, cosine));
    }

    /**
     * The straight-line distance to another embedding.
     *
     * @param other an embedding of the same dimension
     * @return the Euclidean distance, {@code >= 0}
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double euclideanDistance(Embedding other) {
        float[] b = same(other).values;
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            double d = (double) values[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private Embedding same(Embedding other) {
        Objects.requireNonNull(other, "other");
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("dimension mismatch: this embedding has " + values.length
                    + " values, the other " + other.values.length + "; compare embeddings from the same model"
                    + " and the same dimensions setting");
        }
        return other;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Embedding[dimension=").append(values.length).append(", values=[");
        int shown = Math.min(4, values.length);
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return s.append(values.length > shown ? ", ...]]" : "]]").toString();
    }
}
