/**
 * Chunking: {@link dev.bedrock4j.rag.chunk.Chunker} cuts documents into
 * {@link dev.bedrock4j.rag.chunk.Chunk}s by fixed token windows with overlap, or recursively at paragraph,
 * sentence and word boundaries; each chunk keeps its document, character offsets and pages for citations.
 */
package dev.bedrock4j.rag.chunk;
