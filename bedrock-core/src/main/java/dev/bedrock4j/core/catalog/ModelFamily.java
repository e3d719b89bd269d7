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
    /** AI21 Labs Jamba: chat {@code messages}, answered as {@code choices}. */
    AI21_JAMBA,
    /** DeepSeek: a formatted {@code prompt} string, answered as {@code choices}. */
    DEEPSEEK,
    /** OpenAI gpt-oss: the Chat Completions body. */
    OPENAI_GPT_OSS,
    /** Amazon image generation (Titan Image Generator, Nova Canvas): {@code taskType} and {@code imageGenerationConfig}. */
    AMAZON_IMAGE,
    /** Stability AI image generation (Stable Diffusion 3.5, Stable Image Core and Ultra): {@code prompt} and {@code aspect_ratio}. */
    STABILITY_IMAGE,
    /** A model the catalog does not know. */
    UNKNOWN
}
