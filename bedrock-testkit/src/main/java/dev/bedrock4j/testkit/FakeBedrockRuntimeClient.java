package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.testkit.internal.BedrockChecks;
import dev.bedrock4j.testkit.internal.SdkErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * A fake of the AWS SDK's {@link BedrockRuntimeClient} that records every request and answers from a
 * script, so code that takes an SDK client, such as {@link dev.bedrock4j.core.Bedrock}, runs its real
 * code path with no network.
 *
 * <pre>{@code
 * FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
 * sdk.enqueueConverseText("Hello!");
 * sdk.enqueue(FakeBedrockRuntimeClient.throttling());          // the SDK's own exception
 *
 * Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();
 * bedrock.chat("anthropic.claude-3-haiku-20240307-v1:0").prompt().user("Hi").call();
 * assertThat(sdk.converseRequests()).hasSize(1);
 * }</pre>
 *
 * <p>As Bedrock does, the fake refuses with a {@code ValidationException} (HTTP 400) a malformed model id, an
 * id that is a likely typo of one the catalog knows, and Converse content Bedrock refuses (a conversation
 * that does not start with a user turn or does not alternate, tool results without their calls, blank text,
 * media over the model's limits, {@code maxTokens} over its output limit); the request is recorded and
 * the script left as it is.
 *
 * <p>Scripted entries are used in order by whichever operation comes next; an entry of the wrong type
 * for the operation fails the call clearly. With no script left, the responders answer; with none,
 * the call fails naming the request.
 *
 * <p>Thread-safe: the script and the record are synchronized.
 */
public final class FakeBedrockRuntimeClient extends FakeSdkClient implements BedrockRuntimeClient {
    private volatile Function<ConverseRequest, ConverseResponse> converseResponder;
    private volatile Function<InvokeModelRequest, InvokeModelResponse> invokeResponder;
    private volatile Function<CountTokensRequest, CountTokensResponse> countTokensResponder;

    private FakeBedrockRuntimeClient() {
        super("FakeBedrockRuntimeClient");
    }

    /**
     * A fake with an empty script.
     *
     * @return the fake
     */
    public static FakeBedrockRuntimeClient create() {
        return new FakeBedrockRuntimeClient();
    }

    /**
     * The SDK's throttling exception, as Bedrock raises it (HTTP 429).
     *
     * @return the exception
     */
    public static AwsServiceException throttling() {
        return SdkErrors.of(SdkErrors.RUNTIME, "ThrottlingException", 429, "Too many requests, please wait before trying again.");
    }

    /**
     * The SDK's validation exception, as Bedrock raises it (HTTP 400).
     *
     * @param message the service's message
     * @return the exception
     */
    public static AwsServiceException validation(String message) {
        return SdkErrors.of(SdkErrors.RUNTIME, "ValidationException", 400, message);
    }

    /**
     * A Converse response carrying a text answer, ended normally.
     *
     * @param text the answer
     * @return the SDK response
     */
    public static ConverseResponse converseText(String text) {
        return converseResponse(ChatResponse.ofText(text));
    }

    /**
     * The SDK Converse response for a library response, built through the wire JSON.
     *
     * @param response the response
     * @return the SDK response
     */
    public static ConverseResponse converseResponse(ChatResponse response) {
        return SdkJson.fromJson(ConverseCodec.response(response), ConverseResponse.builder());
    }

    /**
     * Scripts an SDK response or exception for the next call.
     *
     * @param responseOrException a {@link ConverseResponse}, {@link InvokeModelResponse} or {@link RuntimeException}
     * @return this
     */
    public FakeBedrockRuntimeClient enqueue(Object responseOrException) {
        script.enqueueResponse(responseOrException);
        return this;
    }

    /**
     * Scripts a Converse text answer.
     *
     * @param text the answer
     * @return this
     */
    public FakeBedrockRuntimeClient enqueueConverseText(String text) {
        return enqueue(converseText(text));
    }

    /**
     * Scripts an InvokeModel answer with a JSON body.
     *
     * @param json the model's native answer
     * @return this
     */
    public FakeBedrockRuntimeClient enqueueInvokeJson(String json) {
        return enqueue(InvokeModelResponse.builder().contentType("application/json")
                .body(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
    }

    /**
     * Answers Converse calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockRuntimeClient onConverse(Function<ConverseRequest, ConverseResponse> responder) {
        this.converseResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers InvokeModel calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public FakeBedrockRuntimeClient onInvokeModel(Function<InvokeModelRequest, InvokeModelResponse> responder) {
        this.invokeResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers CountTokens calls the script does not cover.
     *
     * @param responder computes the response, such as {@code r -> FakeBedrockRuntimeClient.counted(42)}
     * @return this
     */
    public FakeBedrockRuntimeClient onCountTokens(Function<CountTokensRequest, CountTokensResponse> responder) {
        this.countTokensResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * A CountTokens response.
     *
     * @param inputTokens the input tokens
     * @return the SDK response
     */
    public static CountTokensResponse counted(int inputTokens) {
        return CountTokensResponse.builder().inputTokens(inputTokens).build();
    }

    @Override
    public CountTokensResponse countTokens(CountTokensRequest request) {
        checkAsBedrock(request);
        return (CountTokensResponse) script.next(request, countTokensResponder, CountTokensResponse.class);
    }

    /**
     * The CountTokens requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<CountTokensRequest> countTokensRequests() {
        return script.requests(CountTokensRequest.class);
    }

    @Override
    public ConverseResponse converse(ConverseRequest request) {
        checkAsBedrock(request);
        return (ConverseResponse) script.next(request, converseResponder, ConverseResponse.class);
    }

    @Override
    public InvokeModelResponse invokeModel(InvokeModelRequest request) {
        checkAsBedrock(request);
        return (InvokeModelResponse) script.next(request, invokeResponder, InvokeModelResponse.class);
    }

    // The SDK sends no request without a model id; Bedrock refuses malformed and mistyped ids, and content it
    // cannot take, before any model runs.
    private void checkAsBedrock(SdkRequest request) {
        if (script.closed()) {
            return; // a closed client fails first, as script.next says
        }
        Optional<SdkClientException> unsent = BedrockChecks.sdkClientRejection(request);
        if (unsent.isPresent()) {
            throw unsent.get();
        }
        Optional<AwsServiceException> rejection = BedrockChecks.sdkRejection(request);
        if (rejection.isPresent()) {
            throw script.reject(request, rejection.get());
        }
    }

    /**
     * The Converse requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<ConverseRequest> converseRequests() {
        return script.requests(ConverseRequest.class);
    }

    /**
     * The InvokeModel requests received, in order.
     *
     * @return an immutable snapshot
     */
    public List<InvokeModelRequest> invokeModelRequests() {
        return script.requests(InvokeModelRequest.class);
    }

    /**
     * The body of the last InvokeModel request, parsed.
     *
     * @return the JSON body
     * @throws IllegalStateException if there was none
     */
    public JsonNode lastInvokeBody() {
        List<InvokeModelRequest> invokes = invokeModelRequests();
        if (invokes.isEmpty()) {
            throw new IllegalStateException("no InvokeModel request was received");
        }
        return JsonSupport.parse(invokes.get(invokes.size() - 1).body().asByteArray());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public BedrockRuntimeServiceClientConfiguration serviceClientConfiguration() {
        return BedrockRuntimeServiceClientConfiguration.builder().build();
    }

    @Override
    public void close() {
        script.close();
    }
}
