package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.spi.JsonSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** CountTokens through the real SDK clients, consistent with the usage the server's answers report. */
class LocalBedrockServerCountTokensTest extends LocalServerTestBase {
    static final String CLAUDE = "anthropic.claude-3-5-haiku-20241022-v1:0";
    static final Message HELLO = Message.builder().role(ConversationRole.USER)
            .content(ContentBlock.fromText("What is the capital of France?")).build();

    @Test
    void aConverseInputCountsWhatConverseWouldBill() {
        CountTokensResponse counted = sync.countTokens(r -> r.modelId(CLAUDE).input(i -> i.converse(c -> c
                .system(SystemContentBlock.fromText("Answer briefly.")).messages(HELLO))));
        ConverseResponse conversed = sync.converse(r -> r.modelId(CLAUDE)
                .system(SystemContentBlock.fromText("Answer briefly.")).messages(HELLO));
        assertThat(counted.inputTokens()).isEqualTo(8).isEqualTo(conversed.usage().inputTokens());

        RecordedRequest recorded = server.requests(BedrockOperation.COUNT_TOKENS).get(0);
        assertThat(recorded.modelId()).contains(CLAUDE);
        assertThat(recorded.chatRequest().orElseThrow().lastUserText()).isEqualTo("What is the capital of France?");
        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(1);
    }

    @Test
    void anInvokeModelInputCountsTheNativeBody() {
        byte[] body = JsonSupport.bytes(NativeFormat.anthropicMessages().toBody(ChatRequest.builder()
                .system("Answer briefly.").user("What is the capital of France?").maxTokens(100).build()));
        CountTokensResponse counted = async.countTokens(r -> r.modelId(CLAUDE)
                .input(i -> i.invokeModel(m -> m.body(SdkBytes.fromByteArray(body))))).join();
        int billed = Integer.parseInt(sync.invokeModel(r -> r.modelId(CLAUDE).body(SdkBytes.fromByteArray(body)))
                .sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count").orElseThrow());
        assertThat(counted.inputTokens()).isEqualTo(8).isEqualTo(billed);
        assertThat(server.requests(BedrockOperation.COUNT_TOKENS).get(0).chatRequest().orElseThrow().maxTokens()).hasValue(100);
    }

    @Test
    void countingIsDeterministic() {
        int first = sync.countTokens(r -> r.modelId(CLAUDE).input(i -> i.converse(c -> c.messages(HELLO)))).inputTokens();
        int second = sync.countTokens(r -> r.modelId(CLAUDE).input(i -> i.converse(c -> c.messages(HELLO)))).inputTokens();
        assertThat(first).isEqualTo(second).isEqualTo(6);
    }

    @Test
    void modelsThatDoNotCountTokensAreRefused() {
        assertThatThrownBy(() -> sync.countTokens(r -> r.modelId("amazon.nova-lite-v1:0")
                .input(i -> i.converse(c -> c.messages(HELLO)))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("The provided model doesn't support counting tokens.");
        server.model("acme.custom-llm-v1");   // a model the test scripts is counted
        assertThat(sync.countTokens(r -> r.modelId("acme.custom-llm-v1").input(i -> i.converse(c -> c.messages(HELLO))))
                .inputTokens()).isEqualTo(6);
    }

    @Test
    void converseRefusesAnInputOverTheContextWindowAsBedrockDoesButCountTokensCountsIt() {
        String claude3 = "anthropic.claude-3-7-sonnet-20250219-v1:0";   // a 200,000-token window
        Message over = Message.builder().role(ConversationRole.USER)
                .content(ContentBlock.fromText("word ".repeat(199_001).strip())).build();
        String tooLong = "The model returned the following errors: Input is too long for requested model.";

        assertThat(sync.countTokens(r -> r.modelId(claude3).input(i -> i.converse(c -> c.messages(over))))
                .inputTokens()).isEqualTo(199_001);
        assertThatThrownBy(() -> sync.converse(r -> r.modelId(claude3).messages(over).inferenceConfig(c -> c.maxTokens(1000))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining(tooLong);
        assertThatThrownBy(() -> async.converseStream(r -> r.modelId(claude3).messages(over)
                        .inferenceConfig(c -> c.maxTokens(1000)),
                ConverseStreamResponseHandler.builder()
                        .subscriber(event -> { }).build()).join())
                .hasRootCauseInstanceOf(ValidationException.class).hasMessageContaining(tooLong);
        // input and maxTokens that fill the window exactly are answered; without maxTokens the input alone counts
        assertThat(sync.converse(r -> r.modelId(claude3).messages(over).inferenceConfig(c -> c.maxTokens(999)))
                .usage().inputTokens()).isEqualTo(199_001);
        assertThat(sync.converse(r -> r.modelId(claude3).messages(over)).usage().inputTokens()).isEqualTo(199_001);
        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(3);

        // before Claude 3.7, Claude lowers max_tokens rather than refusing: only the input is held to the window
        String older = "anthropic.claude-3-haiku-20240307-v1:0";
        assertThat(sync.converse(r -> r.modelId(older).messages(over).inferenceConfig(c -> c.maxTokens(4000)))
                .usage().inputTokens()).isEqualTo(199_001);
        Message overAlone = Message.builder().role(ConversationRole.USER)
                .content(ContentBlock.fromText("word ".repeat(200_001).strip())).build();
        assertThatThrownBy(() -> sync.converse(r -> r.modelId(older).messages(overAlone)))
                .isInstanceOf(ValidationException.class).hasMessageContaining(tooLong);
    }

    @Test
    void anInputThatIsNeitherConverseNorInvokeModelIsRefused() {
        assertThatThrownBy(() -> sync.countTokens(r -> r.modelId(CLAUDE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'input'");
        assertThatThrownBy(() -> sync.countTokens(r -> r.modelId(CLAUDE)
                .input(i -> i.invokeModel(m -> m.body(SdkBytes.fromUtf8String("not json"))))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not valid JSON");
    }
}
