package dev.bedrock4j.bench;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.LuceneVectorStore;
import dev.bedrock4j.rag.store.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * {@code clusters} clusters. Set-up builds the index on disk (build time printed as "build=...s"), and
 * computes recall@10 against the exact store over {@value #QUERIES} queries drawn from the same clusters
 * (printed as "recall@10=..."). The benchmark measures one top-10 query.
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

    private Path directory;
    private LuceneVectorStore lucene;
    private List<float[]> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<float[]> data = VectorData.clustered(size, DIM, clusters, SPREAD, 7, 1);
        queries = VectorData.clustered(QUERIES, DIM, clusters, SPREAD, 7, 2);
        directory = Files.createTempDirectory("bedrock4j-lucene-bench");
        long started = System.nanoTime();
        lucene = LuceneVectorStore.builder(directory, DIM).numCandidates(numCandidates).ramBufferMb(2048).open();
        for (int i = 0; i < data.size(); i++) {
            lucene.add("v" + i, data.get(i), "", Map.of());
        }
        lucene.commit();
        double build = (System.nanoTime() - started) / 1e9;

        InMemoryVectorStore exact = InMemoryVectorStore.create(DIM);
        for (int i = 0; i < data.size(); i++) {
            exact.add("v" + i, data.get(i), "", Map.of());
        }
        int found = 0;
        for (float[] q : queries) {
            Set<String> truth = new HashSet<>();
            exact.search(q, 10).forEach(r -> truth.add(r.id()));
            for (SearchResult r : lucene.search(q, 10)) {
                found += truth.contains(r.id()) ? 1 : 0;
            }
        }
        System.out.printf("%nlucene: %d x %d, %d clusters, build=%.1fs, recall@10=%.4f over %d queries%n",
                size, DIM, clusters, build, found / (10.0 * QUERIES), QUERIES);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        lucene.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public List<SearchResult> search() {
        next = (next + 1) % QUERIES;
        return lucene.search(queries.get(next), 10);
    }
}
