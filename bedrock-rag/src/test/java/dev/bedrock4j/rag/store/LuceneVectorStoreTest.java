package dev.bedrock4j.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest {
    @TempDir
    Path dir;

    /**
     * Clustered data, as real embeddings are (texts gather by topic): random centres, and points at a
     * Gaussian offset from one of them. Uniform random high-dimensional vectors would defeat any graph index.
     */
    static List<float[]> clustered(Random random, List<float[]> centres, int n, double spread) {
        int clusters = centres.size();
        int dim = centres.get(0).length;
        List<float[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] centre = centres.get(random.nextInt(clusters));
            float[] noise = gaussian(random, dim, spread);
            for (int d = 0; d < dim; d++) {
                noise[d] += centre[d];
            }
            points.add(noise);
        }
        return points;
    }

    private static float[] gaussian(Random random, int dim, double sigma) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    @Test
    void recallOnAClusteredCorpusIsHigh() {
        Random random = new Random(1);
        int dim = 64;
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            centres.add(gaussian(random, dim, 1.0));
        }
        // queries come from the same clusters as the data, as questions come from the corpus' topics
        List<float[]> data = clustered(random, centres, 4000, 0.35);
        List<float[]> queries = clustered(random, centres, 50, 0.35);
        BruteForce reference = new BruteForce(dim);
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, dim)) {
            for (int i = 0; i < data.size(); i++) {
                store.add("v" + i, data.get(i), "", Map.of());
                reference.upsert("v" + i, data.get(i), "", Map.of());
            }
            store.commit();
            int found = 0;
            for (float[] q : queries) {
                Set<String> truth = new HashSet<>();
                reference.search(q, SearchOptions.top(10)).forEach(r -> truth.add(r.id()));
                for (SearchResult hit : store.search(q, 10)) {
                    if (truth.contains(hit.id())) {
                        found++;
                    }
                }
            }
            double recall = found / (10.0 * queries.size());
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "scalarQuantized={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void parallelUpsertsAndAConcurrentMergeKeepEveryEntryAndTheRecall(boolean scalarQuantized) throws Exception {
        Random random = new Random(2);
        int dim = 48;
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            centres.add(gaussian(random, dim, 1.0));
        }
        List<float[]> data = clustered(random, centres, 3000, 0.35);
        List<float[]> queries = clustered(random, centres, 40, 0.35);
        BruteForce reference = new BruteForce(dim);
        for (int i = 0; i < data.size(); i++) {
            reference.upsert("v" + i, data.get(i), "t" + i, Map.of("n", Integer.toString(i % 3)));
        }
        LuceneVectorStore.Builder builder = LuceneVectorStore.builder(dir, dim).mergeWorkers(3).ramBufferMb(1);
        try (LuceneVectorStore store = (scalarQuantized ? builder.scalarQuantized() : builder).open()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    tasks.add(pool.submit(() -> {
                        for (int i = first; i < data.size(); i += 4) {
                            store.upsert("v" + i, data.get(i), "t" + i, Map.of("n", Integer.toString(i % 3)));
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> task : tasks) {
                    task.get(120, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            // the same ids again, from this thread: replaced, not duplicated
            for (int i = 0; i < 100; i++) {
                store.upsert("v" + i, data.get(i), "t" + i, Map.of("n", Integer.toString(i % 3)));
            }
            assertThat(store.segments()).isGreaterThan(1); // 1 MB of buffer: the threads flushed many segments
            store.forceMerge();
            assertThat(store.segments()).isEqualTo(1);
            assertThat(store.count()).isEqualTo(data.size());
            assertThatThrownBy(() -> store.add("v7", data.get(7), "", Map.of())).isInstanceOf(IllegalArgumentException.class);
            int found = 0;
            for (float[] q : queries) {
                Map<String, Double> truth = new java.util.HashMap<>();
                reference.search(q, SearchOptions.top(10)).forEach(r -> truth.put(r.id(), r.score()));
                List<SearchResult> hits = store.search(q, 10);
                assertThat(hits).hasSize(10);
                for (SearchResult hit : hits) {
                    if (truth.containsKey(hit.id())) {
                        found++;
                        // exact cosines, not the codes' estimate
                        assertThat(hit.score()).isCloseTo(truth.get(hit.id()), org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
            // 7-bit codes on 48 dimensions rank poorly; the float re-ranking of the candidates restores the recall
            assertThat(found / (10.0 * queries.size())).isGreaterThanOrEqualTo(0.9);
        }
        try (LuceneVectorStore reopened = LuceneVectorStore.open(dir, dim)) {
            assertThat(reopened.count()).isEqualTo(data.size());
            SearchResult top = reopened.search(data.get(5), 1).get(0);
            assertThat(top.id()).isEqualTo("v5");
            assertThat(top.metadata()).isEqualTo(Map.of("n", "2"));
        }
    }

    @Test
    void racingAddsUpsertsAndDeletesOfTheSameIdsNeverLeaveTwoEntriesForAnId() throws Exception {
        int dim = 8;
        try (LuceneVectorStore store = LuceneVectorStore.builder(dir, dim).ramBufferMb(1).open()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Random random = new Random(t);
                    tasks.add(pool.submit(() -> {
                        for (int i = 0; i < 400; i++) {
                            String id = "id-" + random.nextInt(12);
                            float[] v = gaussian(random, dim, 1.0);
                            switch (random.nextInt(3)) {
                                case 0 -> store.upsert(id, v, id, Map.of());
                                case 1 -> store.delete(id);
                                default -> {
                                    try {
                                        store.add(id, v, id, Map.of());
                                    } catch (IllegalArgumentException taken) {
                                        assertThat(taken).hasMessageContaining("already stored");
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> task : tasks) {
                    task.get(120, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> ids = ids(store.search(gaussian(new Random(9), dim, 1.0), 100));
            assertThat(ids).doesNotHaveDuplicates().hasSize(store.count());
            assertThat(store.count()).isLessThanOrEqualTo(12);
        }
    }

    @Test
    void addUpsertDeleteFiltersAndPersistence() {
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, 3)) {
            store.add("a", new float[] {1, 0, 0}, "alpha", Map.of("lang", "en", "kind", "doc"));
            store.add("b", new float[] {0.9f, 0.1f, 0}, "beta", Map.of("lang", "fr", "kind", "doc"));
            store.add("c", new float[] {0, 1, 0}, "gamma", Map.of("lang", "en", "kind", "faq"));
            assertThatThrownBy(() -> store.add("a", new float[] {0, 0, 1}, "again", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already stored");
            assertThat(store.count()).isEqualTo(3);
            assertThatThrownBy(() -> store.add("b", new float[] {0, 0, 1}, "again", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);

            List<SearchResult> hits = store.search(new float[] {2, 0, 0}, 3);
            assertThat(hits).extracting(SearchResult::id).containsExactly("a", "b", "c");
            assertThat(hits.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(hits.get(0).text()).isEqualTo("alpha");
            assertThat(hits.get(0).metadata()).isEqualTo(Map.of("lang", "en", "kind", "doc"));
            assertThat(hits.get(2).score()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));

            float[] q = {1, 0, 0};
            assertThat(ids(store.search(q, SearchOptions.top(5).withFilter(Filter.eq("lang", "en"))))).containsExactly("a", "c");
            assertThat(ids(store.search(q, SearchOptions.top(5).withFilter(Filter.in("lang", "fr", "de"))))).containsExactly("b");
            assertThat(ids(store.search(q, SearchOptions.top(5).withFilter(
                    Filter.eq("lang", "en").and(Filter.eq("kind", "faq")))))).containsExactly("c");
            assertThat(ids(store.search(q, SearchOptions.top(5).withFilter(
                    Filter.eq("lang", "fr").or(Filter.eq("kind", "faq")))))).containsExactly("b", "c");
            assertThat(ids(store.search(q, SearchOptions.top(5).withFilter(Filter.eq("lang", "en").negate()))))
                    .containsExactly("b");
            assertThat(ids(store.search(q, SearchOptions.top(5).withMinScore(0.5)))).containsExactly("a", "b");

            store.upsert("c", new float[] {1, 0, 0.01f}, "gamma2", Map.of("lang", "de"));
            assertThat(store.search(q, 1).get(0).text()).isIn("alpha", "gamma2");
            assertThat(store.delete("a")).isTrue();
            assertThat(store.delete("a")).isFalse();
            assertThat(store.delete("zzz")).isFalse();
            store.add("a", new float[] {0, 0, 1}, "alpha again", Map.of());
            assertThat(store.count()).isEqualTo(3);
        }
        try (LuceneVectorStore reopened = LuceneVectorStore.open(dir, 3)) {
            assertThat(reopened.count()).isEqualTo(3);
            assertThat(reopened.search(new float[] {0, 0, 1}, 1).get(0).text()).isEqualTo("alpha again");
        }
        assertThatThrownBy(() -> LuceneVectorStore.open(dir, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-dimensional");
    }

    @Test
    void acceptsVectorsWiderThanLucenesDefaultLimit() {
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, 1536)) {
            float[] v = new float[1536];
            v[1535] = 1;
            store.add("titan-v1", v, "wide", Map.of());
            assertThat(store.search(v, 1)).extracting(SearchResult::id).containsExactly("titan-v1");
        }
    }

    private static List<String> ids(List<SearchResult> results) {
        return results.stream().map(SearchResult::id).toList();
    }
}
