package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.internal.ConverseJson;
import dev.bedrock4j.core.internal.JsonSupport;
import dev.bedrock4j.core.internal.SdkJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

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
 * <p>Scripted entries are used in order by whichever operation comes next; an entry of the wrong type
 * for the operation fails the call clearly. With no script left, the responders answer; with none,
 * the call fails naming the request.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class FakeBedrockRuntimeClient implements BedrockRuntimeClient {
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<SdkRequest> requests = new ArrayList<>();
    private Function<ConverseRequest, ConverseResponse> converseResponder;
    private Function<InvokeModelRequest, InvokeModelResponse> invokeResponder;
    private boolean closed;

    private FakeBedrockRuntimeClient() {
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
        return ThrottlingException.builder().message("Too many requests, please wait before trying again.")
                .statusCode(429).awsErrorDetails(details("ThrottlingException", 429)).requestId("fake-request-id").build();
    }

    /**
     * The SDK's validation exception, as Bedrock raises it (HTTP 400).
     *
     * @param message the service's message
     * @return the exception
     */
    public static AwsServiceException validation(String message) {
        return ValidationException.builder().message(message).statusCode(400)
                .awsErrorDetails(details("ValidationException", 400)).requestId("fake-request-id").build();
    }

    private static AwsErrorDetails details(String code, int status) {
        return AwsErrorDetails.builder().errorCode(code).serviceName("BedrockRuntime").build();
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
        return SdkJson.fromJson(ConverseJson.response(response), ConverseResponse.builder());
    }

    /**
     * Scripts an SDK response or exception for the next call.
     *
     * @param responseOrException a {@link ConverseResponse}, {@link InvokeModelResponse} or {@link RuntimeException}
     * @return this
     */
    public synchronized FakeBedrockRuntimeClient enqueue(Object responseOrException) {
        if (!(responseOrException instanceof SdkResponse || responseOrException instanceof RuntimeException)) {
            throw new IllegalArgumentException("enqueue takes an SDK response or a RuntimeException, not "
                    + responseOrException);
        }
        script.add(responseOrException);
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
    public synchronized FakeBedrockRuntimeClient onConverse(Function<ConverseRequest, ConverseResponse> responder) {
        this.converseResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers InvokeModel calls the script does not cover.
     *
     * @param responder computes the response
     * @return this
     */
    public synchronized FakeBedrockRuntimeClient onInvokeModel(Function<InvokeModelRequest, InvokeModelResponse> responder) {
        this.invokeResponder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    public synchronized ConverseResponse converse(ConverseRequest request) {
        return answer(request, ConverseResponse.class, converseResponder);
    }

    @Override
    public synchronized InvokeModelResponse invokeModel(InvokeModelRequest request) {
        return answer(request, InvokeModelResponse.class, invokeResponder);
    }

    private <Q extends SdkRequest, R> R answer(Q request, Class<R> type, Function<Q, R> responder) {
        if (closed) {
            throw new IllegalStateException("FakeBedrockRuntimeClient is closed");
        }
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            if (responder == null) {
                throw new IllegalStateException("no scripted response for request #" + requests.size() + " ("
                        + request.getClass().getSimpleName() + "); enqueue one or set a responder");
            }
            return responder.apply(request);
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        if (!type.isInstance(next)) {
            throw new IllegalStateException("request #" + requests.size() + " is a " + request.getClass().getSimpleName()
                    + " but the next scripted entry is a " + next.getClass().getSimpleName());
        }
        return type.cast(next);
    }

    /**
     * Every request received, in order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<SdkRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The Converse requests received, in order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<ConverseRequest> converseRequests() {
        return requests.stream().filter(ConverseRequest.class::isInstance).map(ConverseRequest.class::cast).toList();
    }

    /**
     * The InvokeModel requests received, in order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<InvokeModelRequest> invokeModelRequests() {
        return requests.stream().filter(InvokeModelRequest.class::isInstance).map(InvokeModelRequest.class::cast).toList();
    }

    /**
     * The body of the last InvokeModel request, parsed.
     *
     * @return the JSON body
     * @throws IllegalStateException if there was none
     */
    public synchronized JsonNode lastInvokeBody() {
        List<InvokeModelRequest> invokes = invokeModelRequests();
        if (invokes.isEmpty()) {
            throw new IllegalStateException("no InvokeModel request was received");
        }
        return JsonSupport.parse(invokes.get(invokes.size() - 1).body().asByteArray());
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public synchronized boolean closed() {
        return closed;
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
    public synchronized void close() {
        closed = true;
    }
}
