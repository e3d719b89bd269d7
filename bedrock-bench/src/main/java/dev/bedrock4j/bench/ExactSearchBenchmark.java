package dev.bedrock4j.bench;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import java.util.List;
import java.util.Map;
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
 * Exact top-10 search over N vectors of 1024 dimensions: the naive baseline, the in-memory store one
 * query at a time, and the store answering {@value #BATCH} queries in one pass (time per query).
 * Scanned bytes per query: N * 1024 * 4.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExactSearchBenchmark {
    static final int DIM = 1024;
    static final int BATCH = 64;

    @Param({"10000", "100000", "1000000"})
    public int size;

    private NaiveSearch naive;
    private InMemoryVectorStore store;
    private List<float[]> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
        List<float[]> data = VectorData.uniform(size, DIM, 1);
        queries = VectorData.uniform(BATCH, DIM, 2);
        if (params.getBenchmark().endsWith("naive")) {
            naive = new NaiveSearch(data);
        } else {
            store = InMemoryVectorStore.create(DIM);
            for (int i = 0; i < data.size(); i++) {
                store.add("v" + i, data.get(i), "", Map.of());
            }
            System.out.println("\nstore: " + store);
        }
    }

    private float[] nextQuery() {
        next = (next + 1) % BATCH;
        return queries.get(next);
    }

    @Benchmark
    public int[] naive() {
        return naive.topK(nextQuery(), 10);
    }

    @Benchmark
    public List<SearchResult> exact() {
        return store.search(nextQuery(), 10);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<List<SearchResult>> batch() {
        return store.searchBatch(queries, SearchOptions.top(10));
    }
}
