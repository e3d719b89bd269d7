package dev.bedrock4j.rag.store;

import dev.bedrock4j.rag.store.internal.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The reference: every entry scored in double precision, sorted by score then id. */
final class BruteForce {
    private final int dim;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    record Entry(String id, float[] unit, String text, Map<String, String> metadata) {
    }

    BruteForce(int dim) {
        this.dim = dim;
    }

    void upsert(String id, float[] vector, String text, Map<String, String> metadata) {
        entries.put(id, new Entry(id, Vectors.unit(vector, dim, "vector"), text, metadata));
    }

    boolean contains(String id) {
        return entries.containsKey(id);
    }

    int size() {
        return entries.size();
    }

    void delete(String id) {
        entries.remove(id);
    }

    List<SearchResult> search(float[] query, SearchOptions options) {
        float[] q = Vectors.unit(query, dim, "query");
        List<SearchResult> all = new ArrayList<>();
        for (Entry e : entries.values()) {
            double score = 0;
            for (int d = 0; d < dim; d++) {
                score += (double) q[d] * e.unit[d];
            }
            if (score >= options.minScore() - 1e-6 && options.filter().test(e.metadata)) {
                all.add(new SearchResult(e.id, score, e.text, e.metadata));
            }
        }
        all.sort(Comparator.comparingDouble(SearchResult::score).reversed().thenComparing(SearchResult::id));
        return all.subList(0, Math.min(options.topK(), all.size()));
    }

    /** Random data with exact duplicates under other ids, so that ties occur. */
    static List<Entry> randomEntries(Random random, int n, int dim, int duplicates) {
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) random.nextGaussian();
            }
            list.add(new Entry(String.format("id-%05d", i), v, "text " + i,
                    Map.of("color", List.of("red", "green", "blue").get(i % 3), "size", String.valueOf(i % 5))));
        }
        for (int i = 0; i < duplicates; i++) {
            Entry original = list.get(random.nextInt(n));
            // copies scaled by a power of two normalise to the very same unit vector: an exact tie, broken by id
            float[] copy = original.unit.clone();
            for (int d = 0; d < dim; d++) {
                copy[d] *= 4f;
            }
            list.add(new Entry("dup-" + i + "-" + original.id, copy, original.text, original.metadata));
        }
        return list;
    }
}
