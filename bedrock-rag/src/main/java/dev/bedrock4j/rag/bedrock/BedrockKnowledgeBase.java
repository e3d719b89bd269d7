package dev.bedrock4j.rag.bedrock;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.AnswerConversation;
import dev.bedrock4j.rag.Answerer;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.internal.Queries;
import dev.bedrock4j.rag.internal.answer.Blocking;
import dev.bedrock4j.rag.internal.answer.SerialConversation;
import dev.bedrock4j.rag.internal.bedrock.AgentRuntimeWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.Citation;
import software.amazon.awssdk.services.bedrockagentruntime.model.CitationEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.GenerationConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateType;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.VectorSearchRerankingConfiguration;

/**
 * A knowledge base managed by Amazon Bedrock Knowledge Bases, through the agent runtime: {@code Retrieve}
 * finds passages ({@link #retrieve(String, RetrievalOptions)}, the same call as a local {@link KnowledgeBase}),
 * and {@code RetrieveAndGenerate} / {@code RetrieveAndGenerateStream} answer with Bedrock's own generation,
 * mapped to the same {@link Answer} as local answers.
 *
 * <pre>{@code
 * BedrockAgentRuntimeClient client = BedrockAgentRuntimeClient.create();
 * BedrockKnowledgeBase kb = BedrockKnowledgeBase.of(client, "KB12345678");
 *
 * List<RetrievedChunk> hits = kb.retrieve("parental leave", RetrievalOptions.top(3)
 *         .withFilter(Filter.eq("department", "hr")).withSearchType(SearchType.HYBRID));
 *
 * Answer answer = kb.retrieveAndGenerate("How long is parental leave?",
 *         GenerationOptions.model("anthropic.claude-3-haiku-20240307-v1:0"));
 * answer.citations().forEach(c -> System.out.println(c.text() + " <- " + c.passage().location().source()));
 * }</pre>
 *
 * <p>Filters translate to Bedrock's metadata filters: {@code eq} to {@code equals}, {@code in} to {@code in},
 * {@code and}/{@code or} to {@code andAll}/{@code orAll}, and negations to {@code notEquals}/{@code notIn}.
 * Bedrock compares values with their types, so a string filter does not match a numeric attribute.
 * Passages carry the source Bedrock reports (an S3 URI, a URL or an id) and the page number its parser
 * recorded, but no character offsets. {@code RetrieveAndGenerateStream} exists only on the async client:
 * build with {@link Builder#asyncClient(BedrockAgentRuntimeAsyncClient)} to stream.
 *
 * <p>Bedrock can rerank what it finds with a reranking model before returning it
 * ({@link Builder#reranking(String, int)}): {@code topK} passages are found by the vector search and the model
 * keeps the best. To rerank on the client instead, with any {@link dev.bedrock4j.rag.Reranker}, use
 * {@link #withReranker(dev.bedrock4j.rag.Reranker)}.
 *
 * <p>The SDK clients stay yours: this class never closes them.
 *
 * <p>Instances are immutable and thread-safe; create one per knowledge base and share it.
 */
public final class BedrockKnowledgeBase implements KnowledgeBase {
    /** The default {@link Builder#timeout(Duration)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** The most passages Bedrock's reranking of a knowledge base retrieval returns. */
    public static final int MAX_RERANKED_RESULTS = 100;
    private static final Pattern ID = Pattern.compile("^[0-9a-zA-Z]{1,10}$");

    private final String knowledgeBaseId;
    private final BedrockAgentRuntimeClient client;
    private final BedrockAgentRuntimeAsyncClient asyncClient;
    private final Duration timeout;
    private final VectorSearchRerankingConfiguration reranking;

    private BedrockKnowledgeBase(Builder builder) {
        this.knowledgeBaseId = builder.knowledgeBaseId;
        this.reranking = builder.reranking(builder.client != null ? builder.client.serviceClientConfiguration().region()
                : builder.asyncClient.serviceClientConfiguration().region());
        this.client = builder.client;
        this.asyncClient = builder.asyncClient;
        this.timeout = builder.timeout;
    }

