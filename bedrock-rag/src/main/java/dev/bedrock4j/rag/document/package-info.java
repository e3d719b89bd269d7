/**
 * Documents to search and cite: {@link dev.bedrock4j.rag.document.Document} (text, metadata, pages) and
 * {@link dev.bedrock4j.rag.document.DocumentLoader}, which reads plain text, Markdown, HTML and PDF from
 * files, streams, strings and, only when asked to, URLs, within a size limit.
 */
package dev.bedrock4j.rag.document;
