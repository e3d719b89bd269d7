package dev.bedrock4j.rag.ingest;

import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.bedrock4j.rag.store.VectorStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An in-memory store that knows its ids and can be told to fail a write, as a full disk would. */
final class TrackingStore implements VectorStore {
    private final InMemoryVectorStore delegate;
    private final Set<String> ids = new TreeSet<>();
    private int writesBeforeFailure = -1;

    TrackingStore(int dimension) {
        this.delegate = InMemoryVectorStore.create(dimension);
    }

    /** Makes the write after the next {@code writes} ones throw, once. */
    synchronized void failAfter(int writes) {
        this.writesBeforeFailure = writes;
    }

    synchronized Set<String> ids() {
        return new TreeSet<>(ids);
    }

    /** The ids of one document's chunks. */
    synchronized Set<String> idsOf(String documentId) {
        Set<String> of = new TreeSet<>();
        for (String id : ids) {
            if (id.startsWith(documentId + "#")) {
                of.add(id);
            }
        }
        return of;
    }

    private void write() {
        if (writesBeforeFailure == 0) {
            writesBeforeFailure = -1;
            throw new IllegalStateException("disk full");
        }
        if (writesBeforeFailure > 0) {
            writesBeforeFailure--;
        }
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public synchronized void add(String id, float[] vector, String text, Map<String, String> metadata) {
        write();
        delegate.add(id, vector, text, metadata);
        ids.add(id);
    }

    @Override
    public synchronized void upsert(String id, float[] vector, String text, Map<String, String> metadata) {
        write();
        delegate.upsert(id, vector, text, metadata);
        ids.add(id);
    }

    @Override
    public synchronized boolean delete(String id) {
        write();
        ids.remove(id);
        return delegate.delete(id);
    }

    @Override
    public int count() {
        return delegate.count();
    }

    @Override
    public List<SearchResult> search(float[] query, SearchOptions options) {
        return delegate.search(query, options);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
