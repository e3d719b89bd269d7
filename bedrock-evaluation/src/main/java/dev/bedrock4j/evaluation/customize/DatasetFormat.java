package dev.bedrock4j.evaluation.customize;

/**
 * The JSONL record formats Bedrock model customization reads, one JSON object a line.
 *
 * <pre>{@code
 * TrainingData.write(examples, DatasetFormat.CONVERSATION, Path.of("train.jsonl"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum DatasetFormat {
    /**
     * Conversations, for models fine-tuned in the Converse shape (Claude 3 Haiku, Llama 3.x, Nova):
     * {@code {"schemaVersion":"bedrock-conversation-2024","system":[{"text":..}],"messages":[{"role":"user",
     * "content":[{"text":..}]},{"role":"assistant","content":[{"text":..}]}]}}.
     */
    CONVERSATION,
    /** Prompt and completion, for older text models (Titan Text, Cohere Command): {@code {"prompt":..,"completion":..}}. */
    PROMPT_COMPLETION,
    /** Unlabelled text for continued pre-training: {@code {"input":..}}. */
    CONTINUED_PRE_TRAINING;

    /** The schema version of {@link #CONVERSATION} records. */
    public static final String CONVERSATION_SCHEMA = "bedrock-conversation-2024";
}
