/**
 * Vector stores: {@link dev.bedrock4j.rag.store.VectorStore} and three implementations, a fast exact
 * in-memory store ({@link dev.bedrock4j.rag.store.InMemoryVectorStore}), its persistent twin that saves to
 * a directory ({@link dev.bedrock4j.rag.store.PersistentVectorStore}, the embedded default; with
 * {@code vectorsOnDisk()} it keeps only 8-bit codes in the heap and re-ranks from the memory-mapped file, for
 * millions of vectors on one machine), and an
 * approximate HNSW index on Apache Lucene for large corpora ({@link dev.bedrock4j.rag.store.LuceneVectorStore}).
 */
package dev.bedrock4j.rag.store;
