package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;
import static dev.bedrock4j.testkit.assertj.Lines.lines;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.FakeBedrockRuntimeAsyncClient;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import org.junit.jupiter.api.Test;

/** The SDK requests the fakes record, read back as chat requests so the request checks apply to them. */
class FakeRuntimeClientAssertTest {
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String TITAN_EMBED = "amazon.titan-embed-text-v2:0";

    private final ChatRequest request = ChatRequest.builder().system("Triage the ticket.").user("Printer on fire")
            .tools(ChatRequestAssertTest.LOOKUP).maxTokens(5).build();

    @Test
    void converseRequestsOfTheSyncFakeReadAsChatRequests() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create().enqueueConverseText("P1").enqueueConverseText("P2");
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();
        bedrock.chat(CLAUDE).call(request);
        bedrock.chat(CLAUDE).prompt().user("Fax is slow").call();

        assertThat(sdk).hasRequestCount(2).request(0)
                .hasSystemPrompt("Triage the ticket.").hasLastUserText("Printer on fire")
                .hasToolOffered("lookup_customer").hasMaxTokens(5);
        assertThat(sdk).lastRequest().hasLastUserText("Fax is slow").hasNoToolsOffered();
    }

    @Test
    void nativeInvokeModelBodiesReadAsChatRequestsToo() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create().enqueueInvokeJson(
                "{\"content\":[{\"type\":\"text\",\"text\":\"P1\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}");
        Bedrock.builder().runtimeClient(sdk).build().nativeModel(CLAUDE).call(request);

        assertThat(sdk).hasRequestCount(1).lastRequest().hasSystemPrompt("Triage the ticket.").hasLastUserText("Printer on fire");
    }

    @Test
    void streamsOfTheAsyncFakeReadAsChatRequests() {
        FakeBedrockRuntimeAsyncClient sdk = FakeBedrockRuntimeAsyncClient.create().enqueueConverseText("P1");
        Bedrock.builder().asyncRuntimeClient(sdk).build().chat(CLAUDE).stream(request).collect().join();

        assertThat(sdk).hasRequestCount(1).lastRequest().hasLastUserText("Printer on fire").hasToolOffered("lookup_customer");
    }

    @Test
    void aRequestThatCarriesNoChatFailsClearly() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create().enqueueInvokeJson("{\"embedding\":[0.1],\"inputTextTokenCount\":1}");
        sdk.invokeModel(r -> r.modelId(TITAN_EMBED).body(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"inputText\":\"hi\"}")));

        assertThatThrownBy(() -> assertThat(sdk).lastRequest().hasLastUserText("hi"))
                .hasMessage(lines("[last request to FakeBedrockRuntimeClient] ",
                        "Expecting the InvokeModelRequest to carry a chat request, but it does not"
                                + " (it is for a model that does not chat, or its body cannot be read)"));
    }

    @Test
    void aWrongCountListsTheSdkRequests() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create().enqueueConverseText("P1");
        Bedrock.builder().runtimeClient(sdk).build().chat(CLAUDE).call(request);

        assertThatThrownBy(() -> assertThat(sdk).hasNoRequests())
                .hasMessage(lines("", "Expecting FakeBedrockRuntimeClient to have received 0 requests, but it received 1:",
                        "  [\"ConverseRequest, user: Printer on fire\"]"));
    }
}
