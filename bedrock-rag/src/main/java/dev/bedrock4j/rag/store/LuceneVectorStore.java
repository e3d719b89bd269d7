package dev.bedrock4j.rag.store;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.core.spi.WriterLock;
import dev.bedrock4j.rag.store.internal.LuceneQueries;
import dev.bedrock4j.rag.store.internal.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * An approximate vector store on disk for large corpora: an HNSW graph index in Apache Lucene
 * ({@code KnnFloatVectorField} in an {@code FSDirectory}). A search visits a small part of the graph
 * instead of every vector, so it stays fast at millions of entries, at the price of sometimes missing a
 * true nearest neighbour (raise {@link Builder#numCandidates(int)} for better recall).
 *
 * <pre>{@code
 * try (LuceneVectorStore store = LuceneVectorStore.open(Path.of("data/index"), 1024)) {
 *     store.upsert("doc-1", vector, "Paris is the capital of France.", Map.of("lang", "en"));
 *     store.commit();                                  // durable from here on
 *     List<SearchResult> hits = store.search(queryVector, SearchOptions.top(10)
 *             .withFilter(Filter.eq("lang", "en")));
 * }
 * }</pre>
 *
 * <p>Changes are visible to searches at once and durable after {@link #commit()} or {@link #close()}.
 * Graph indexes need structured data: real embeddings are clustered by topic and work well, while
 * random uniform vectors in high dimensions are the worst case for any graph index.
 *
 * <p>An open store holds the directory's {@link WriterLock} until {@link #close()}: opening the directory
 * again, in another process or in this one, fails at once with a {@link FileInUseException} naming the directory
 * and the process that holds it. The operating system releases the lock when the holder exits, however it exits.
 *
 * <p>Building the graph is the slow part of indexing. Upserts from several threads build several segments' graphs
 * in parallel; merges build a merged graph with {@link Builder#mergeWorkers(int)} threads (all cores by default):
 *
 * <pre>{@code
 * try (LuceneVectorStore store = LuceneVectorStore.builder(Path.of("data/index"), 1024).scalarQuantized().open()) {
 *     corpus.parallelStream().forEach(c -> store.upsert(c.id(), c.vector(), c.text(), c.metadata()));
 *     store.forceMerge();                              // one graph, built with every core
 * }
 * }</pre>
 *
 * <p>Thread-safe; create one and share it. Process-safe: one process opens a directory at a time, enforced.
 */
public final class LuceneVectorStore implements VectorStore {
    private static final String ID = "id";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";

    private final Path path;
    private final int dimension;
    private final int numCandidates;
    private final WriterLock lock;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object writes = new Object();
    // upserts hold the read side while Lucene indexes (and builds graph nodes) outside `writes`, in parallel;
    // close holds the write side, so it never closes the writer under a running upsert
    private final java.util.concurrent.locks.ReadWriteLock lifecycle = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final java.util.concurrent.ExecutorService mergeExecutor;
    // ids changed since the searcher was last refreshed, so that add() can tell duplicates without a refresh
    private final Set<String> addedSinceRefresh = new HashSet<>();
    private final Set<String> deletedSinceRefresh = new HashSet<>();
    // ids an upsert is indexing outside `writes`; add and delete of such an id wait until it is done
    private final Set<String> indexing = new HashSet<>();
    private boolean stale;
    private boolean closed;

    private LuceneVectorStore(Builder builder) throws IOException {
        this.path = builder.path;
        this.dimension = builder.dimension;
        this.numCandidates = builder.numCandidates;
        Files.createDirectories(path);
        this.lock = WriterLock.acquire(path);
        try {
            this.directory = FSDirectory.open(path);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        this.mergeExecutor = builder.mergeWorkers > 1 ? java.util.concurrent.Executors.newFixedThreadPool(
                builder.mergeWorkers, mergeThreads()) : null;
        KnnVectorsFormat format = LuceneQueries.hnsw(builder.maxConnections, builder.beamWidth, builder.mergeWorkers,
                mergeExecutor, builder.scalarQuantized);
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(builder.ramBufferMb)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        IndexWriter created = null;
        try {
            created = new IndexWriter(directory, config);
            this.writer = created;
            this.searchers = new SearcherManager(writer, null);
            checkDimension();
        } catch (IOException | RuntimeException e) {
            try {
                if (created != null) {
                    created.rollback();
                }
                directory.close();
            } finally {
                if (mergeExecutor != null) {
                    mergeExecutor.shutdown();
                }
                lock.close();
            }
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory mergeThreads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "bedrock4j-hnsw-merge-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Opens the index in a directory, or creates it there, with default graph settings.
     *
     * @param directory the index directory; created if missing
     * @param dimension the dimension of the vectors, up to 4096
     * @return the store
     * @throws FileInUseException if another process, or another open store in this process, has the directory
     *         open; stop it or use another directory
     * @throws IllegalArgumentException if the index holds vectors of another dimension
     * @throws UncheckedIOException if the directory cannot be opened
     */
    public static LuceneVectorStore open(Path directory, int dimension) {
        return builder(directory, dimension).open();
    }

    /**
     * A builder for an index with graph settings of your choice.
     *
     * @param directory the index directory
     * @param dimension the dimension of the vectors, up to 4096
     * @return the builder
     */
    public static Builder builder(Path directory, int dimension) {
        return new Builder(directory, dimension);
    }

    private void checkDimension() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            FieldInfo info = FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(VECTOR);
            if (info != null && info.getVectorDimension() != dimension) {
                throw new IllegalArgumentException(path + " holds " + info.getVectorDimension() + "-dimensional vectors,"
                        + " not " + dimension + "; open it with dimension " + info.getVectorDimension()
                        + " or use another directory");
            }
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void add(String id, float[] vector, String text, Map<String, String> metadata) {
        Document doc = document(id, vector, text, metadata);
        synchronized (writes) {
            checkOpen();
            awaitIndexed(id);
            if (exists(id)) {
                throw new IllegalArgumentException("id \"" + id + "\" is already stored; use upsert to replace it");
            }
            io(() -> writer.addDocument(doc));
            changed(id, true);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Upserts from several threads index in parallel: each thread fills its own segment and builds its graph,
     * so loading a corpus from as many threads as there are cores builds the index faster, though not quite that
     * many times: the threads share the memory caches while they walk their graphs. In this project's benchmarks a
     * million 1024-d vectors built 1.67 times faster from two cores than from one, and 1.9 times faster when the JVM
     * ran with {@code -XX:+UseTransparentHugePages} (both builds were faster with it; graph walks over gigabytes of
     * vectors miss the translation caches less);
     * {@link #forceMerge()} then joins the segments, with the {@linkplain Builder#mergeWorkers merge workers}.
     */
    @Override
    public void upsert(String id, float[] vector, String text, Map<String, String> metadata) {
        Document doc = document(id, vector, text, metadata);
        lifecycle.readLock().lock();
        try {
            synchronized (writes) {
                checkOpen();
                awaitIndexed(id);
                indexing.add(id);
                changed(id, true);
            }
            try {
                // the slow part, graph building included, runs outside `writes`: upserts of other ids in parallel
                io(() -> writer.updateDocument(new Term(ID, id), doc));
            } finally {
                synchronized (writes) {
                    indexing.remove(id);
                    writes.notifyAll();
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * How many segments the index has, each with its own graph; a search walks every one. Counts changes made
     * before the last refresh (any search or {@link #count()} refreshes).
     *
     * @return the number of segments
     */
    public int segments() {
        refresh();
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    /**
     * Merges the index into one segment, so that a search walks one graph instead of one per segment; for after a
     * bulk load. The graph of the merged segment is built by the {@linkplain Builder#mergeWorkers merge workers}.
     * Commits when done.
     *
     * @throws UncheckedIOException if merging fails
     */
    public void forceMerge() {
        lifecycle.readLock().lock();
        try {
            synchronized (writes) {
                checkOpen();
            }
            io(() -> {
                writer.forceMerge(1);
                writer.commit();
            });
            synchronized (writes) {
                stale = true;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (writes) {
            checkOpen();
            awaitIndexed(id);
            boolean existed = exists(id);
            if (existed) {
                io(() -> writer.deleteDocuments(new Term(ID, id)));
                changed(id, false);
            }
            return existed;
        }
    }

    private Document document(String id, float[] vector, String text, Map<String, String> metadata) {
        Map<String, String> meta = Vectors.checkEntry(id, text, metadata);
        float[] unit = Vectors.unit(vector, dimension, "vector");
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new StoredField(TEXT, text));
        doc.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
        for (Map.Entry<String, String> e : meta.entrySet()) {
            doc.add(new StringField(LuceneQueries.META_PREFIX + e.getKey(), e.getValue(), Field.Store.YES));
        }
        return doc;
    }

    // call holding `writes`: waits until no upsert is indexing the id, so that changes of one id stay in order
    private void awaitIndexed(String id) {
        boolean interrupted = false;
        while (indexing.contains(id)) {
            try {
                writes.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // call holding `writes`
    private boolean exists(String id) {
        if (addedSinceRefresh.contains(id)) {
            return true;
        }
        if (deletedSinceRefresh.contains(id)) {
            return false;
        }
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(ID, id))) > 0);
    }

    // call holding `writes`
    private void changed(String id, boolean present) {
        if (present) {
            addedSinceRefresh.add(id);
            deletedSinceRefresh.remove(id);
        } else {
            addedSinceRefresh.remove(id);
            deletedSinceRefresh.add(id);
        }
        stale = true;
    }

    private void refresh() {
        synchronized (writes) {
            checkOpen();
            if (stale) {
                io(searchers::maybeRefreshBlocking);
                addedSinceRefresh.clear();
                deletedSinceRefresh.clear();
                stale = false;
            }
        }
    }

    @Override
    public int count() {
        refresh();
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    @Override
    public List<SearchResult> search(float[] query, SearchOptions options) {
        Objects.requireNonNull(options, "options");
        float[] unit = Vectors.unit(query, dimension, "query");
        refresh();
        return withSearcher(searcher -> {
            int k = Math.max(options.topK(), numCandidates);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, unit, k,
                    LuceneQueries.toQuery(options.filter())), k);
            StoredFields stored = searcher.storedFields();
            List<SearchResult> hits = new ArrayList<>();
            // The graph walk may score with 7-bit codes: the candidates are re-ranked by their float vectors, so
            // scores are exact cosines and a near neighbour the codes ranked low still comes back.
            ScoreDoc[] byDoc = top.scoreDocs.clone();
            Arrays.sort(byDoc, Comparator.comparingInt(hit -> hit.doc));
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = null;
            FloatVectorValues vectors = null;
            for (ScoreDoc hit : byDoc) {
                LeafReaderContext at = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                if (at != leaf) {
                    leaf = at;
                    vectors = at.reader().getFloatVectorValues(VECTOR);
                }
                if (vectors == null || vectors.advance(hit.doc - at.docBase) != hit.doc - at.docBase) {
                    throw new IllegalStateException("document " + hit.doc + " has no vector; the index is damaged");
                }
                double cosine = VectorUtil.dotProduct(unit, vectors.vectorValue());
                if (cosine >= options.minScore()) {
                    hits.add(result(stored.document(hit.doc), cosine));
                }
            }
            hits.sort(Comparator.comparingDouble(SearchResult::score).reversed().thenComparing(SearchResult::id));
            return List.copyOf(hits.subList(0, Math.min(options.topK(), hits.size())));
        });
    }

    private static SearchResult result(Document doc, double score) {
        Map<String, String> metadata = new HashMap<>();
        for (IndexableField field : doc.getFields()) {
            if (field.name().startsWith(LuceneQueries.META_PREFIX)) {
                metadata.put(field.name().substring(LuceneQueries.META_PREFIX.length()), field.stringValue());
            }
        }
        return new SearchResult(doc.get(ID), score, doc.get(TEXT), metadata);
    }

    /**
     * Makes every change so far durable.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void commit() {
        synchronized (writes) {
            checkOpen();
            io(writer::commit);
        }
    }

    /**
     * Commits and releases the index files. Calling it twice does nothing.
     *
     * @throws UncheckedIOException if the final commit fails
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closeUnderLifecycle();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeUnderLifecycle() {
        synchronized (writes) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                searchers.close();
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close the Lucene index in " + path, e);
            } finally {
                try {
                    directory.close();
                } catch (IOException e) {
                    // the index was committed; nothing more to release
                } finally {
                    if (mergeExecutor != null) {
                        mergeExecutor.shutdown();
                    }
                    lock.close();
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this LuceneVectorStore is closed; open the directory again");
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene index " + path + ": " + e.getMessage(), e);
        }
    }

    private <T> T withSearcher(SearcherFunction<T> function) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return function.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene index " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LuceneVectorStore[" + path + ", dimension=" + dimension + "]";
    }

    /**
     * Builds and opens a {@link LuceneVectorStore}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final Path path;
        private final int dimension;
        private int maxConnections = 16;
        private int beamWidth = 100;
        private int numCandidates = 100;
        private double ramBufferMb = 256;
        private int mergeWorkers = Runtime.getRuntime().availableProcessors();
        private boolean scalarQuantized;

        private Builder(Path path, int dimension) {
            this.path = Objects.requireNonNull(path, "directory");
            if (dimension < 1 || dimension > LuceneQueries.MAX_DIMENSIONS) {
                throw new IllegalArgumentException("dimension must be between 1 and " + LuceneQueries.MAX_DIMENSIONS
                        + ", was " + dimension);
            }
            this.dimension = dimension;
        }

        /**
         * Sets how many neighbours each graph node links to (HNSW {@code M}).
         *
         * @param maxConnections from 2 to 512; default 16
         * @return this
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = range("maxConnections", maxConnections, 2, 512);
            return this;
        }

        /**
         * Sets how many candidates are considered when a node is linked (HNSW {@code efConstruction});
         * higher builds a better graph, more slowly.
         *
         * @param beamWidth from 1 to 3200; default 100
         * @return this
         */
        public Builder beamWidth(int beamWidth) {
            this.beamWidth = range("beamWidth", beamWidth, 1, 3200);
            return this;
        }

        /**
         * Sets how many candidates a search collects before keeping the best {@code topK} (HNSW
         * {@code efSearch}); higher finds more true neighbours, more slowly.
         *
         * @param numCandidates from 1 to 10000; default 100
         * @return this
         */
        public Builder numCandidates(int numCandidates) {
            this.numCandidates = range("numCandidates", numCandidates, 1, 10_000);
            return this;
        }

        /**
         * Sets how much memory buffers new entries before they are written as a segment.
         *
         * @param megabytes at least 1; default 256
         * @return this
         */
        public Builder ramBufferMb(double megabytes) {
            if (!(megabytes >= 1)) {
                throw new IllegalArgumentException("ramBufferMb must be >= 1, was " + megabytes);
            }
            this.ramBufferMb = megabytes;
            return this;
        }

        /**
         * Sets how many threads build the graph when segments merge (Lucene's {@code numMergeWorkers}).
         *
         * @param mergeWorkers from 1 (the merge thread alone) up; default: the number of processors
         * @return this
         */
        public Builder mergeWorkers(int mergeWorkers) {
            this.mergeWorkers = range("mergeWorkers", mergeWorkers, 1, 512);
            return this;
        }

        /**
         * Keeps 7-bit scalar-quantized copies of the vectors (Lucene's
         * {@code Lucene99HnswScalarQuantizedVectorsFormat}) that the graph is built and searched with: faster
         * building and searching, a quarter of the memory for the searched vectors. The float vectors stay in the
         * index: a search re-ranks its {@link #numCandidates} candidates by them, so scores are exact and recall
         * stays close to the float graph's (raise {@code numCandidates} if it does not). Applies to segments written
         * from now on; an index may mix both.
         *
         * @return this
         */
        public Builder scalarQuantized() {
            this.scalarQuantized = true;
            return this;
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        /**
         * Opens the index.
         *
         * @return the store
         * @throws FileInUseException if another process, or another open store in this process, has the
         *         directory open; stop it or use another directory
         * @throws IllegalArgumentException if the index holds vectors of another dimension
         * @throws UncheckedIOException if the directory cannot be opened
         */
        public LuceneVectorStore open() {
            try {
                return new LuceneVectorStore(this);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the Lucene index in " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
