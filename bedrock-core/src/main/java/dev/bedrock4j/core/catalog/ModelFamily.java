package dev.bedrock4j.core.catalog;

/**
 * A family of models that share a native {@code InvokeModel} body format.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum ModelFamily {
    /** Anthropic Claude: the Messages API body. */
    ANTHROPIC_CLAUDE,
    /** Amazon Nova: the messages-v1 body. */
    AMAZON_NOVA,
    /** Amazon Titan Text: {@code inputText} and {@code textGenerationConfig}. */
    AMAZON_TITAN_TEXT,
    /** Amazon Titan Text Embeddings. */
    AMAZON_TITAN_EMBED,
    /** Meta Llama: a formatted {@code prompt} string. */
    META_LLAMA,
    /** Mistral AI: a formatted {@code prompt} string. */
    MISTRAL,
    /** Cohere Command R: {@code message}, {@code chat_history} and {@code preamble}. */
    COHERE_COMMAND,
    /** Cohere Embed. */
    COHERE_EMBED,
    /** AI21 Labs Jamba. */
    AI21_JAMBA,
    /** DeepSeek. */
    DEEPSEEK,
    /** A model the catalog does not know. */
    UNKNOWN
}
