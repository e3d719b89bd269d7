package dev.bedrock4j.bench;

import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.IngestReport;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingestion throughput on a corpus of exactly 1,000,000 bytes of ASCII prose (200 documents of 5,000 bytes, in
 * paragraphs and sentences), so that {@code chunk} operations per second are megabytes chunked per second,
 * with the recursive or the fixed-window chunker (300 tokens, 30 of overlap). {@code ingest} runs the whole pipeline, chunks embedded in batches of 64 by the testkit's fake embedding
 * model (hashing-trick vectors of 1,024 dimensions, no network) into a fresh in-memory store with the ingestion
 * ledger; its {@code chunks} counter is chunks embedded and stored per second. {@code reingestUnchanged} is a
 * second run over the same documents: content hashes only, nothing embedded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestionBenchmark {
    static final int DOCUMENTS = 200;
    static final int DOCUMENT_BYTES = 5_000;
    static final int DIMENSION = 1024;
    private static final String[] WORDS = {"the", "vacation", "policy", "employees", "may", "carry", "over", "days",
        "expense", "report", "manager", "approval", "within", "thirty", "a", "remote", "work", "office", "security",
        "orders", "ship", "business", "refund", "warehouse", "customer", "password", "characters", "travel"};

    /** Which chunker the {@code chunk} benchmark measures. */
    @Param({"recursive", "fixed"})
    public String chunker;

    private List<Document> corpus;
    private Chunker chunking;
    private FakeEmbeddingModel model;
    private Ingestor ingested;

    /** Chunks embedded and stored, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Chunks embedded and stored. */
        public long chunks;

        /** Clears the count before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            chunks = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        corpus = corpus(DOCUMENTS, DOCUMENT_BYTES, 42);
        chunking = chunker.equals("fixed") ? Chunker.fixed(300, 30) : Chunker.recursive(300, 30);
        model = FakeEmbeddingModel.create(DIMENSION);
        ingested = Ingestor.builder(model, InMemoryVectorStore.create(DIMENSION)).chunker(chunking).build();
        ingested.ingest(corpus);
        int chunks = 0;
        for (Document document : corpus) {
            chunks += chunking.chunk(document).size();
        }
        System.out.println("\ncorpus: " + DOCUMENTS + " documents, " + DOCUMENTS * DOCUMENT_BYTES + " bytes, "
                + chunks + " chunks with " + chunking);
    }

    @Benchmark
    public void chunk(Blackhole blackhole) {
        for (Document document : corpus) {
            List<Chunk> chunks = chunking.chunk(document);
            blackhole.consume(chunks);
        }
    }

    @Benchmark
    public IngestReport ingest(Counters counters) {
        model.clear(); // the fake records every call; keep memory flat
        Ingestor ingestor = Ingestor.builder(model, InMemoryVectorStore.create(DIMENSION)).chunker(chunking)
                .batchSize(64).build();
        IngestReport report = ingestor.ingest(corpus);
        counters.chunks += report.chunksEmbedded();
        return report;
    }

    @Benchmark
    public IngestReport reingestUnchanged() {
        return ingested.ingest(corpus);
    }

    /** Documents of exactly {@code bytes} ASCII characters: sentences of 3 to 20 words, paragraphs of 1 to 6. */
    static List<Document> corpus(int documents, int bytes, long seed) {
        Random random = new Random(seed);
        List<Document> corpus = new ArrayList<>(documents);
        for (int d = 0; d < documents; d++) {
            StringBuilder text = new StringBuilder(bytes + 200);
            while (text.length() < bytes) {
                int sentences = 1 + random.nextInt(6);
                for (int s = 0; s < sentences; s++) {
                    int words = 3 + random.nextInt(18);
                    for (int w = 0; w < words; w++) {
                        String word = WORDS[random.nextInt(WORDS.length)];
                        text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                                .append(w == words - 1 ? ". " : " ");
                    }
                }
                text.append("\n\n");
            }
            text.setLength(bytes);
            corpus.add(Document.of("doc-" + d + ".txt", text.toString()));
        }
        return corpus;
    }
}