    /**
     * A knowledge base reached with a sync client (no streaming).
     *
     * @param client the agent runtime client; it stays yours to close
     * @param knowledgeBaseId the knowledge base id, up to 10 letters and digits
     * @return the knowledge base
     * @throws InvalidRequestException if the id has the wrong form
     */
    public static BedrockKnowledgeBase of(BedrockAgentRuntimeClient client, String knowledgeBaseId) {
        return builder(knowledgeBaseId).client(client).build();
    }

    /**
     * A builder, for a knowledge base reached with a sync client, an async client (which also streams), or both.
     *
     * @param knowledgeBaseId the knowledge base id, up to 10 letters and digits
     * @return the builder
     * @throws InvalidRequestException if the id has the wrong form
     */
    public static Builder builder(String knowledgeBaseId) {
        if (knowledgeBaseId == null || !ID.matcher(knowledgeBaseId).matches()) {
            throw new InvalidRequestException("knowledgeBaseId", "knowledgeBaseId '" + knowledgeBaseId + "' is not a"
                    + " Bedrock knowledge base id; use the 10-character id from the console or CreateKnowledgeBase,"
                    + " e.g. 'KB12345678'");
        }
        return new Builder(knowledgeBaseId);
    }

    /**
     * The knowledge base id.
     *
     * @return the id
     */
    public String knowledgeBaseId() {
        return knowledgeBaseId;
    }

    @Override
    public List<RetrievedChunk> retrieve(String query, RetrievalOptions options) {
        Queries.check(query);
        Objects.requireNonNull(options, "options");
        RetrieveRequest request = RetrieveRequest.builder()
                .knowledgeBaseId(knowledgeBaseId)
                .retrievalQuery(q -> q.text(query))
                .retrievalConfiguration(c -> c.vectorSearchConfiguration(AgentRuntimeWire.vectorSearch(options, reranking)))
                .build();
        List<KnowledgeBaseRetrievalResult> results;
        try {
            results = client != null ? client.retrieve(request).retrievalResults()
                    : Blocking.join(asyncClient.retrieve(request), "Retrieve", timeout).retrievalResults();
        } catch (RuntimeException e) {
            throw BedrockException.from(e, null);
        }
        List<RetrievedChunk> chunks = new ArrayList<>(results.size());
        for (KnowledgeBaseRetrievalResult result : results) {
            RetrievedChunk chunk = AgentRuntimeWire.chunk(result);
            if (chunk.score() >= options.minScore()) {
                chunks.add(chunk);
            }
        }
        return List.copyOf(chunks);
    }

    /**
     * Answers a question with Bedrock's {@code RetrieveAndGenerate}.
     *
     * @param question the question; not blank
     * @param options the model, retrieval, session and generation settings
     * @return the answer, its citations, the cited passages and the session id
     * @throws InvalidRequestException if the question is blank (before any call)
     * @throws dev.bedrock4j.core.BedrockException if the call fails
     */
    public Answer retrieveAndGenerate(String question, GenerationOptions options) {
        Queries.check("question", question);
        RetrieveAndGenerateRequest.Builder request = RetrieveAndGenerateRequest.builder()
                .input(i -> i.text(question))
                .retrieveAndGenerateConfiguration(configuration(options));
        if (!options.sessionId().isEmpty()) {
            request.sessionId(options.sessionId());
        }
        RetrieveAndGenerateResponse response;
        try {
            response = client != null ? client.retrieveAndGenerate(request.build())
                    : Blocking.join(asyncClient.retrieveAndGenerate(request.build()), "RetrieveAndGenerate", timeout);
        } catch (RuntimeException e) {
            throw BedrockException.from(e, options.modelArn());
        }
        String text = response.output() == null || response.output().text() == null ? "" : response.output().text();
        return AgentRuntimeWire.answer(question, text, response.sessionId(), response.citations());
    }

