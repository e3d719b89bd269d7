package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.Messages.message;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.internal.TextPieces;
import java.util.List;

/**
 * Assertions on a {@link FakeChatModel}: the requests it received and whether its script was used up.
 *
 * <pre>{@code
 * assertThat(model).hasRequestCount(1)
 *         .lastRequest()
 *         .hasSystemPromptContaining("triage")
 *         .hasLastUserTextContaining("Printer on fire");
 * assertThat(model).hasNoRemainingReplies();
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 */
public final class FakeChatModelAssert
        extends AbstractRequestsAssert<FakeChatModelAssert, FakeChatModel, ChatRequest, ChatRequestAssert> {

    /**
     * Creates the assertion; {@link BedrockAssertions#assertThat(FakeChatModel)} reads better.
     *
     * @param actual the fake under test
     */
    public FakeChatModelAssert(FakeChatModel actual) {
        super(actual, FakeChatModelAssert.class);
    }

    @Override
    protected List<ChatRequest> recordedRequests() {
        return actual.requests();
    }

    @Override
    protected ChatRequestAssert assertionOn(ChatRequest request) {
        return new ChatRequestAssert(request);
    }

    @Override
    protected String summary(ChatRequest request) {
        return "user: " + TextPieces.abbreviate(request.lastUserText());
    }

    /**
     * Checks that every scripted answer was used, so the code under test made every call the test expected.
     *
     * @return this
     */
    public FakeChatModelAssert hasNoRemainingReplies() {
        isNotNull();
        if (actual.remaining() != 0) {
            throwAssertionError(message("%nExpecting %s to have used all its scripted answers, but the script still holds %s (requests received: %s)",
                    actual, actual.remaining(), actual.requestCount()));
        }
        return this;
    }
}
