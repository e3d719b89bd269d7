package dev.bedrock4j.bench;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Exact top-10 at scale, three stores side by side in one JVM over the same N x 1024 Gaussian vectors:
 * LangChain4j's {@code InMemoryEmbeddingStore}, the exact float {@link InMemoryVectorStore}, and the
 * {@link PersistentVectorStore} with {@code vectorsOnDisk()} (8-bit codes in the heap, floats memory-mapped,
 * exact re-ranking of {@code 10 x oversample} candidates).
 *
 * <p>Set-up prints, per store: build time, open time (on-disk store, reopened from its file), heap bytes per
 * vector (heap in use after full collections, before and after the store is built or opened), bytes per vector
 * on disk (mapped, outside the heap), and recall@10 against the exact float store over {@value #QUERIES}
 * queries. Run it at 1M with {@code -p size=1000000} on a quiet machine (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScaleSearchBenchmark {
    static final int DIM = 1024;
    static final int QUERIES = 64;

    @Param({"20000"})
    public int size;

    @Param({"10"})
    public int oversample;

    private Path directory;
    private PersistentVectorStore onDisk;
    private InMemoryVectorStore exact;
    private InMemoryEmbeddingStore<TextSegment> langchain4j;
    private List<float[]> queries;
    private List<Embedding> queryEmbeddings;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        queries = new ArrayList<>();
        queryEmbeddings = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            queries.add(VectorData.gaussian(q, DIM, 2));
            queryEmbeddings.add(Embedding.from(queries.get(q)));
        }
        directory = Files.createTempDirectory("bedrock4j-scale-bench");

        long started = System.nanoTime();
        try (PersistentVectorStore writer = PersistentVectorStore.builder(directory, DIM).vectorsOnDisk().open()) {
            for (int i = 0; i < size; i++) {
                writer.add("v" + i, VectorData.gaussian(i, DIM, 1), "", Map.of());
            }
        }
        double onDiskBuild = seconds(started);
        long before = HeapMeter.usedAfterGc();
        started = System.nanoTime();
        onDisk = PersistentVectorStore.builder(directory, DIM).vectorsOnDisk().oversample(oversample).readOnly().open();
        double onDiskOpen = seconds(started);
        long onDiskHeap = HeapMeter.usedAfterGc() - before;
        long onDiskFile = HeapMeter.directorySize(directory);

        before = HeapMeter.usedAfterGc();
        started = System.nanoTime();
        exact = InMemoryVectorStore.create(DIM);
        for (int i = 0; i < size; i++) {
            exact.add("v" + i, VectorData.gaussian(i, DIM, 1), "", Map.of());
        }
        double exactBuild = seconds(started);
        long exactHeap = HeapMeter.usedAfterGc() - before;

        before = HeapMeter.usedAfterGc();
        started = System.nanoTime();
        langchain4j = new InMemoryEmbeddingStore<>();
        for (int i = 0; i < size; i++) {
            langchain4j.add("v" + i, Embedding.from(VectorData.gaussian(i, DIM, 1)));
        }
        double langchain4jBuild = seconds(started);
        long langchain4jHeap = HeapMeter.usedAfterGc() - before;

        List<List<SearchResult>> truth = exact.searchBatch(queries, SearchOptions.top(10));
        double onDiskRecall = recall(truth, onDisk.searchBatch(queries, SearchOptions.top(10)));
        List<List<SearchResult>> fromLangchain4j = new ArrayList<>();
        for (int q = 0; q < 8; q++) {
            List<SearchResult> hits = new ArrayList<>();
            for (EmbeddingMatch<TextSegment> m : langchain4j(q)) {
                hits.add(new SearchResult(m.embeddingId(), m.score(), "", Map.of()));
            }
            fromLangchain4j.add(hits);
        }
        double langchain4jRecall = recall(truth.subList(0, 8), fromLangchain4j);

        System.out.printf("%nscale: %d x %d, kernel %s (exact store: %s)%n", size, DIM, onDisk.kernel(), exact.kernel());
        System.out.printf("  on-disk int8: build+save %.1f s, open %.2f s, heap %.0f B/vector, file %.0f B/vector"
                        + " (mapped, off-heap), recall@10 %.4f (oversample %d)%n", onDiskBuild, onDiskOpen,
                (double) onDiskHeap / size, (double) onDiskFile / size, onDiskRecall, oversample);
        System.out.printf("  exact float:  build %.1f s, heap %.0f B/vector%n", exactBuild, (double) exactHeap / size);
        System.out.printf("  langchain4j:  build %.1f s, heap %.0f B/vector, recall@10 %.4f (8 queries)%n",
                langchain4jBuild, (double) langchain4jHeap / size, langchain4jRecall);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static double recall(List<List<SearchResult>> truth, List<List<SearchResult>> found) {
        int hits = 0;
        int total = 0;
        for (int q = 0; q < truth.size(); q++) {
            Set<String> expected = new HashSet<>();
            truth.get(q).forEach(r -> expected.add(r.id()));
            total += expected.size();
            for (SearchResult r : found.get(q)) {
                hits += expected.contains(r.id()) ? 1 : 0;
            }
        }
        return (double) hits / total;
    }

    private List<EmbeddingMatch<TextSegment>> langchain4j(int q) {
        return langchain4j.search(EmbeddingSearchRequest.builder().queryEmbedding(queryEmbeddings.get(q))
                .maxResults(10).build()).matches();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        onDisk.close();
        HeapMeter.delete(directory);
    }

    @Benchmark
    public List<EmbeddingMatch<TextSegment>> langchain4j() {
        next = (next + 1) % QUERIES;
        return langchain4j(next);
    }

    @Benchmark
    public List<SearchResult> exact() {
        next = (next + 1) % QUERIES;
        return exact.search(queries.get(next), 10);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public List<List<SearchResult>> exactBatch() {
        return exact.searchBatch(queries, SearchOptions.top(10));
    }

    @Benchmark
    public List<SearchResult> onDisk() {
        next = (next + 1) % QUERIES;
        return onDisk.search(queries.get(next), 10);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public List<List<SearchResult>> onDiskBatch() {
        return onDisk.searchBatch(queries, SearchOptions.top(10));
    }
}
