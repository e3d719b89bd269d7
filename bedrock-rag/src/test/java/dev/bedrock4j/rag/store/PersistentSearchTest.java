package dev.bedrock4j.rag.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The persistent store, after a save and a reload, against the brute-force reference. */
class PersistentSearchTest {
    private static final int DIM = 29;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Quantization.class)
    void reloadedStoreMatchesBruteForceIncludingTies(Quantization quantization) {
        Random random = new Random(17);
        List<BruteForce.Entry> entries = BruteForce.randomEntries(random, 900, DIM, 40);
        BruteForce reference = new BruteForce(DIM);
        try (PersistentVectorStore store = PersistentVectorStore.builder(dir, DIM).quantization(quantization).open()) {
            for (BruteForce.Entry e : entries) {
                store.add(e.id(), e.unit(), e.text(), e.metadata());
                reference.upsert(e.id(), e.unit(), e.text(), e.metadata());
            }
        }
        PersistentVectorStore reloaded = PersistentVectorStore.builder(dir, DIM).quantization(quantization).open();
        assertThat(reloaded.count()).isEqualTo(entries.size());
        List<float[]> queries = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float[] q = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                q[d] = (float) random.nextGaussian();
            }
            queries.add(q);
        }
        queries.add(entries.get(entries.size() - 1).unit());   // a duplicated vector: ties at the top
        for (SearchOptions options : List.of(SearchOptions.top(10), SearchOptions.top(25).withMinScore(0.1),
                SearchOptions.top(10).withFilter(Filter.in("size", "0", "4").and(Filter.eq("color", "red").negate())))) {
            List<List<SearchResult>> batch = reloaded.searchBatch(queries, options);
            for (int q = 0; q < queries.size(); q++) {
                InMemorySearchTest.assertSame(batch.get(q), reference.search(queries.get(q), options));
            }
        }
    }
}
