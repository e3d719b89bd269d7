package dev.bedrock4j.bench;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.LuceneVectorStore;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The approximate Lucene HNSW store on CLUSTERED data (see {@link VectorData#clustered}): N x 1024 in
 * {@code clusters} clusters, beside LangChain4j's {@code InMemoryEmbeddingStore} on the same data. Set-up builds
 * the index on disk from {@code indexThreads} threads (0: one per core) with as many merge workers, flushing a segment
 * per {@code ramBufferMb} of vectors, then, with {@code merge}, merges it into one segment (without it a search walks
 * one graph per segment). It prints the build time, including the merge or the commit, as "build=...s", with the CPU
 * time of the whole process and the collectors' pause time over the same span (a build from more threads that does
 * more work per vector shows it there), recall@10 against the exact store over {@value #QUERIES} queries drawn from
 * the same clusters ("recall@10=..."), and the index's bytes per vector on disk. {@code scalarQuantized} switches to Lucene's 7-bit HNSW format. The
 * benchmarks measure one top-10 query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LuceneSearchBenchmark {
    static final int DIM = 1024;
    static final int QUERIES = 100;
    static final double SPREAD = 0.1;

    @Param({"100000"})
    public int size;

    @Param({"1000"})
    public int clusters;

    @Param({"100"})
    public int numCandidates;

    @Param({"0"})
    public int indexThreads;

    @Param({"false"})
    public boolean scalarQuantized;

    @Param({"2048"})
    public double ramBufferMb;

    @Param({"true"})
    public boolean merge;

    private Path directory;
    private LuceneVectorStore lucene;
    private InMemoryEmbeddingStore<TextSegment> langchain4j;
    private List<float[]> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<float[]> data = VectorData.clustered(size, DIM, clusters, SPREAD, 7, 1);
        queries = VectorData.clustered(QUERIES, DIM, clusters, SPREAD, 7, 2);
        directory = Files.createTempDirectory("bedrock4j-lucene-bench");
        int threads = indexThreads == 0 ? Runtime.getRuntime().availableProcessors() : indexThreads;
        long started = System.nanoTime();
        long cpuStarted = HeapMeter.processCpuNanos();
        long gcStarted = HeapMeter.gcMillis();
        LuceneVectorStore.Builder builder = LuceneVectorStore.builder(directory, DIM).numCandidates(numCandidates)
                .ramBufferMb(ramBufferMb).mergeWorkers(threads);
        lucene = (scalarQuantized ? builder.scalarQuantized() : builder).open();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < data.size(); i += threads) {
                        lucene.upsert("v" + i, data.get(i), "", Map.of());
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
        double indexing = (System.nanoTime() - started) / 1e9;
        if (merge) {
            lucene.forceMerge();
        } else {
            lucene.commit();
        }
        double build = (System.nanoTime() - started) / 1e9;
        double cpu = (HeapMeter.processCpuNanos() - cpuStarted) / 1e9;
        double gc = (HeapMeter.gcMillis() - gcStarted) / 1e3;

        InMemoryVectorStore exact = InMemoryVectorStore.create(DIM);
        langchain4j = new InMemoryEmbeddingStore<>();
        for (int i = 0; i < data.size(); i++) {
            exact.add("v" + i, data.get(i), "", Map.of());
            langchain4j.add("v" + i, Embedding.from(data.get(i)));
        }
        List<List<SearchResult>> truth = exact.searchBatch(queries, SearchOptions.top(10));
        int found = 0;
        for (int q = 0; q < QUERIES; q++) {
            Set<String> expected = new HashSet<>();
            truth.get(q).forEach(r -> expected.add(r.id()));
            for (SearchResult r : lucene.search(queries.get(q), 10)) {
                found += expected.contains(r.id()) ? 1 : 0;
            }
        }
        System.out.printf("%nlucene: %d x %d, %d clusters, %d index threads, %s, %d segments, build=%.1fs (indexing %.1fs, merge %.1fs; process CPU %.1fs, GC %.1fs), recall@10=%.4f over %d"
                        + " queries, %.0f bytes/vector on disk%n", size, DIM, clusters, threads,
                scalarQuantized ? "7-bit scalar-quantized HNSW" : "float HNSW", lucene.segments(), build, indexing, build - indexing, cpu, gc, found / (10.0 * QUERIES), QUERIES,
                (double) HeapMeter.directorySize(directory) / size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        lucene.close();
        HeapMeter.delete(directory);
    }

    @Benchmark
    public List<SearchResult> search() {
        next = (next + 1) % QUERIES;
        return lucene.search(queries.get(next), 10);
    }

    @Benchmark
    public List<EmbeddingMatch<TextSegment>> langchain4j() {
        next = (next + 1) % QUERIES;
        return langchain4j.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(queries.get(next)))
                .maxResults(10).build()).matches();
    }
}
