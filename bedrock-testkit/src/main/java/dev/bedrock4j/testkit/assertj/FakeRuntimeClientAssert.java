package dev.bedrock4j.testkit.assertj;

import dev.bedrock4j.testkit.FakeBedrockRuntimeAsyncClient;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.internal.ChatRequests;
import dev.bedrock4j.testkit.internal.TextPieces;
import java.util.List;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Assertions on a fake SDK runtime client, {@link FakeBedrockRuntimeClient} or
 * {@link FakeBedrockRuntimeAsyncClient}: the SDK requests it received, counted whatever their
 * operation, and each chat request ({@code Converse}, {@code ConverseStream}, or a native chat body of
 * {@code InvokeModel}) read back as the library's {@link dev.bedrock4j.core.chat.ChatRequest}, so the
 * checks of {@link ChatRequestAssert} apply to what the SDK was asked.
 *
 * <pre>{@code
 * FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create().enqueueConverseText("P2");
 * Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();
 * bedrock.chat("anthropic.claude-3-haiku-20240307-v1:0").prompt().system("Triage.").user("Printer on fire").call();
 *
 * assertThat(sdk).hasRequestCount(1).lastRequest().hasSystemPrompt("Triage.").hasLastUserText("Printer on fire");
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 */
public final class FakeRuntimeClientAssert
        extends AbstractRequestsAssert<FakeRuntimeClientAssert, SdkClient, SdkRequest, ChatRequestAssert> {
    private final List<SdkRequest> requests;

    /**
     * Creates the assertion; {@link BedrockAssertions#assertThat(FakeBedrockRuntimeClient)} reads better.
     *
     * @param actual the fake under test
     */
    public FakeRuntimeClientAssert(FakeBedrockRuntimeClient actual) {
        super(actual, FakeRuntimeClientAssert.class);
        this.requests = actual == null ? List.of() : actual.requests();
    }

    /**
     * Creates the assertion; {@link BedrockAssertions#assertThat(FakeBedrockRuntimeAsyncClient)} reads better.
     *
     * @param actual the fake under test
     */
    public FakeRuntimeClientAssert(FakeBedrockRuntimeAsyncClient actual) {
        super(actual, FakeRuntimeClientAssert.class);
        this.requests = actual == null ? List.of() : actual.requests();
    }

    @Override
    protected List<SdkRequest> recordedRequests() {
        return requests;
    }

    @Override
    protected ChatRequestAssert assertionOn(SdkRequest request) {
        return new ChatRequestAssert(ChatRequests.fromSdk(request).orElse(null), "Expecting the "
                + request.getClass().getSimpleName() + " to carry a chat request, but it does not"
                + " (it is for a model that does not chat, or its body cannot be read)");
    }

    @Override
    protected String summary(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return ChatRequests.fromSdk(request).map(r -> name + ", user: " + TextPieces.abbreviate(r.lastUserText()))
                .orElse(name);
    }
}
