/**
 * Ingestion: {@link dev.bedrock4j.rag.ingest.Ingestor} turns documents into chunks, embeddings and vector
 * store entries, idempotently (unchanged documents are skipped, changed ones replaced, removed ones deleted)
 * and consistently after failures, with progress reports; {@link dev.bedrock4j.rag.ingest.IngestLedger}
 * remembers what is stored.
 */
package dev.bedrock4j.rag.ingest;