    /**
     * Answers a question with Bedrock's {@code RetrieveAndGenerateStream}, passing the text to {@code onText} as
     * it arrives.
     *
     * @param question the question; not blank
     * @param options the model, retrieval, session and generation settings
     * @param onText receives pieces of the answer's text, in order, on an SDK thread
     * @return the whole answer, once the stream has ended
     * @throws IllegalStateException if this knowledge base has no async client
     * @throws InvalidRequestException if the question is blank (before any call)
     * @throws dev.bedrock4j.core.ModelTimeoutException if the stream does not end within the timeout
     * @throws dev.bedrock4j.core.BedrockException if the call fails
     */
    public Answer retrieveAndGenerate(String question, GenerationOptions options, Consumer<String> onText) {
        Queries.check("question", question);
        Objects.requireNonNull(onText, "onText");
        if (asyncClient == null) {
            throw new IllegalStateException("RetrieveAndGenerateStream exists only on the async client; build with"
                    + " BedrockKnowledgeBase.builder(id).asyncClient(...)");
        }
        RetrieveAndGenerateStreamRequest.Builder request = RetrieveAndGenerateStreamRequest.builder()
                .input(i -> i.text(question))
                .retrieveAndGenerateConfiguration(configuration(options));
        if (!options.sessionId().isEmpty()) {
            request.sessionId(options.sessionId());
        }
        StringBuilder text = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        String[] sessionId = {options.sessionId()};
        RetrieveAndGenerateStreamResponseHandler handler = RetrieveAndGenerateStreamResponseHandler.builder()
                .onResponse(response -> {
                    if (response.sessionId() != null) {
                        sessionId[0] = response.sessionId();
                    }
                })
                .subscriber(RetrieveAndGenerateStreamResponseHandler.Visitor.builder()
                        .onOutput(output -> {
                            if (output.text() != null) {
                                text.append(output.text());
                                onText.accept(output.text());
                            }
                        })
                        .onCitation(event -> citations.add(citation(event)))
                        .build())
                .build();
        CompletableFuture<Void> call;
        try {
            call = asyncClient.retrieveAndGenerateStream(request.build(), handler);
        } catch (RuntimeException e) {
            throw BedrockException.from(e, options.modelArn());
        }
        Blocking.join(call, "RetrieveAndGenerateStream", timeout);
        return AgentRuntimeWire.answer(question, text.toString(), sessionId[0], citations);
    }

    private static Citation citation(CitationEvent event) {
        if (event.generatedResponsePart() != null || event.hasRetrievedReferences()) {
            return Citation.builder().generatedResponsePart(event.generatedResponsePart())
                    .retrievedReferences(event.retrievedReferences()).build();
        }
        return event.citation() != null ? event.citation() : Citation.builder().build();
    }

    private RetrieveAndGenerateConfiguration configuration(GenerationOptions options) {
        GenerationConfiguration.Builder generation = GenerationConfiguration.builder();
        boolean generationSet = false;
        if (!options.promptTemplate().isEmpty()) {
            generation.promptTemplate(p -> p.textPromptTemplate(options.promptTemplate()));
            generationSet = true;
        }
        if (options.maxTokens() > 0 || options.temperature() >= 0) {
            generation.inferenceConfig(i -> i.textInferenceConfig(t -> {
                if (options.maxTokens() > 0) {
                    t.maxTokens(options.maxTokens());
                }
                if (options.temperature() >= 0) {
                    t.temperature((float) options.temperature());
                }
            }));
            generationSet = true;
        }
        GenerationConfiguration built = generationSet ? generation.build() : null;
        return RetrieveAndGenerateConfiguration.builder()
                .type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
                .knowledgeBaseConfiguration(k -> {
                    k.knowledgeBaseId(knowledgeBaseId)
                            .modelArn(options.modelArn())
                            .retrievalConfiguration(r -> r.vectorSearchConfiguration(
                                    AgentRuntimeWire.vectorSearch(options.retrieval(), reranking)));
                    if (built != null) {
                        k.generationConfiguration(built);
                    }
                })
                .build();
    }

    /**
     * An {@link Answerer} over {@code RetrieveAndGenerate} with a model and default settings; a conversation
     * continues Bedrock's session from one question to the next.
     *
     * @param modelArn a model id, inference profile id or ARN
     * @return the answerer
     */
    public Answerer answerer(String modelArn) {
        return answerer(GenerationOptions.model(modelArn));
    }

