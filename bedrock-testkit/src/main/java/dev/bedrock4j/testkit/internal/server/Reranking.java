package dev.bedrock4j.testkit.internal.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The local server's reranking model: deterministic relevance by lexical overlap, the share of the query's
 * distinct words a document holds (0 to 1), ties broken by the shorter document, then by position. Thread-safe:
 * stateless.
 */
final class Reranking {
    /** The reranking models Bedrock serves. */
    static final List<String> MODELS = List.of("amazon.rerank-v1:0", "cohere.rerank-v3-5:0");

    private Reranking() {
    }

    /** Every document as {@code {index, score}}, best first. */
    static List<double[]> rank(String query, List<String> documents) {
        Set<String> queryWords = words(query);
        List<double[]> ranked = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Set<String> words = words(documents.get(i));
            words.retainAll(queryWords);
            double overlap = queryWords.isEmpty() ? 0 : (double) words.size() / queryWords.size();
            ranked.add(new double[] {i, overlap, documents.get(i).length()});
        }
        ranked.sort(Comparator.comparingDouble((double[] r) -> -r[1]).thenComparingDouble(r -> r[2])
                .thenComparingDouble(r -> r[0]));
        return ranked;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1) {
                words.add(word);
            }
        }
        return words;
    }
}
