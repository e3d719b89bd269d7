package dev.bedrock4j.core.catalog;

/**
 * Something a model can do through Bedrock. The catalog uses these to reject a request a model cannot
 * serve before it is sent.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum Capability {
    /** Multi-turn chat through the Converse API. */
    CHAT,
    /** A system prompt. */
    SYSTEM_PROMPT,
    /** Tool use (function calling). */
    TOOLS,
    /** Streamed responses. */
    STREAMING,
    /** Tool use in streamed responses. */
    STREAMING_TOOLS,
    /** Images in user turns. */
    IMAGES,
    /** Documents in user turns. */
    DOCUMENTS,
    /** Videos in user turns. */
    VIDEO,
    /** Visible reasoning (extended thinking). */
    REASONING,
    /** Prompt caching with cache points. */
    PROMPT_CACHING,
    /** Citations of document passages. */
    CITATIONS,
    /**
     * Exact input token counts before a call, through Bedrock's {@code CountTokens} (Anthropic Claude models);
     * see {@link dev.bedrock4j.core.tokens.TokenCounter}.
     */
    COUNT_TOKENS,
    /** Text embeddings. */
    EMBEDDINGS,
    /** Images generated from a text prompt, through the model's native {@code InvokeModel} body. */
    IMAGE_GENERATION
}
