package dev.bedrock4j.bench;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.Quantization;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Exact top-10 with 8-bit scan and exact re-ranking of the best {@code 10 * oversample} candidates, over
 * N x 1024. Recall@10 against the float store is computed once in set-up over the {@value #QUERIES}
 * queries and printed ("recall@10=..."). Scanned bytes per query: N * 1024 (a quarter of float).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Int8SearchBenchmark {
    static final int DIM = 1024;
    static final int QUERIES = 64;

    @Param({"100000"})
    public int size;

    @Param({"10"})
    public int oversample;

    private InMemoryVectorStore int8;
    private List<float[]> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<float[]> data = VectorData.uniform(size, DIM, 1);
        queries = VectorData.uniform(QUERIES, DIM, 2);
        InMemoryVectorStore exact = InMemoryVectorStore.create(DIM);
        int8 = InMemoryVectorStore.builder(DIM).quantization(Quantization.INT8).oversample(oversample).build();
        for (int i = 0; i < data.size(); i++) {
            exact.add("v" + i, data.get(i), "", Map.of());
            int8.add("v" + i, data.get(i), "", Map.of());
        }
        int found = 0;
        for (float[] q : queries) {
            Set<String> truth = new HashSet<>();
            exact.search(q, 10).forEach(r -> truth.add(r.id()));
            for (SearchResult r : int8.search(q, 10)) {
                found += truth.contains(r.id()) ? 1 : 0;
            }
        }
        System.out.printf("%nstore: %s, recall@10=%.4f over %d queries%n", int8, found / (10.0 * QUERIES), QUERIES);
    }

    @Benchmark
    public List<SearchResult> int8() {
        next = (next + 1) % QUERIES;
        return int8.search(queries.get(next), 10);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public List<List<SearchResult>> int8Batch() {
        return int8.searchBatch(queries, SearchOptions.top(10));
    }
}
