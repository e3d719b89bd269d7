package dev.bedrock4j.rag.internal;

import dev.bedrock4j.rag.Reranker;
import dev.bedrock4j.rag.RetrievedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The local reranker ({@link Reranker#keywords()}): the candidates' ranking and a keyword ranking (the query
 * words each passage contains, rarer words weighing more) fused by reciprocal rank, {@code 1/(60 + rank)}
 * summed over both. The fused value becomes the score. Thread-safe: stateless.
 */
public final class KeywordReranker implements Reranker {
    /** The one instance. */
    public static final KeywordReranker INSTANCE = new KeywordReranker();
    /** The usual constant of reciprocal rank fusion: it damps the weight of the very first ranks. */
    static final int RRF_K = 60;

    private KeywordReranker() {
    }

    @Override
    public List<RetrievedChunk> rerank(String query, List<RetrievedChunk> hits, int topK) {
        Queries.check(query);
        if (topK < 1) {
            throw new IllegalArgumentException("topN must be at least 1, was " + topK);
        }
        Set<String> queryWords = words(query);
        List<Set<String>> passageWords = new ArrayList<>(hits.size());
        Map<String, Integer> frequency = new HashMap<>();
        for (RetrievedChunk hit : hits) {
            Set<String> words = words(hit.text());
            words.retainAll(queryWords);
            passageWords.add(words);
            words.forEach(w -> frequency.merge(w, 1, Integer::sum));
        }
        double[] keyword = new double[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            for (String word : passageWords.get(i)) {
                keyword[i] += Math.log(1 + (double) hits.size() / frequency.get(word));
            }
        }
        List<Integer> byKeyword = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            byKeyword.add(i);
        }
        byKeyword.sort(Comparator.comparingDouble((Integer i) -> -keyword[i]).thenComparingInt(i -> i));
        double[] fused = new double[hits.size()];
        for (int rank = 0; rank < hits.size(); rank++) {
            fused[rank] += 1.0 / (RRF_K + rank + 1);
            fused[byKeyword.get(rank)] += 1.0 / (RRF_K + rank + 1);
        }
        List<Integer> order = new ArrayList<>(byKeyword);
        order.sort(Comparator.comparingDouble((Integer i) -> -fused[i]).thenComparingInt(i -> i));
        List<RetrievedChunk> ranked = new ArrayList<>(Math.min(topK, hits.size()));
        for (int i : order.subList(0, Math.min(topK, order.size()))) {
            RetrievedChunk hit = hits.get(i);
            ranked.add(new RetrievedChunk(hit.text(), fused[i], hit.location(), hit.metadata()));
        }
        return List.copyOf(ranked);
    }

    @Override
    public String toString() {
        return "Reranker[keywords]";
    }

    /** The distinct lower-case words of a text, letters and digits only. */
    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1) {
                words.add(word);
            }
        }
        return words;
    }
}
