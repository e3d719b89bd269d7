/**
 * Amazon Bedrock Knowledge Bases: {@link dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase} retrieves with the
 * agent runtime's {@code Retrieve} and answers with {@code RetrieveAndGenerate} and its stream, with the same
 * types as the local pipeline.
 */
package dev.bedrock4j.rag.bedrock;