    /**
     * An {@link Answerer} over {@code RetrieveAndGenerate} (and {@code RetrieveAndGenerateStream} when text is
     * streamed); a conversation continues Bedrock's session from one question to the next.
     *
     * @param options the generation options; their session id is where a conversation starts
     * @return the answerer
     */
    public Answerer answerer(GenerationOptions options) {
        Objects.requireNonNull(options, "options");
        return new Answerer() {
            @Override
            public Answer ask(String question) {
                return retrieveAndGenerate(question, options);
            }

            @Override
            public Answer ask(String question, Consumer<String> onText) {
                return retrieveAndGenerate(question, options, onText);
            }

            @Override
            public AnswerConversation conversation() {
                return new SerialConversation((question, earlier, onText) -> {
                    GenerationOptions turn = earlier.isEmpty() ? options
                            : options.withSessionId(earlier.get(earlier.size() - 1).sessionId());
                    return onText == null ? retrieveAndGenerate(question, turn)
                            : retrieveAndGenerate(question, turn, onText);
                });
            }

            @Override
            public String toString() {
                return "Answerer[RetrieveAndGenerate on " + knowledgeBaseId + " with " + options.modelArn() + "]";
            }
        };
    }

    @Override
    public String toString() {
        return "BedrockKnowledgeBase[" + knowledgeBaseId + "]";
    }

    /**
     * Builds a {@link BedrockKnowledgeBase}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final String knowledgeBaseId;
        private BedrockAgentRuntimeClient client;
        private BedrockAgentRuntimeAsyncClient asyncClient;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String rerankModel;
        private int rerankedResults;

        private Builder(String knowledgeBaseId) {
            this.knowledgeBaseId = knowledgeBaseId;
        }

        /**
         * Has Bedrock rerank the passages it finds with a reranking model before returning them
         * ({@code vectorSearchConfiguration.rerankingConfiguration}), for {@code Retrieve} and
         * {@code RetrieveAndGenerate} alike: the vector search finds {@code numberOfResults} passages and the model
         * keeps the best {@code rerankedResults}.
         *
         * @param model {@link BedrockReranker#AMAZON_RERANK}, {@link BedrockReranker#COHERE_RERANK} or its
         *        foundation-model ARN (an id becomes the ARN in the client's region)
         * @param rerankedResults how many reranked passages to return, from 1 to {@value BedrockKnowledgeBase#MAX_RERANKED_RESULTS}
         * @return this
         * @throws InvalidRequestException if the model is not a reranking model or the count is out of range
         */
        public Builder reranking(String model, int rerankedResults) {
            AgentRuntimeWire.rerankModelArn(model, software.amazon.awssdk.regions.Region.US_EAST_1);
            if (rerankedResults < 1 || rerankedResults > MAX_RERANKED_RESULTS) {
                throw new InvalidRequestException("rerankedResults", "rerankedResults must be between 1 and "
                        + MAX_RERANKED_RESULTS + ", was " + rerankedResults);
            }
            this.rerankModel = model;
            this.rerankedResults = rerankedResults;
            return this;
        }

        private VectorSearchRerankingConfiguration reranking(software.amazon.awssdk.regions.Region region) {
            if (rerankModel == null) {
                return null;
            }
            String arn = AgentRuntimeWire.rerankModelArn(rerankModel, region);
            return VectorSearchRerankingConfiguration.builder().type("BEDROCK_RERANKING_MODEL")
                    .bedrockRerankingConfiguration(b -> b.numberOfRerankedResults(rerankedResults)
                            .modelConfiguration(m -> m.modelArn(arn)))
                    .build();
        }

        /**
         * Sets the sync client, used for {@code Retrieve} and {@code RetrieveAndGenerate}.
         *
         * @param client the client; it stays yours to close
         * @return this
         */
        public Builder client(BedrockAgentRuntimeClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the async client, used for {@code RetrieveAndGenerateStream}, and for the other calls when no
         * sync client is set.
         *
         * @param asyncClient the client; it stays yours to close
         * @return this
         */
        public Builder asyncClient(BedrockAgentRuntimeAsyncClient asyncClient) {
            this.asyncClient = Objects.requireNonNull(asyncClient, "asyncClient");
            return this;
        }

        /**
         * Sets how long a call on the async client may take before it is cancelled, streams included (calls on
         * the sync client end with the client's own API call timeout).
         *
         * @param timeout a positive duration; default {@link BedrockKnowledgeBase#DEFAULT_TIMEOUT}
         * @return this
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Builds the knowledge base.
         *
         * @return the knowledge base
         * @throws IllegalStateException if neither client was set
         */
        public BedrockKnowledgeBase build() {
            if (client == null && asyncClient == null) {
                throw new IllegalStateException("set a client or an asyncClient (or both) on the builder");
            }
            return new BedrockKnowledgeBase(this);
        }
    }
}
