/**
 * Streaming answers as {@link java.util.concurrent.Flow.Publisher}s of typed
 * {@link dev.bedrock4j.core.stream.ChatEvent}s, with blocking and callback helpers on top.
 */
package dev.bedrock4j.core.stream;
