package dev.bedrock4j.testkit;

/**
 * The Bedrock API operations the {@link LocalBedrockServer} serves, named as in the API reference.
 *
 * <pre>{@code
 * assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(1);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum BedrockOperation {
    /** {@code POST /model/{modelId}/converse}. */
    CONVERSE("Converse"),
    /** {@code POST /model/{modelId}/converse-stream}. */
    CONVERSE_STREAM("ConverseStream"),
    /** {@code POST /model/{modelId}/invoke}. */
    INVOKE_MODEL("InvokeModel"),
    /** {@code POST /model/{modelId}/invoke-with-response-stream}. */
    INVOKE_MODEL_WITH_RESPONSE_STREAM("InvokeModelWithResponseStream"),
    /** {@code POST /model/{modelId}/count-tokens}. */
    COUNT_TOKENS("CountTokens"),
    /** {@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply}. */
    APPLY_GUARDRAIL("ApplyGuardrail"),
    /** {@code POST /knowledgebases/{knowledgeBaseId}/retrieve} (agent runtime). */
    RETRIEVE("Retrieve"),
    /** {@code POST /rerank} (agent runtime). */
    RERANK("Rerank"),
    /** {@code POST /retrieveAndGenerate} (agent runtime). */
    RETRIEVE_AND_GENERATE("RetrieveAndGenerate"),
    /** {@code POST /retrieveAndGenerateStream} (agent runtime). */
    RETRIEVE_AND_GENERATE_STREAM("RetrieveAndGenerateStream"),
    /** {@code POST /agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text} (agent runtime). */
    INVOKE_AGENT("InvokeAgent"),
    /** A request the server does not serve; it is answered with HTTP 404 {@code UnknownOperationException}. */
    UNKNOWN("Unknown");

    private final String apiName;

    BedrockOperation(String apiName) {
        this.apiName = apiName;
    }

    /**
     * The operation's name in the API reference, such as {@code ConverseStream}.
     *
     * @return the name
     */
    public String apiName() {
        return apiName;
    }

    /**
     * Whether the operation answers with an event stream.
     *
     * @return {@code true} for the streaming operations
     */
    public boolean streaming() {
        return this == CONVERSE_STREAM || this == INVOKE_MODEL_WITH_RESPONSE_STREAM
                || this == RETRIEVE_AND_GENERATE_STREAM || this == INVOKE_AGENT;
    }
}
