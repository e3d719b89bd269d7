package dev.bedrock4j.testkit.assertj;

import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.List;
import java.util.Objects;

/**
 * Assertions on the requests a {@link LocalBedrockServer} received (SDK retries included, each attempt
 * is one request). {@link #receivedRequests(BedrockOperation, int)} checks the count of one operation
 * and narrows the following checks to it.
 *
 * <pre>{@code
 * assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2)
 *         .lastRequest()
 *         .hasModelId("anthropic.claude-3-haiku-20240307-v1:0")
 *         .hasLastUserTextContaining("Printer on fire");
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 */
public final class LocalBedrockServerAssert extends
        AbstractRequestsAssert<LocalBedrockServerAssert, LocalBedrockServer, RecordedRequest, RecordedRequestAssert> {
    private final BedrockOperation operation;

    /**
     * Creates the assertion over every operation; {@link BedrockAssertions#assertThat(LocalBedrockServer)}
     * reads better.
     *
     * @param actual the server under test
     */
    public LocalBedrockServerAssert(LocalBedrockServer actual) {
        this(actual, null);
    }

    private LocalBedrockServerAssert(LocalBedrockServer actual, BedrockOperation operation) {
        super(actual, LocalBedrockServerAssert.class);
        this.operation = operation;
    }

    @Override
    protected List<RecordedRequest> recordedRequests() {
        return operation == null ? actual.requests() : actual.requests(operation);
    }

    @Override
    protected int receivedCount() {
        return operation == null ? actual.requestCount() : actual.requestCount(operation);
    }

    @Override
    protected RecordedRequestAssert assertionOn(RecordedRequest request) {
        return new RecordedRequestAssert(request);
    }

    @Override
    protected String summary(RecordedRequest request) {
        return request.toString();
    }

    @Override
    protected String requestNoun() {
        return operation == null ? "request" : operation.apiName() + " request";
    }

    /**
     * Checks how many requests of one operation were received, and narrows the checks that follow
     * ({@link #lastRequest()}, {@link #request(int)}, {@link #hasRequestCount(int)}) to that operation.
     *
     * @param operation the operation
     * @param expected the number of its requests
     * @return an assertion on the requests of that operation
     */
    public LocalBedrockServerAssert receivedRequests(BedrockOperation operation, int expected) {
        Objects.requireNonNull(operation, "operation");
        isNotNull();
        LocalBedrockServerAssert narrowed = new LocalBedrockServerAssert(actual, operation);
        String description = descriptionText();
        if (description != null && !description.isEmpty()) {
            narrowed.describedAs(description);
        }
        return narrowed.hasRequestCount(expected);
    }
}
