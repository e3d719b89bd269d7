package dev.bedrock4j.rag.internal;

import dev.bedrock4j.rag.store.LuceneVectorStore;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.rag.store.VectorStore;

/** Makes a store's changes durable, for the stores that buffer them. Thread-safe. */
public final class StoreDurability {
    private StoreDurability() {
    }

    /** Saves a {@link PersistentVectorStore}, commits a {@link LuceneVectorStore}; other stores need nothing. */
    public static void flush(VectorStore store) {
        if (store instanceof PersistentVectorStore persistent) {
            persistent.save();
        } else if (store instanceof LuceneVectorStore lucene) {
            lucene.commit();
        }
    }
}
