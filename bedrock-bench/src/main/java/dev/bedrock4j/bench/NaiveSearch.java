package dev.bedrock4j.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The baseline: how exact search is commonly written. Vectors in a {@code List<float[]>}, cosine
 * similarity with both norms computed for every vector on every query, then a full sort.
 */
final class NaiveSearch {
    private final List<float[]> vectors;

    NaiveSearch(List<float[]> vectors) {
        this.vectors = vectors;
    }

    record Scored(int index, float score) {
    }

    int[] topK(float[] query, int k) {
        List<Scored> scored = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            float dot = 0;
            float queryNorm = 0;
            float norm = 0;
            for (int d = 0; d < v.length; d++) {
                dot += query[d] * v[d];
                queryNorm += query[d] * query[d];
                norm += v[d] * v[d];
            }
            scored.add(new Scored(i, (float) (dot / (Math.sqrt(queryNorm) * Math.sqrt(norm)))));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        int[] top = new int[Math.min(k, scored.size())];
        for (int i = 0; i < top.length; i++) {
            top[i] = scored.get(i).index();
        }
        return top;
    }
}
