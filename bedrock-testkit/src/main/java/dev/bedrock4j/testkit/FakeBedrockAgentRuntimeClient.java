package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.SdkErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultLocationType;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;

/**
 * A fake of the AWS SDK's {@link BedrockAgentRuntimeClient} ({@code retrieve}, {@code rerank} and
 * {@code retrieveAndGenerate})
 * that records every request and answers from a script, so knowledge-base code runs offline.
 *
 * <pre>{@code
 * FakeBedrockAgentRuntimeClient sdk = FakeBedrockAgentRuntimeClient.create();
 * sdk.enqueue(FakeBedrockAgentRuntimeClient.retrieved("Returns are accepted for 30 days."));
 * sdk.enqueue(FakeBedrockAgentRuntimeClient.exception("ResourceNotFoundException", 404, "no such knowledge base"));
 *
 * RetrieveResponse response = sdk.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("returns?")));
 * assertThat(sdk.retrieveRequests()).hasSize(1);
 * }</pre>
 *
 * <p>Scripted entries are used in order by whichever operation comes next; an entry of the wrong type
 * fails the call clearly. With no script left, the responders answer; with none, the call fails naming
 * the request.
 *
 * <p>Thread-safe: the script and the record are synchronized.
 */
public final class FakeBedrockAgentRuntimeClient extends FakeSdkClient implements BedrockAgentRuntimeClient {
    private volatile Function<RetrieveRequest, RetrieveResponse> retrieveResponder;
    private volatile Function<RetrieveAndGenerateRequest, RetrieveAndGenerateResponse> generateResponder;
    private volatile Function<RerankRequest, RerankResponse> rerankResponder;

    private FakeBedrockAgentRuntimeClient() {
        super("FakeBedrockAgentRuntimeClient");
    }

    /**
     * A fake with an empty script.
     *
     * @return the fake
     */
    public static FakeBedrockAgentRuntimeClient create() {
        return new FakeBedrockAgentRuntimeClient();
    }

    /**
     * A Retrieve response holding passages, best first, with falling scores and {@code CUSTOM} locations
     * {@code doc-1}, {@code doc-2}, ...
     *
     * @param passages the retrieved texts
     * @return the SDK response
     */
    public static RetrieveResponse retrieved(String... passages) {
        List<KnowledgeBaseRetrievalResult> results = new ArrayList<>();
        for (int i = 0; i < passages.length; i++) {
            String id = "doc-" + (i + 1);
            String text = passages[i];
            results.add(KnowledgeBaseRetrievalResult.builder()
                    .content(c -> c.text(text).type("TEXT"))
                    .location(l -> l.type(RetrievalResultLocationType.CUSTOM).customDocumentLocation(d -> d.id(id)))
                    .score(1.0 - 0.1 * i)
                    .build());
        }
        return RetrieveResponse.builder().retrievalResults(results).build();
    }

    /**
     * A Rerank response: the sources at the given indexes, in that order, with falling relevance scores from 1.
     *
     * @param indexes the sources' indexes in the request, best first
     * @return the SDK response
     */
    public static RerankResponse reranked(int... indexes) {
        List<RerankResult> results = new ArrayList<>();
        for (int i = 0; i < indexes.length; i++) {
            results.add(RerankResult.builder().index(indexes[i]).relevanceScore((float) (1.0 - 0.1 * i)).build());
        }
        return RerankResponse.builder().results(results).build();
    }

    /**
     * A RetrieveAndGenerate response with a text and no citations.
     *
     * @param text the generated answer
     * @param sessionId the session id
     * @return the SDK response
     */
    public static RetrieveAndGenerateResponse generated(String text, String sessionId) {
        return RetrieveAndGenerateResponse.builder().output(o -> o.text(text)).sessionId(sessionId).build();
    }

    /**
     * The SDK's exception for an agent runtime error, such as {@code ("ThrottlingException", 429, "...")}
     * or {@code ("ResourceNotFoundException", 404, "...")}.
     *
     * @param errorCode the error code, naming the SDK's exception class
     * @param status the HTTP status
     * @param message the message
     * @return the exception
     */
    public static AwsServiceException exception(String errorCode, int status, String message) {
        return SdkErrors.of(SdkErrors.AGENT_RUNTIME, errorCode, status, message);
    }

    /**
     * Scripts an SDK response or exception for the next call.
     *
     * @param responseOrException a {@link RetrieveResponse}, {@link RerankResponse},
     *        {@link RetrieveAndGenerateResponse} or {@link RuntimeException}
     * @return this
     */
    public FakeBedrockAgentRuntimeClient enqueue(Object responseOrException) {
        script.enqueueResponse(responseOrException);
        return this;
    }

    /**
     * Answers Retrieve calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockAgentRuntimeClient onRetrieve(Function<RetrieveRequest, RetrieveResponse> responder) {
        this.retrieveResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers RetrieveAndGenerate calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockAgentRuntimeClient onRetrieveAndGenerate(
            Function<RetrieveAndGenerateRequest, RetrieveAndGenerateResponse> responder) {
        this.generateResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers Rerank calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockAgentRuntimeClient onRerank(Function<RerankRequest, RerankResponse> responder) {
        this.rerankResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        return (RerankResponse) script.next(request, rerankResponder, RerankResponse.class);
    }

    /**
     * The Rerank requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<RerankRequest> rerankRequests() {
        return script.requests(RerankRequest.class);
    }

    @Override
    public RetrieveResponse retrieve(RetrieveRequest request) {
        return (RetrieveResponse) script.next(request, retrieveResponder, RetrieveResponse.class);
    }

    @Override
    public RetrieveAndGenerateResponse retrieveAndGenerate(RetrieveAndGenerateRequest request) {
        return (RetrieveAndGenerateResponse) script.next(request, generateResponder, RetrieveAndGenerateResponse.class);
    }

    /**
     * The Retrieve requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<RetrieveRequest> retrieveRequests() {
        return script.requests(RetrieveRequest.class);
    }

    /**
     * The RetrieveAndGenerate requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<RetrieveAndGenerateRequest> retrieveAndGenerateRequests() {
        return script.requests(RetrieveAndGenerateRequest.class);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public BedrockAgentRuntimeServiceClientConfiguration serviceClientConfiguration() {
        return BedrockAgentRuntimeServiceClientConfiguration.builder().build();
    }

    @Override
    public void close() {
        script.close();
    }
}
