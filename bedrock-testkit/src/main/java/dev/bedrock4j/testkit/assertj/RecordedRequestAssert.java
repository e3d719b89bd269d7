package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.Messages.message;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Assertions on a request the {@link LocalBedrockServer} received: its operation, model, headers and
 * SDK attempt, and, for chat operations ({@code Converse}, {@code ConverseStream} and native chat
 * bodies of {@code InvokeModel}), every check of {@link AbstractChatRequestAssert} on the body read
 * back as a {@link ChatRequest}.
 *
 * <pre>{@code
 * assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 1)
 *         .lastRequest()
 *         .hasModelId("anthropic.claude-3-haiku-20240307-v1:0")
 *         .hasLastUserText("Hi")
 *         .hasAttempt(1);
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 */
public final class RecordedRequestAssert extends AbstractChatRequestAssert<RecordedRequestAssert, RecordedRequest> {

    /**
     * Creates the assertion; {@link BedrockAssertions#assertThat(RecordedRequest)} reads better.
     *
     * @param actual the request under test
     */
    public RecordedRequestAssert(RecordedRequest actual) {
        super(actual, RecordedRequestAssert.class);
    }

    @Override
    protected ChatRequest chatRequest() {
        isNotNull();
        return actual.chatRequest().orElseThrow(() -> assertionError(message(
                "%nExpecting %s to carry a chat request, but its body cannot be read as one", actual)));
    }

    /**
     * Checks the operation.
     *
     * @param expected the operation
     * @return this
     */
    public RecordedRequestAssert hasOperation(BedrockOperation expected) {
        isNotNull();
        if (actual.operation() != expected) {
            throwAssertionError(message("%nExpecting %s to be a " + expected.apiName()
                    + " request, but it is a " + actual.operation().apiName() + " request", actual));
        }
        return this;
    }

    /**
     * Checks the model id in the path, as the caller passed it.
     *
     * @param expected the model id
     * @return this
     */
    public RecordedRequestAssert hasModelId(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        Optional<String> modelId = actual.modelId();
        if (modelId.isEmpty()) {
            throwAssertionError(message("%nExpecting %s to call the model:%n  %s%nbut it is a " + actual.operation().apiName()
                    + " request, which names no model", actual, expected));
        } else if (!modelId.get().equals(expected)) {
            throwAssertionError(message("%nExpecting %s to call the model:%n  %s%nbut it called:%n  %s",
                    actual, expected, modelId.get()));
        }
        return this;
    }

    /**
     * Checks the first value of a header.
     *
     * @param name the header name, in any case
     * @param expected the value
     * @return this
     */
    public RecordedRequestAssert hasHeader(String name, String expected) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (!actual.header(name).equals(Optional.of(expected))) {
            throwAssertionError(message("%nExpecting %s to have the header %s with the value:%n  %s%nbut its values were:%n  %s",
                    actual, name, expected, actual.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of())));
        }
        return this;
    }

    /**
     * Checks the SDK's attempt number: 1 for the first try, 2 for the first retry.
     *
     * @param expected the attempt
     * @return this
     */
    public RecordedRequestAssert hasAttempt(int expected) {
        isNotNull();
        if (actual.attempt() != expected) {
            throwAssertionError(message("%nExpecting %s to be attempt %s, but it was attempt %s",
                    actual, expected, actual.attempt()));
        }
        return this;
    }
}
