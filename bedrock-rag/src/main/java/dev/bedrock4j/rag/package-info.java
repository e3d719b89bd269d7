/**
 * Retrieval-augmented generation: a {@link dev.bedrock4j.rag.KnowledgeBase} finds passages with their sources
 * (locally over a vector store, or with Amazon Bedrock Knowledge Bases), and an
 * {@link dev.bedrock4j.rag.Answerer} such as {@link dev.bedrock4j.rag.RagAnswerer} answers questions from them
 * with {@link dev.bedrock4j.rag.Answer citations} that map each cited passage to its source and position.
 */
package dev.bedrock4j.rag;
