package dev.bedrock4j.core.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmbeddingTest {
    @Test
    void measuresAgreeWithHandComputedValues() {
        Embedding a = Embedding.of(0.6f, 0.8f);
        Embedding b = Embedding.of(1f, 0f);

        assertThat(a.dotProduct(b)).isCloseTo(0.6, within(1e-7));
        assertThat(a.cosineSimilarity(b)).isCloseTo(0.6, within(1e-7));
        assertThat(a.euclideanDistance(b)).isCloseTo(Math.sqrt(0.16 + 0.64), within(1e-7));
        assertThat(a.norm()).isCloseTo(1.0, within(1e-7));
    }

    @Test
    void cosineIgnoresLengthAndStaysWithinRange() {
        Embedding a = Embedding.of(3f, 4f);
        assertThat(a.cosineSimilarity(Embedding.of(30f, 40f))).isEqualTo(1.0);
        assertThat(a.cosineSimilarity(Embedding.of(-3f, -4f))).isEqualTo(-1.0);
        assertThat(a.normalized().vector()).containsExactly(0.6f, 0.8f);
    }

    @Test
    void copiesDefensivelyOnTheWayInAndOut() {
        float[] values = {1f, 2f};
        Embedding embedding = Embedding.of(values);
        values[0] = 99f;
        embedding.vector()[1] = 99f;
        assertThat(embedding.vector()).containsExactly(1f, 2f);
        assertThat(embedding).isEqualTo(Embedding.of(1f, 2f)).hasSameHashCodeAs(Embedding.of(1f, 2f));
    }

    @Test
    void rejectsNonFiniteAndEmptyVectors() {
        assertThatThrownBy(() -> Embedding.of(1f, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding[1] is NaN");
        assertThatThrownBy(() -> Embedding.of(Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding[0] is Infinity");
        assertThatThrownBy(() -> Embedding.of()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsDimensionMismatchAndZeroVectors() {
        Embedding two = Embedding.of(1f, 0f);
        Embedding three = Embedding.of(1f, 0f, 0f);
        assertThatThrownBy(() -> two.cosineSimilarity(three)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension mismatch").hasMessageContaining("2").hasMessageContaining("3");
        assertThatThrownBy(() -> two.dotProduct(three)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> two.euclideanDistance(three)).isInstanceOf(IllegalArgumentException.class);
        Embedding zero = Embedding.of(0f, 0f);
        assertThatThrownBy(() -> two.cosineSimilarity(zero)).hasMessageContaining("zero vector");
        assertThatThrownBy(zero::normalized).hasMessageContaining("zero vector");
        assertThat(zero.euclideanDistance(two)).isEqualTo(1.0);
    }

    @Test
    void computesInDoublePrecisionWithoutOverflow() {
        Embedding big = Embedding.of(3e38f, 3e38f);
        assertThat(big.cosineSimilarity(big)).isCloseTo(1.0, within(1e-12));
        assertThat(big.euclideanDistance(Embedding.of(-3e38f, -3e38f))).isFinite();
    }

    @Test
    void optionsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> EmbeddingOptions.defaults().withDimensions(-1)).hasMessageContaining("dimensions");
        assertThatThrownBy(() -> EmbeddingOptions.defaults().withMaxConcurrency(0)).hasMessageContaining("maxConcurrency");
        assertThat(EmbeddingOptions.defaults().withDimensions(256).dimensions()).isEqualTo(256);
    }
}
