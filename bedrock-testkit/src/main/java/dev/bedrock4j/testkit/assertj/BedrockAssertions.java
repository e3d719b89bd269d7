package dev.bedrock4j.testkit.assertj;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.FakeBedrockRuntimeAsyncClient;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import org.assertj.core.api.Assertions;

/**
 * The entry point of the testkit's AssertJ assertions. It extends AssertJ's {@link Assertions}, so one
 * static import, {@code import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;},
 * serves the Bedrock4j types and everything AssertJ covers.
 *
 * <pre>{@code
 * FakeChatModel model = FakeChatModel.create().enqueueText("P2");
 * ChatResponse reply = model.prompt().system("Triage the ticket.").user("Printer on fire").call();
 *
 * assertThat(reply).hasText("P2");
 * assertThat(model).hasRequestCount(1)
 *         .lastRequest()
 *         .hasSystemPromptContaining("Triage")
 *         .hasLastUserText("Printer on fire");
 * assertThat(reply.text()).startsWith("P");                       // plain AssertJ, same import
 * }</pre>
 *
 * <p>Failure messages name what was expected and show what was found: the texts, the tools offered,
 * the requests received.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class BedrockAssertions extends Assertions {

    private BedrockAssertions() {
    }

    /**
     * Starts assertions on a fake chat model's requests.
     *
     * @param actual the fake
     * @return the assertion
     */
    public static FakeChatModelAssert assertThat(FakeChatModel actual) {
        return new FakeChatModelAssert(actual);
    }

    /**
     * Starts assertions on the requests a fake sync SDK client received.
     *
     * @param actual the fake
     * @return the assertion
     */
    public static FakeRuntimeClientAssert assertThat(FakeBedrockRuntimeClient actual) {
        return new FakeRuntimeClientAssert(actual);
    }

    /**
     * Starts assertions on the requests a fake async SDK client received.
     *
     * @param actual the fake
     * @return the assertion
     */
    public static FakeRuntimeClientAssert assertThat(FakeBedrockRuntimeAsyncClient actual) {
        return new FakeRuntimeClientAssert(actual);
    }

    /**
     * Starts assertions on the requests the local server received.
     *
     * @param actual the server
     * @return the assertion
     */
    public static LocalBedrockServerAssert assertThat(LocalBedrockServer actual) {
        return new LocalBedrockServerAssert(actual);
    }

    /**
     * Starts assertions on one request the local server received.
     *
     * @param actual the request
     * @return the assertion
     */
    public static RecordedRequestAssert assertThat(RecordedRequest actual) {
        return new RecordedRequestAssert(actual);
    }

    /**
     * Starts assertions on a chat request.
     *
     * @param actual the request
     * @return the assertion
     */
    public static ChatRequestAssert assertThat(ChatRequest actual) {
        return new ChatRequestAssert(actual);
    }

    /**
     * Starts assertions on a chat response.
     *
     * @param actual the response
     * @return the assertion
     */
    public static ChatResponseAssert assertThat(ChatResponse actual) {
        return new ChatResponseAssert(actual);
    }
}
