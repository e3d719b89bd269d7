package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.Messages.message;

import dev.bedrock4j.core.chat.ChatRequest;

/**
 * Assertions on a {@link ChatRequest}: the one a fake recorded, or one your code builds. Start with
 * {@link BedrockAssertions#assertThat(ChatRequest)}, or reach it from a fake's
 * {@link FakeChatModelAssert#lastRequest()}.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder().system("Answer with P1, P2 or P3.").user("Printer on fire").build();
 * assertThat(request).hasSystemPromptContaining("P1, P2 or P3").hasLastUserText("Printer on fire");
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 */
public final class ChatRequestAssert extends AbstractChatRequestAssert<ChatRequestAssert, ChatRequest> {
    private final String whyMissing;

    /**
     * Creates the assertion; {@link BedrockAssertions#assertThat(ChatRequest)} reads better.
     *
     * @param actual the request under test
     */
    public ChatRequestAssert(ChatRequest actual) {
        this(actual, null);
    }

    /** An assertion on a recorded request that may carry no chat request; its checks then fail saying why. */
    ChatRequestAssert(ChatRequest actual, String whyMissing) {
        super(actual, ChatRequestAssert.class);
        this.whyMissing = whyMissing;
    }

    @Override
    protected ChatRequest chatRequest() {
        if (actual == null && whyMissing != null) {
            throwAssertionError(message("%n" + whyMissing.replace("%", "%%")));
        }
        isNotNull();
        return actual;
    }
}
