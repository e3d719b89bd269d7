package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.core.embed.InputType;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FakeEmbeddingModelTest {
    @Test
    void isDeterministicAndPlacesRelatedTextsCloser() {
        FakeEmbeddingModel model = FakeEmbeddingModel.create(256);
        Embedding query = model.embedQuery("capital of France");
        Embedding related = model.embedDocuments(List.of("Paris is the capital of France")).embeddings().get(0);
        Embedding unrelated = model.embedDocuments(List.of("bananas are yellow")).embeddings().get(0);

        assertThat(FakeEmbeddingModel.create(256).embedQuery("capital of France")).isEqualTo(query);
        assertThat(query.cosineSimilarity(related)).isGreaterThan(query.cosineSimilarity(unrelated));
        assertThat(query.dimension()).isEqualTo(256);
        assertThat(query.norm()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void recordsCallsWithInputTypesAndTokens() {
        FakeEmbeddingModel model = FakeEmbeddingModel.create("fake.embed", 8);
        assertThat(model.embedDocuments(List.of("a b", "c")).inputTokens()).isEqualTo(3);
        model.embedQuery("q");

        assertThat(model.calls()).containsExactly(
                new FakeEmbeddingModel.Call(List.of("a b", "c"), InputType.DOCUMENT),
                new FakeEmbeddingModel.Call(List.of("q"), InputType.QUERY));
        assertThat(model.texts()).containsExactly("a b", "c", "q");
        model.clear();
        assertThat(model.calls()).isEmpty();
    }

    @Test
    void validatesLikeTheRealModelsAndReplaysScriptedErrors() {
        FakeEmbeddingModel model = FakeEmbeddingModel.create(8);
        assertThatThrownBy(() -> model.embedDocuments(List.of("x", "")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("texts[1]"));
        model.enqueueError(new ThrottledException("slow down"));
        assertThatThrownBy(() -> model.embedQuery("x")).isInstanceOf(ThrottledException.class);
        assertThat(model.embedQuery("x")).isEqualTo(model.vectorOf("x"));
    }

    @Test
    void recordsEveryCallFromManyThreads() throws Exception {
        FakeEmbeddingModel model = FakeEmbeddingModel.create(16);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Embedding>> futures = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> model.embedQuery("text " + (i % 10)))).toList();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(model.vectorOf("text " + (i % 10)));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(model.calls()).hasSize(200);
    }
}
