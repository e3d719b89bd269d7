package dev.bedrock4j.bench;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.rag.store.Quantization;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Exact top-10 at scale, three stores side by side in one JVM over the same N x 1024 Gaussian vectors:
 * LangChain4j's {@code InMemoryEmbeddingStore}, the exact float {@link InMemoryVectorStore}, and the
 * {@link PersistentVectorStore} with {@code vectorsOnDisk()} ({@code codes}: 8-bit or 4-bit codes in the heap,
 * floats memory-mapped, exact re-ranking of {@code 10 x oversample} candidates; oversample 0 takes the store's
 * default, 10 for INT8 and 40 for INT4).
 *
 * <p>Set-up prints, per store: build time, open time (on-disk store, reopened from its file), heap bytes per
 * vector (heap in use after full collections, before and after the store is built or opened), bytes per vector
 * on disk (mapped, outside the heap), and recall@10 against the exact float store over {@value #QUERIES}
 * queries. Run it at 1M with {@code -p size=1000000} on a quiet machine (see BENCHMARKS.md). The stores are
 * kept for the life of the JVM, so that with {@code -f 0} (every trial in one JVM) each is built once and every
 * ratio is taken in the same JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScaleSearchBenchmark {
    static final int DIM = 1024;
    static final int QUERIES = 64;

    @Param({"20000"})
    public int size;

    @Param({"INT8"})
    public String codes;

    @Param({"0"})
    public int oversample;

    /** What one size shares across trials: queries, the exact and LangChain4j stores, the exact answers. */
    private record Shared(List<float[]> queries, List<Embedding> queryEmbeddings, InMemoryVectorStore exact,
                          InMemoryEmbeddingStore<TextSegment> langchain4j, List<List<SearchResult>> truth) {
    }

    private static final Map<Integer, Shared> SHARED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Path> FILES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, PersistentVectorStore> ON_DISK = new java.util.concurrent.ConcurrentHashMap<>();

    private Shared shared;
    private PersistentVectorStore onDisk;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        shared = SHARED.computeIfAbsent(size, ScaleSearchBenchmark::share);
        onDisk = ON_DISK.computeIfAbsent(size + "/" + codes + "/" + oversample, key -> onDisk(shared));
    }

    private static Shared share(int size) {
        List<float[]> queries = new ArrayList<>();
        List<Embedding> queryEmbeddings = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            queries.add(VectorData.gaussian(q, DIM, 2));
            queryEmbeddings.add(Embedding.from(queries.get(q)));
        }
        long before = HeapMeter.usedAfterGc();
        long started = System.nanoTime();
        InMemoryVectorStore exact = InMemoryVectorStore.create(DIM);
        for (int i = 0; i < size; i++) {
            exact.add("v" + i, VectorData.gaussian(i, DIM, 1), "", Map.of());
        }
        double exactBuild = seconds(started);
        long exactHeap = HeapMeter.usedAfterGc() - before;

        before = HeapMeter.usedAfterGc();
        started = System.nanoTime();
        InMemoryEmbeddingStore<TextSegment> langchain4j = new InMemoryEmbeddingStore<>();
        for (int i = 0; i < size; i++) {
            langchain4j.add("v" + i, Embedding.from(VectorData.gaussian(i, DIM, 1)));
        }
        double langchain4jBuild = seconds(started);
        long langchain4jHeap = HeapMeter.usedAfterGc() - before;

        List<List<SearchResult>> truth = exact.searchBatch(queries, SearchOptions.top(10));
        Shared shared = new Shared(queries, queryEmbeddings, exact, langchain4j, truth);
        List<List<SearchResult>> fromLangchain4j = new ArrayList<>();
        for (int q = 0; q < 8; q++) {
            List<SearchResult> hits = new ArrayList<>();
            for (EmbeddingMatch<TextSegment> m : langchain4j(shared, q)) {
                hits.add(new SearchResult(m.embeddingId(), m.score(), "", Map.of()));
            }
            fromLangchain4j.add(hits);
        }
        double langchain4jRecall = recall(truth.subList(0, 8), fromLangchain4j);
        System.out.printf("%nscale: %d x %d (exact store: %s)%n", size, DIM, exact.kernel());
        System.out.printf("  exact float:  build %.1f s, heap %.0f B/vector%n", exactBuild, (double) exactHeap / size);
        System.out.printf("  langchain4j:  build %.1f s, heap %.0f B/vector, recall@10 %.4f (8 queries)%n",
                langchain4jBuild, (double) langchain4jHeap / size, langchain4jRecall);
        return shared;
    }

    private PersistentVectorStore onDisk(Shared shared) {
        Quantization quantization = Quantization.valueOf(codes);
        Path directory = FILES.computeIfAbsent(size + "/" + codes, key -> write(quantization));
        long before = HeapMeter.usedAfterGc();
        long started = System.nanoTime();
        PersistentVectorStore.Builder builder = PersistentVectorStore.builder(directory, DIM).vectorsOnDisk()
                .quantization(quantization).readOnly();
        PersistentVectorStore store = (oversample > 0 ? builder.oversample(oversample) : builder).open();
        double open = seconds(started);
        long heap = HeapMeter.usedAfterGc() - before;
        long file = HeapMeter.directorySize(directory);
        double recall = recall(shared.truth(), store.searchBatch(shared.queries(), SearchOptions.top(10)));
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        System.out.printf("%n  on-disk %s, kernel %s: open %.2f s, heap %.0f B/vector, file %.0f B/vector (mapped,"
                        + " off-heap), recall@10 %.4f (oversample %s)%n", codes, store.kernel(), open,
                (double) heap / size, (double) file / size, recall, oversample > 0 ? oversample : "default");
        return store;
    }

    // writes the on-disk store once per size and code width; deleted when the JVM exits
    private Path write(Quantization quantization) {
        Path directory;
        try {
            directory = Files.createTempDirectory("bedrock4j-scale-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long started = System.nanoTime();
        try (PersistentVectorStore writer = PersistentVectorStore.builder(directory, DIM).vectorsOnDisk()
                .quantization(quantization).open()) {
            for (int i = 0; i < size; i++) {
                writer.add("v" + i, VectorData.gaussian(i, DIM, 1), "", Map.of());
            }
        }
        System.out.printf("%n  on-disk %s: build+save %.1f s%n", quantization, seconds(started));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> HeapMeter.delete(directory)));
        return directory;
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

    private static List<EmbeddingMatch<TextSegment>> langchain4j(Shared shared, int q) {
        return shared.langchain4j().search(EmbeddingSearchRequest.builder().queryEmbedding(shared.queryEmbeddings().get(q))
                .maxResults(10).build()).matches();
    }

    @Benchmark
    public List<EmbeddingMatch<TextSegment>> langchain4j() {
        next = (next + 1) % QUERIES;
        return langchain4j(shared, next);
    }

    @Benchmark
    public List<SearchResult> exact() {
        next = (next + 1) % QUERIES;
        return shared.exact().search(shared.queries().get(next), 10);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public List<List<SearchResult>> exactBatch() {
        return shared.exact().searchBatch(shared.queries(), SearchOptions.top(10));
    }

    @Benchmark
    public List<SearchResult> onDisk() {
        next = (next + 1) % QUERIES;
        return onDisk.search(shared.queries().get(next), 10);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public List<List<SearchResult>> onDiskBatch() {
        return onDisk.searchBatch(shared.queries(), SearchOptions.top(10));
    }
}
