package dev.bedrock4j.rag.ingest;

import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.internal.ChunkRecords;
import dev.bedrock4j.rag.internal.StoreDurability;
import dev.bedrock4j.rag.internal.VectorKnowledgeBase;
import dev.bedrock4j.rag.store.VectorStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An ingestor stores documents in a vector store for a {@link KnowledgeBase}: it cuts each document into
 * chunks, embeds them in batches and writes them with their source and position. It is idempotent: a
 * document whose content is unchanged is skipped, a changed one has its chunks replaced, and
 * {@link #sync(Collection)} also removes documents that are gone.
 *
 * <pre>{@code
 * EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
 * try (PersistentVectorStore store = PersistentVectorStore.open(Path.of("data/vectors"), titan.dimension());
 *      IngestLedger ledger = IngestLedger.open(Path.of("data/vectors/ledger.jsonl"))) {
 *     Ingestor ingestor = Ingestor.builder(titan, store)
 *             .ledger(ledger)
 *             .chunker(Chunker.recursive(300, 30))
 *             .onProgress(p -> System.out.println(p.line()))
 *             .build();
 *     IngestReport report = ingestor.sync(DocumentLoader.create().loadAll(Path.of("docs")));
 *     KnowledgeBase kb = ingestor.knowledgeBase();
 * }
 * }</pre>
 *
 * <h2>Consistency</h2>
 * <p>A document's chunks are written only after all of them were embedded, so a failed embedding call leaves
 * the document's previous version in place. The chunks of a new version are written next to the old ones
 * (chunk ids carry the content hash), then the old ones are removed, and the ledger records the new hash
 * last: after a failure at any point the store holds every chunk of the previous or of the new version, and
 * the next run finishes or undoes what was left half done. At the end of a run, and before it reports a
 * failure, a {@link dev.bedrock4j.rag.store.PersistentVectorStore} is saved and a
 * {@link dev.bedrock4j.rag.store.LuceneVectorStore} committed before the ledger records the run's documents.
 * While a document is being replaced, a search may see chunks of both versions.
 *
 * <h2>Failures</h2>
 * <p>By default a run stops at the first document it cannot store and throws {@link IngestException}, whose
 * report lists what was done. With {@link Builder#continueOnError(boolean) continueOnError(true)} a run
 * records the failure and goes on with the next document. Failures of the store itself always stop the run.
 *
 * <p>Thread-safe; runs on one instance are serialised. Create one per store and share it.
 */
public final class Ingestor {
    /** The default {@link Builder#batchSize(int)}. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The largest allowed {@link Builder#batchSize(int)}. */
    public static final int MAX_BATCH_SIZE = 4096;
    /** The default chunker: up to 300 tokens at natural boundaries, 30 tokens of overlap. */
    public static final Chunker DEFAULT_CHUNKER = Chunker.recursive(300, 30);

    private final EmbeddingModel embeddings;
    private final VectorStore store;
    private final Chunker chunker;
    private final int batchSize;
    private final IngestLedger ledger;
    private final Consumer<IngestProgress> onProgress;
    private final boolean continueOnError;
    private final Object runLock = new Object();

    private Ingestor(Builder builder) {
        this.embeddings = builder.embeddings;
        this.store = builder.store;
        this.chunker = builder.chunker;
        this.batchSize = builder.batchSize;
        this.ledger = builder.ledger != null ? builder.ledger : IngestLedger.inMemory();
        this.onProgress = builder.onProgress;
        this.continueOnError = builder.continueOnError;
    }

    /**
     * A builder for an ingestor into a store, with vectors from a model.
     *
     * @param embeddings the embedding model; queries must later be embedded with the same one
     * @param store the store; its dimension must be the model's
     * @return the builder
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static Builder builder(EmbeddingModel embeddings, VectorStore store) {
        return new Builder(embeddings, store);
    }

    /**
     * Stores new and changed documents and skips unchanged ones. Documents stored before and not passed here
     * stay stored.
     *
     * @param documents the documents, with distinct ids
     * @return what the run did
     * @throws IllegalArgumentException if two documents share an id (before anything is stored)
     * @throws IngestException if a document could not be stored, unless the ingestor continues on errors
     */
    public IngestReport ingest(Collection<Document> documents) {
        return run(documents, false);
    }

    /**
     * Makes the store hold exactly these documents: stores new and changed ones, skips unchanged ones, and
     * removes the chunks of every stored document not passed here.
     *
     * @param documents the complete collection, with distinct ids
     * @return what the run did
     * @throws IllegalArgumentException if two documents share an id (before anything is stored)
     * @throws IngestException if a document could not be stored, unless the ingestor continues on errors
     */
    public IngestReport sync(Collection<Document> documents) {
        return run(documents, true);
    }

    /**
     * Removes a document's chunks from the store and forgets it.
     *
     * @param documentId the document's id
     * @return {@code true} if it was stored
     */
    public boolean delete(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        synchronized (runLock) {
            Run run = new Run(0);
            boolean known = run.delete(documentId);
            run.checkpoint();
            return known;
        }
    }

    /**
     * The knowledge base that searches what this ingestor stores.
     *
     * @return a knowledge base over the same model and store
     */
    public KnowledgeBase knowledgeBase() {
        return KnowledgeBase.of(embeddings, store);
    }

    /**
     * The ledger of stored documents and their content hashes.
     *
     * @return the ledger
     */
    public IngestLedger ledger() {
        return ledger;
    }

    private IngestReport run(Collection<Document> documents, boolean removeMissing) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document document : documents) {
            if (!ids.add(document.id())) {
                throw new IllegalArgumentException("two documents have the id \"" + document.id()
                        + "\"; give each document a distinct id, such as its path");
            }
        }
        synchronized (runLock) {
            Run run = new Run(documents.size());
            try {
                for (Document document : documents) {
                    run.add(document);
                }
                run.flushBatch();
                if (removeMissing) {
                    for (String stored : ledger.documentIds()) {
                        if (!ids.contains(stored) && run.delete(stored)) {
                            run.deleted.add(stored);
                        }
                    }
                }
                run.checkpoint();
                run.progress();
                return run.report();
            } catch (Halt halt) {
                throw run.stopped(halt.documentId, halt.cause);
            } catch (RuntimeException e) {
                throw run.stopped(run.current, e);
            }
        }
    }

    /** Stops a fail-fast run; carries the document that failed. */
    private static final class Halt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String documentId;
        final transient RuntimeException cause;

        Halt(String documentId, RuntimeException cause) {
            super(null, null, false, false);
            this.documentId = documentId;
            this.cause = cause;
        }
    }

    /** A document on its way in: its chunks, and their vectors as they are embedded. */
    private static final class Work {
        final Document document;
        final IngestLedger.Version version;
        final List<Chunk> chunks;
        final float[][] vectors;
        final boolean replacing;
        int embedded;
        boolean failed;

        Work(Document document, IngestLedger.Version version, List<Chunk> chunks, boolean replacing) {
            this.document = document;
            this.version = version;
            this.chunks = chunks;
            this.vectors = new float[chunks.size()][];
            this.replacing = replacing;
        }
    }

    /** The state of one run. Confined to the thread holding the run lock. */
    private final class Run {
        final long startNanos = System.nanoTime();
        final int total;
        final List<String> added = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<IngestFailure> failed = new ArrayList<>();
        final List<Work> batchOwners = new ArrayList<>();
        final List<Integer> batchIndexes = new ArrayList<>();
        final List<String> batchTexts = new ArrayList<>();
        final List<Map.Entry<String, IngestLedger.Version>> toCommit = new ArrayList<>();
        final List<String> toForget = new ArrayList<>();
        long chunksEmbedded;
        long inputTokens;
        int done;
        String current = "(none)";

        Run(int total) {
            this.total = total;
        }

        void add(Document document) {
            current = document.id();
            IngestLedger.Version stored = ledger.committed(document.id());
            String hash = document.contentHash();
            if (stored != null && stored.hash().equals(hash) && ledger.pending(document.id()) == null) {
                unchanged.add(document.id());
                done++;
                return;
            }
            List<Chunk> chunks = chunker.chunk(document);
            Work work = new Work(document, new IngestLedger.Version(hash, chunks.size()), chunks, stored != null);
            if (chunks.isEmpty()) {
                store(work);
                return;
            }
            for (int i = 0; i < chunks.size() && !work.failed; i++) {
                batchOwners.add(work);
                batchIndexes.add(i);
                batchTexts.add(chunks.get(i).text());
                if (batchTexts.size() == batchSize) {
                    flushBatch();
                }
            }
        }

        void flushBatch() {
            if (batchTexts.isEmpty()) {
                return;
            }
            List<Work> owners = new ArrayList<>(new LinkedHashSet<>(batchOwners));
            try {
                EmbeddingResponse response = embeddings.embedDocuments(List.copyOf(batchTexts));
                for (int i = 0; i < batchTexts.size(); i++) {
                    Work work = batchOwners.get(i);
                    work.vectors[batchIndexes.get(i)] = response.embeddings().get(i).vector();
                    work.embedded++;
                }
                chunksEmbedded += batchTexts.size();
                inputTokens += response.inputTokens();
                clearBatch();
                for (Work work : owners) {
                    if (work.embedded == work.chunks.size()) {
                        store(work);
                    }
                }
            } catch (RuntimeException e) {
                clearBatch();
                for (Work work : owners) {
                    if (!continueOnError) {
                        throw new Halt(work.document.id(), e);
                    }
                    work.failed = true;
                    failed.add(new IngestFailure(work.document.id(), e));
                    done++;
                }
            }
            progress();
        }

        private void clearBatch() {
            batchOwners.clear();
            batchIndexes.clear();
            batchTexts.clear();
        }

        /** Writes a fully embedded document: new chunks next to the old, then the old removed. */
        void store(Work work) {
            String id = work.document.id();
            current = id;
            IngestLedger.Version previous = ledger.committed(id);
            IngestLedger.Version unfinished = ledger.pending(id);
            if (unfinished != null && !unfinished.hash().equals(work.version.hash())
                    && (previous == null || !previous.hash().equals(unfinished.hash()))) {
                deleteChunks(id, unfinished);
            }
            ledger.markPending(id, work.version);
            for (int i = 0; i < work.chunks.size(); i++) {
                Chunk chunk = work.chunks.get(i);
                store.upsert(chunkId(id, work.version.hash(), i), work.vectors[i], chunk.text(),
                        ChunkRecords.metadata(chunk));
            }
            if (previous != null && !previous.hash().equals(work.version.hash())) {
                deleteChunks(id, previous);
            }
            toCommit.add(Map.entry(id, work.version));
            (work.replacing ? updated : added).add(id);
            done++;
        }

        boolean delete(String documentId) {
            current = documentId;
            IngestLedger.Version previous = ledger.committed(documentId);
            IngestLedger.Version unfinished = ledger.pending(documentId);
            if (previous == null && unfinished == null) {
                return false;
            }
            if (unfinished != null) {
                deleteChunks(documentId, unfinished);
            }
            if (previous != null) {
                deleteChunks(documentId, previous);
            }
            toForget.add(documentId);
            return previous != null;
        }

        private void deleteChunks(String documentId, IngestLedger.Version version) {
            for (int i = 0; i < version.chunks(); i++) {
                store.delete(chunkId(documentId, version.hash(), i));
            }
        }

        /** Makes the store durable, then records the finished documents in the ledger. */
        void checkpoint() {
            if (toCommit.isEmpty() && toForget.isEmpty()) {
                return;
            }
            StoreDurability.flush(store);
            toCommit.forEach(entry -> ledger.markCommitted(entry.getKey(), entry.getValue()));
            toForget.forEach(ledger::markDeleted);
            toCommit.clear();
            toForget.clear();
            ledger.sync();
        }

        void progress() {
            if (onProgress != null) {
                onProgress.accept(new IngestProgress(done, total, failed.size(), chunksEmbedded, elapsed()));
            }
        }

        /** Saves what was finished and describes where the run stopped. */
        IngestException stopped(String documentId, RuntimeException cause) {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
            return new IngestException(documentId, report(), cause);
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        IngestReport report() {
            return new IngestReport(added, updated, unchanged, deleted, failed, chunksEmbedded, inputTokens, elapsed());
        }
    }

    /** The store id of a chunk: the document id, a prefix of the version's hash, and the chunk's index. */
    static String chunkId(String documentId, String hash, int index) {
        return documentId + "#" + hash.substring(0, 16) + "#" + index;
    }

    @Override
    public String toString() {
        return "Ingestor[" + embeddings.modelId() + " -> " + store + ", " + chunker + ", batch " + batchSize + "]";
    }

    /**
     * Builds an {@link Ingestor}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final EmbeddingModel embeddings;
        private final VectorStore store;
        private Chunker chunker = DEFAULT_CHUNKER;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private IngestLedger ledger;
        private Consumer<IngestProgress> onProgress;
        private boolean continueOnError;

        private Builder(EmbeddingModel embeddings, VectorStore store) {
            this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
            this.store = Objects.requireNonNull(store, "store");
            VectorKnowledgeBase.checkDimensions(embeddings, store);
        }

        /**
         * Sets how documents are cut into chunks.
         *
         * @param chunker the chunker; default {@link Ingestor#DEFAULT_CHUNKER}
         * @return this
         */
        public Builder chunker(Chunker chunker) {
            this.chunker = Objects.requireNonNull(chunker, "chunker");
            return this;
        }

        /**
         * Sets how many chunks go to the embedding model in one call; chunks of several small documents share
         * a batch. The model itself splits a batch into as many requests as it needs.
         *
         * @param batchSize from 1 to {@link Ingestor#MAX_BATCH_SIZE}; default {@link Ingestor#DEFAULT_BATCH_SIZE}
         * @return this
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE + ", was "
                        + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the ledger of stored documents; keep one ledger per store, in a file for a persistent store.
         *
         * @param ledger the ledger; default a new {@link IngestLedger#inMemory()} one
         * @return this
         */
        public Builder ledger(IngestLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * Receives the progress of a run after every embedding batch and when the run ends, on the thread
         * running it.
         *
         * @param onProgress the listener
         * @return this
         */
        public Builder onProgress(Consumer<IngestProgress> onProgress) {
            this.onProgress = Objects.requireNonNull(onProgress, "onProgress");
            return this;
        }

        /**
         * Sets whether a run goes on after a document fails (recording it in the report) or stops with an
         * {@link IngestException}.
         *
         * @param continueOnError {@code true} to go on; default {@code false}
         * @return this
         */
        public Builder continueOnError(boolean continueOnError) {
            this.continueOnError = continueOnError;
            return this;
        }

        /**
         * Builds the ingestor.
         *
         * @return the ingestor
         */
        public Ingestor build() {
            return new Ingestor(this);
        }
    }
}
