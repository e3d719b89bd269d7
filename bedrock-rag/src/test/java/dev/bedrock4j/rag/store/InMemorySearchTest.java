package dev.bedrock4j.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.rag.store.internal.FlatIndex;
import dev.bedrock4j.rag.store.internal.Kernel;
import dev.bedrock4j.rag.store.internal.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact search against a brute-force reference, for every kernel, quantization and thread count. */
class InMemorySearchTest {
    private static final int DIM = 37;

    static Stream<Arguments> configurations() {
        List<Kernel> kernels = new ArrayList<>(List.of(Kernels.plain()));
        Kernels.vectorApi().ifPresent(kernels::add);
        List<Arguments> all = new ArrayList<>();
        for (Kernel kernel : kernels) {
            for (Quantization quantization : Quantization.values()) {
                for (int parallelism : new int[] {1, 3}) {
                    all.add(Arguments.of(kernel.name(), kernel, quantization, parallelism, false));
                }
            }
            // the on-disk index before its first save: every vector in its heap overlay
            all.add(Arguments.of(kernel.name(), kernel, Quantization.INT8, 3, true));
            all.add(Arguments.of(kernel.name(), kernel, Quantization.INT4, 3, true));
        }
        return all.stream();
    }

    @Test
    void theVectorApiKernelIsUsedWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(Kernels.vectorApi().isPresent()).isEqualTo(module);
        assertThat(InMemoryVectorStore.create(4).kernel()).isEqualTo(module ? "vector-api" : "plain");
        assertThat(InMemoryVectorStore.builder(4).quantization(Quantization.INT8).build().kernel())
                .isEqualTo(module ? "vector-api-int8" : "plain-int8-swar");
        assertThat(InMemoryVectorStore.builder(4).quantization(Quantization.INT4).build().kernel())
                .isEqualTo(module ? "vector-api-int4" : "plain-int4-swar");
    }

    @ParameterizedTest(name = "{0} {2} parallelism={3} onDisk={4}")
    @MethodSource("configurations")
    void matchesBruteForceIncludingTiesBatchesFiltersAndChanges(String name, Kernel kernel, Quantization quantization,
                                                                  int parallelism, boolean onDisk) {
        Random random = new Random(42);
        InMemoryVectorStore store = InMemoryVectorStore.over(onDisk
                ? FlatIndex.onDisk(DIM, quantization, kernel, parallelism, FlatIndex.DEFAULT_OVERSAMPLE)
                : new FlatIndex(DIM, quantization, kernel, parallelism, FlatIndex.DEFAULT_OVERSAMPLE));
        BruteForce reference = new BruteForce(DIM);
        List<BruteForce.Entry> entries = BruteForce.randomEntries(random, 1300, DIM, 60);
        for (BruteForce.Entry e : entries) {
            store.add(e.id(), e.unit(), e.text(), e.metadata());
            reference.upsert(e.id(), e.unit(), e.text(), e.metadata());
        }
        List<float[]> queries = queries(random, entries);
        List<SearchOptions> optionsList = List.of(SearchOptions.top(10), SearchOptions.top(1), SearchOptions.top(2000),
                SearchOptions.top(7).withMinScore(0.25),
                SearchOptions.top(10).withFilter(Filter.eq("color", "red").and(Filter.in("size", "1", "3"))),
                SearchOptions.top(10).withFilter(Filter.eq("color", "blue").negate().or(Filter.eq("size", "0"))));
        check(store, reference, queries, optionsList);

        // change the store: deletes move the last entry into the hole, upserts overwrite in place
        for (int i = 0; i < 300; i++) {
            String id = String.format("id-%05d", random.nextInt(1300));
            assertThat(store.delete(id)).isEqualTo(reference.contains(id));
            reference.delete(id);
        }
        for (int i = 0; i < 100; i++) {
            String id = String.format("id-%05d", random.nextInt(1300));
            float[] v = queries.get(i % queries.size());
            store.upsert(id, v, "new " + i, Map.of("color", "red", "size", "1"));
            reference.upsert(id, v, "new " + i, Map.of("color", "red", "size", "1"));
        }
        assertThat(store.count()).isEqualTo(reference.size());
        check(store, reference, queries, optionsList);
    }

    private static List<float[]> queries(Random random, List<BruteForce.Entry> entries) {
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            float[] q = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                q[d] = (float) random.nextGaussian();
            }
            queries.add(q);
        }
        // a query pointing at a duplicated vector: the original and its copies tie at the top
        BruteForce.Entry duplicate = entries.stream().filter(e -> e.id().startsWith("dup-")).findFirst().orElseThrow();
        queries.add(duplicate.unit().clone());
        return queries;
    }

    private static void check(InMemoryVectorStore store, BruteForce reference, List<float[]> queries,
                              List<SearchOptions> optionsList) {
        for (SearchOptions options : optionsList) {
            List<List<SearchResult>> batch = store.searchBatch(queries, options);
            assertThat(batch).hasSize(queries.size());
            for (int q = 0; q < queries.size(); q++) {
                List<SearchResult> expected = reference.search(queries.get(q), options);
                List<SearchResult> single = store.search(queries.get(q), options);
                assertSame(single, expected);
                assertThat(batch.get(q)).isEqualTo(single);
            }
        }
    }

    static void assertSame(List<SearchResult> actual, List<SearchResult> expected) {
        assertThat(actual).extracting(SearchResult::id).containsExactlyElementsOf(
                expected.stream().map(SearchResult::id).toList());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(actual.get(i).text()).isEqualTo(expected.get(i).text());
            assertThat(actual.get(i).metadata()).isEqualTo(expected.get(i).metadata());
        }
    }

    @Test
    void rejectsBadVectorsAndDuplicateIdsWithClearMessages() {
        InMemoryVectorStore store = InMemoryVectorStore.create(3);
        store.add("a", new float[] {1, 0, 0}, "a", Map.of());
        assertThatThrownBy(() -> store.add("a", new float[] {0, 1, 0}, "a", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already stored").hasMessageContaining("upsert");
        assertThatThrownBy(() -> store.add("b", new float[] {1, 0}, "b", Map.of()))
                .hasMessageContaining("2 dimensions").hasMessageContaining("3-dimensional");
        assertThatThrownBy(() -> store.add("b", new float[] {1, Float.NaN, 0}, "b", Map.of()))
                .hasMessageContaining("vector[1] is NaN");
        assertThatThrownBy(() -> store.add("b", new float[] {0, 0, 0}, "b", Map.of())).hasMessageContaining("all zeros");
        assertThatThrownBy(() -> store.search(new float[] {1, 0}, 1)).hasMessageContaining("query has 2 dimensions");
        assertThatThrownBy(() -> SearchOptions.top(0)).hasMessageContaining("topK");
        assertThat(store.count()).isEqualTo(1);
        assertThat(InMemoryVectorStore.create(3).search(new float[] {1, 0, 0}, 3)).isEmpty();
    }

    @Test
    void scoresAreCosineSimilaritiesWhateverTheLength() {
        InMemoryVectorStore store = InMemoryVectorStore.create(2);
        store.add("x", new float[] {10, 0}, "x", Map.of("k", "v"));
        store.add("diag", new float[] {1, 1}, "diag", Map.of());
        List<SearchResult> hits = store.search(new float[] {0.5f, 0}, 5);
        assertThat(hits).extracting(SearchResult::id).containsExactly("x", "diag");
        assertThat(hits.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(hits.get(0).metadata()).containsEntry("k", "v");
    }
}
