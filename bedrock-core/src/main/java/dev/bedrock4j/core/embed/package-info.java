/**
 * Text embeddings with any model: {@link dev.bedrock4j.core.embed.EmbeddingModel}, the
 * {@link dev.bedrock4j.core.embed.Embedding} vector with its similarity measures, and the
 * {@link dev.bedrock4j.core.embed.EmbeddingOptions} that pick vector size, normalisation and concurrency.
 */
package dev.bedrock4j.core.embed;
