package dev.bedrock4j.rag.store;

import dev.bedrock4j.rag.store.internal.FlatIndex;
import dev.bedrock4j.rag.store.internal.Kernels;
import dev.bedrock4j.rag.store.internal.StoreFile;
import dev.bedrock4j.rag.store.internal.Vectors;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vector store in memory with exact search, built for speed: vectors are normalised once and kept
 * contiguously in tiles of a few hundred, dimension by dimension, so that the scan is a stream of fused
 * multiply-adds the JIT turns into SIMD instructions; a search is split across cores and keeps a bounded
 * heap of the best hits. With {@code --add-modules jdk.incubator.vector} on the command line the scan uses
 * the JDK Vector API instead (detected at run time; nothing else changes).
 *
 * <pre>{@code
 * InMemoryVectorStore store = InMemoryVectorStore.create(1024);
 * store.add("doc-1", vector, "Paris is the capital of France.", Map.of("lang", "en"));
 * List<SearchResult> hits = store.search(queryVector, 10);
 *
 * InMemoryVectorStore compact = InMemoryVectorStore.builder(1024)
 *         .quantization(Quantization.INT8)       // scans a quarter of the bytes, re-ranks exactly
 *         .build();
 * }</pre>
 *
 * <p>Memory: 4 bytes per dimension per vector, plus texts and metadata; {@link Quantization#INT8} adds
 * one byte per dimension (the scanned copy) to the 4 kept for re-ranking, {@link Quantization#INT4} half a byte.
 * To keep only the codes in the heap, use {@link PersistentVectorStore.Builder#vectorsOnDisk()}.
 *
 * <p>Searches run concurrently with each other; changes wait for running searches and hold back new
 * ones while they run.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class InMemoryVectorStore implements VectorStore {
    private final FlatIndex index;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryVectorStore.class);

    private InMemoryVectorStore(FlatIndex index) {
        this.index = index;
        logKernel(index);
    }

    // one line per store: which inner loop scans, and how to get the faster one when it is not in use
    private static void logKernel(FlatIndex index) {
        String kernel = kernel(index);
        if (Kernels.vectorApi().isPresent() && index.kernel() == Kernels.vectorApi().get()) {
            LOG.info("Vector store ({}, dimension {}): scan kernel {} on the JDK Vector API", index.quantization(),
                    index.dimension(), kernel);
        } else if (index.quantization() == Quantization.INT8) {
            // measured: the 8-bit scan in plain Java is compute-bound, 1.3x to 2.5x slower than the float scan
            LOG.warn("Vector store (INT8, dimension {}): scan kernel {} in plain Java is slower than a float scan;"
                    + " run the JVM with --add-modules jdk.incubator.vector, or use Quantization.INT4, whose"
                    + " plain-Java scan is faster than the float scan", index.dimension(), kernel);
        } else {
            LOG.info("Vector store ({}, dimension {}): scan kernel {} in plain Java; run the JVM with"
                    + " --add-modules jdk.incubator.vector for the faster Vector API kernel", index.quantization(),
                    index.dimension(), kernel);
        }
    }

    private static String kernel(FlatIndex index) {
        return switch (index.quantization()) {
            case NONE -> index.kernel().name();
            case INT8 -> index.kernel().int8Name();
            case INT4 -> index.kernel().int4Name();
        };
    }

    // for tests and the persistent store: a store over a given index
    static InMemoryVectorStore over(FlatIndex index) {
        return new InMemoryVectorStore(index);
    }

    /**
     * An exact float store using every core.
     *
     * @param dimension the dimension of the vectors
     * @return the store
     */
    public static InMemoryVectorStore create(int dimension) {
        return builder(dimension).build();
    }

    /**
     * A builder for a store with quantization or parallelism of your choice.
     *
     * @param dimension the dimension of the vectors
     * @return the builder
     */
    public static Builder builder(int dimension) {
        return new Builder(dimension);
    }

    @Override
    public int dimension() {
        return index.dimension();
    }

    /**
     * The quantization of the scanned vectors.
     *
     * @return the quantization
     */
    public Quantization quantization() {
        return index.quantization();
    }

    /**
     * Which inner loop the scan uses, also logged (SLF4J, INFO) when the store is created. For
     * {@link Quantization#NONE}: {@code "vector-api"} when the JVM runs with
     * {@code --add-modules jdk.incubator.vector}, {@code "plain"} otherwise. For {@link Quantization#INT8}:
     * {@code "vector-api-int8"}, or {@code "plain-int8-swar"} (8-bit integer arithmetic the JIT vectorises by
     * itself, with the query rounded to 8 bits too; the re-ranking keeps scores exact).
     *
     * @return the kernel's name
     */
    public String kernel() {
        return kernel(index);
    }

    @Override
    public void add(String id, float[] vector, String text, Map<String, String> metadata) {
        put(id, vector, text, metadata, false);
    }

    @Override
    public void upsert(String id, float[] vector, String text, Map<String, String> metadata) {
        put(id, vector, text, metadata, true);
    }

    private void put(String id, float[] vector, String text, Map<String, String> metadata, boolean replace) {
        Map<String, String> meta = Vectors.checkEntry(id, text, metadata);
        index.put(id, Vectors.unit(vector, index.dimension(), "vector"), text, meta, replace);
    }

    @Override
    public boolean delete(String id) {
        return index.remove(Objects.requireNonNull(id, "id"));
    }

    @Override
    public int count() {
        return index.count();
    }

    @Override
    public List<SearchResult> search(float[] query, SearchOptions options) {
        return searchBatch(List.of(Objects.requireNonNull(query, "query")), options).get(0);
    }

    @Override
    public List<List<SearchResult>> searchBatch(List<float[]> queries, SearchOptions options) {
        return search(index, queries, options);
    }

    static List<List<SearchResult>> search(FlatIndex index, List<float[]> queries, SearchOptions options) {
        Objects.requireNonNull(options, "options");
        float[][] units = new float[queries.size()][];
        for (int q = 0; q < units.length; q++) {
            units[q] = Vectors.unit(queries.get(q), index.dimension(), queries.size() == 1 ? "query" : "queries[" + q + "]");
        }
        return List.copyOf(index.search(units, options.topK(), options.minScore(), options.filter()));
    }

    /** Nothing to release; the store stays usable. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "InMemoryVectorStore[dimension=" + dimension() + ", count=" + count() + ", quantization="
                + quantization() + ", kernel=" + kernel() + "]";
    }

    /**
     * Builds an {@link InMemoryVectorStore}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final int dimension;
        private Quantization quantization = Quantization.NONE;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int oversample = FlatIndex.DEFAULT_OVERSAMPLE;

        private Builder(int dimension) {
            if (dimension < 1) {
                throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
            }
            this.dimension = dimension;
        }

        /**
         * Sets how the scanned vectors are kept.
         *
         * @param quantization {@link Quantization#NONE} (default), {@link Quantization#INT8} or
         *        {@link Quantization#INT4}
         * @return this
         */
        public Builder quantization(Quantization quantization) {
            this.quantization = Objects.requireNonNull(quantization, "quantization");
            return this;
        }

        /**
         * Sets how many threads one search may use.
         *
         * @param parallelism from 1 (the caller's thread only) up; default: the number of processors
         * @return this
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Sets, for {@link Quantization#INT8} and {@link Quantization#INT4}, how many candidates per wanted hit the
         * exact re-ranking sees. Higher values find the exact top hits more often and cost a little more per search.
         *
         * @param oversample candidates per hit, at least 1; default 10 for INT8, 40 for INT4
         * @return this
         */
        public Builder oversample(int oversample) {
            if (oversample < 1) {
                throw new IllegalArgumentException("oversample must be >= 1, was " + oversample);
            }
            this.oversample = oversample;
            return this;
        }

        /**
         * Builds the empty store.
         *
         * @return the store
         */
        public InMemoryVectorStore build() {
            return new InMemoryVectorStore(index());
        }

        FlatIndex index() {
            return new FlatIndex(dimension, quantization, Kernels.active(), parallelism, oversample);
        }

        FlatIndex onDiskIndex() {
            return FlatIndex.onDisk(dimension, quantization, Kernels.active(), parallelism, oversample);
        }

        // the index saved in a directory, loaded with these settings' parallelism; null when there is none
        FlatIndex load(java.nio.file.Path directory) {
            return StoreFile.load(directory, Kernels.active(), parallelism, oversample);
        }

        Quantization quantization() {
            return quantization;
        }
    }
}
