package dev.bedrock4j.rag.bedrock;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.rag.RetrievalOptions;
import java.util.Objects;

/**
 * How Bedrock's managed {@code RetrieveAndGenerate} answers: the model, the retrieval, the session to continue,
 * and optionally a prompt template and inference settings.
 *
 * <pre>{@code
 * GenerationOptions options = GenerationOptions.model("anthropic.claude-3-haiku-20240307-v1:0")
 *         .withRetrieval(RetrievalOptions.top(4).withSearchType(SearchType.HYBRID))
 *         .withMaxTokens(400)
 *         .withTemperature(0.2);
 * Answer answer = knowledgeBase.retrieveAndGenerate("What is the refund policy?", options);
 * Answer next = knowledgeBase.retrieveAndGenerate("Does it cover sale items?",
 *         options.withSessionId(answer.sessionId()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param modelArn the model that writes the answer: a model id, an inference profile id or an ARN
 * @param retrieval how passages are retrieved; the minimum score is not applied by Bedrock here
 * @param sessionId the session to continue, from an earlier {@link dev.bedrock4j.rag.Answer#sessionId()};
 *                  empty to start a new one
 * @param promptTemplate the generation prompt, containing {@value #SEARCH_RESULTS}; empty for Bedrock's default
 * @param maxTokens the most tokens in the answer; 0 for the model's default
 * @param temperature the sampling temperature from 0 to 1; -1 for the model's default
 */
public record GenerationOptions(String modelArn, RetrievalOptions retrieval, String sessionId, String promptTemplate,
                                int maxTokens, double temperature) {
    /** The placeholder Bedrock replaces with the retrieved passages in a prompt template. */
    public static final String SEARCH_RESULTS = "$search_results$";

    /**
     * Validates the components.
     *
     * @param modelArn the model
     * @param retrieval the retrieval options
     * @param sessionId the session id, or empty
     * @param promptTemplate the prompt template, or empty
     * @param maxTokens the token limit, or 0
     * @param temperature the temperature, or -1
     * @throws InvalidRequestException naming the field if a value cannot be sent
     */
    public GenerationOptions {
        if (modelArn == null || modelArn.isBlank()) {
            throw new InvalidRequestException("modelArn", "modelArn is blank; pass a model id such as"
                    + " anthropic.claude-3-haiku-20240307-v1:0, an inference profile id or an ARN");
        }
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(sessionId, "sessionId (use \"\" for a new session)");
        Objects.requireNonNull(promptTemplate, "promptTemplate (use \"\" for the default)");
        if (!promptTemplate.isEmpty() && !promptTemplate.contains(SEARCH_RESULTS)) {
            throw new InvalidRequestException("promptTemplate", "promptTemplate has no " + SEARCH_RESULTS
                    + " placeholder, so the model would never see the retrieved passages; add it");
        }
        if (maxTokens < 0) {
            throw new InvalidRequestException("maxTokens", "maxTokens must be >= 1, or 0 for the default; was "
                    + maxTokens);
        }
        if (temperature != -1 && !(temperature >= 0 && temperature <= 1)) {
            throw new InvalidRequestException("temperature", "temperature must be between 0 and 1, or -1 for the"
                    + " default; was " + temperature);
        }
    }

    /**
     * Answers by a model with default retrieval and settings, in a new session.
     *
     * @param modelArn a model id, inference profile id or ARN
     * @return the options
     */
    public static GenerationOptions model(String modelArn) {
        return new GenerationOptions(modelArn, RetrievalOptions.defaults(), "", "", 0, -1);
    }

    /**
     * A copy with other retrieval options.
     *
     * @param retrieval the options
     * @return the new options
     */
    public GenerationOptions withRetrieval(RetrievalOptions retrieval) {
        return new GenerationOptions(modelArn, retrieval, sessionId, promptTemplate, maxTokens, temperature);
    }

    /**
     * A copy that continues a session.
     *
     * @param sessionId the session id, or empty for a new session
     * @return the new options
     */
    public GenerationOptions withSessionId(String sessionId) {
        return new GenerationOptions(modelArn, retrieval, sessionId, promptTemplate, maxTokens, temperature);
    }

    /**
     * A copy with a prompt template.
     *
     * @param promptTemplate the template, containing {@value #SEARCH_RESULTS}
     * @return the new options
     */
    public GenerationOptions withPromptTemplate(String promptTemplate) {
        return new GenerationOptions(modelArn, retrieval, sessionId, promptTemplate, maxTokens, temperature);
    }

    /**
     * A copy with a token limit.
     *
     * @param maxTokens the limit, or 0 for the default
     * @return the new options
     */
    public GenerationOptions withMaxTokens(int maxTokens) {
        return new GenerationOptions(modelArn, retrieval, sessionId, promptTemplate, maxTokens, temperature);
    }

    /**
     * A copy with a sampling temperature.
     *
     * @param temperature from 0 to 1, or -1 for the default
     * @return the new options
     */
    public GenerationOptions withTemperature(double temperature) {
        return new GenerationOptions(modelArn, retrieval, sessionId, promptTemplate, maxTokens, temperature);
    }
}
