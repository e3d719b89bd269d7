package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;

/**
 * Extended thinking, as AWS's reasoning examples use it (Reasoning.java, ReasoningStream.java in
 * aws-doc-sdk-examples): with {@code thinking} enabled, the unscripted answer thinks first, with a signature,
 * through Converse, ConverseStream and the Anthropic native body.
 */
class LocalBedrockServerThinkingTest extends LocalServerTestBase {
    static final String MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    static final String PROMPT = "Describe the purpose of a 'hello world' program in one line.";
    static final Document THINKING = Document.mapBuilder()
            .putDocument("thinking", Document.mapBuilder()
                    .putString("type", "enabled")
                    .putNumber("budget_tokens", 2000)
                    .build())
            .build();
    static final Message MESSAGE = Message.builder().content(ContentBlock.fromText(PROMPT)).role(ConversationRole.USER).build();

    @Test
    void converseAnswersWithAReasoningBlockAndItsSignatureBeforeTheText() {
        ConverseResponse response = sync.converse(r -> r.additionalModelRequestFields(THINKING).messages(MESSAGE).modelId(MODEL));

        // what the AWS example does with the answer
        ReasoningContentBlock reasoning = null;
        String text = null;
        for (ContentBlock block : response.output().message().content()) {
            if (block.reasoningContent() != null) {
                reasoning = block.reasoningContent();
            } else if (block.text() != null) {
                text = block.text();
            }
        }
        assertThat(reasoning).isNotNull();
        assertThat(reasoning.reasoningText().text()).contains(PROMPT);
        assertThat(reasoning.reasoningText().signature()).isNotBlank();
        assertThat(text).isEqualTo("You said: " + PROMPT);
        assertThat(response.output().message().content().get(0).reasoningContent()).as("reasoning comes first").isNotNull();
        int words = PROMPT.split(" ").length;
        assertThat(response.usage().outputTokens()).as("thinking is billed as output").isGreaterThan(words + 2);
    }

    @Test
    void withoutThinkingTheAnswerHasNoReasoningBlock() {
        ConverseResponse response = sync.converse(r -> r.messages(MESSAGE).modelId(MODEL));
        assertThat(response.output().message().content()).singleElement()
                .satisfies(block -> assertThat(block.text()).isEqualTo("You said: " + PROMPT));

        Document disabled = Document.mapBuilder()
                .putDocument("thinking", Document.mapBuilder().putString("type", "disabled").build()).build();
        assertThat(sync.converse(r -> r.additionalModelRequestFields(disabled).messages(MESSAGE).modelId(MODEL))
                .output().message().content()).hasSize(1);
    }

    @Test
    void theSignatureIsStableForTheSameThought() {
        String first = sync.converse(r -> r.additionalModelRequestFields(THINKING).messages(MESSAGE).modelId(MODEL))
                .output().message().content().get(0).reasoningContent().reasoningText().signature();
        String second = sync.converse(r -> r.additionalModelRequestFields(THINKING).messages(MESSAGE).modelId(MODEL))
                .output().message().content().get(0).reasoningContent().reasoningText().signature();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void converseStreamSendsReasoningDeltasAndASignatureDeltaBeforeTheText() {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<String> order = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(chunk -> {
                            ContentBlockDelta delta = chunk.delta();
                            if (delta.reasoningContent() != null) {
                                order.add("reasoning");
                                if (delta.reasoningContent().text() != null) {
                                    reasoning.append(delta.reasoningContent().text());
                                }
                                if (delta.reasoningContent().signature() != null) {
                                    signatures.add(delta.reasoningContent().signature());
                                }
                            } else if (delta.text() != null) {
                                order.add("text");
                                text.append(delta.text());
                            }
                        }).build())
                .build();
        async.converseStream(ConverseStreamRequest.builder().additionalModelRequestFields(THINKING).messages(MESSAGE)
                .modelId(MODEL).build(), handler).join();

        assertThat(reasoning.toString()).contains(PROMPT);
        assertThat(text.toString()).isEqualTo("You said: " + PROMPT);
        assertThat(signatures).singleElement().satisfies(s -> assertThat(s).isNotBlank());
        assertThat(order.indexOf("text")).as("the first text delta comes after the reasoning")
                .isGreaterThan(order.lastIndexOf("reasoning"));
        assertThat(order.stream().filter("reasoning"::equals).count()).as("reasoning arrives in several deltas")
                .isGreaterThan(2);
    }

    @Test
    void theAnthropicNativeBodyAnswersWithAThinkingBlock() {
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":4000,
                 "thinking":{"type":"enabled","budget_tokens":2000},
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(PROMPT.replace("'", "\\u0027"));
        JsonNode answer = JsonSupport.parse(sync.invokeModel(r -> r.modelId(MODEL).body(SdkBytes.fromUtf8String(body)))
                .body().asByteArray());

        JsonNode thinking = answer.path("content").path(0);
        assertThat(thinking.path("type").asText()).isEqualTo("thinking");
        assertThat(thinking.path("thinking").asText()).contains(PROMPT);
        assertThat(thinking.path("signature").asText()).isNotBlank();
        assertThat(answer.path("content").path(1).path("type").asText()).isEqualTo("text");
        assertThat(answer.path("content").path(1).path("text").asText()).isEqualTo("You said: " + PROMPT);
        assertThat(server.lastRequest().chatRequest().orElseThrow().additionalModelRequestFields().orElseThrow()
                .path("thinking").path("budget_tokens").asInt()).as("the record keeps the thinking settings").isEqualTo(2000);
    }

    @Test
    void theAnthropicNativeStreamSendsThinkingAndSignatureDeltas() {
        String body = """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":4000,
                 "thinking":{"type":"enabled","budget_tokens":2000},
                 "messages":[{"role":"user","content":[{"type":"text","text":"Why is the sky blue?"}]}]}""";
        List<JsonNode> chunks = new CopyOnWriteArrayList<>();
        async.invokeModelWithResponseStream(r -> r.modelId(MODEL).body(SdkBytes.fromUtf8String(body)),
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                .onChunk(part -> chunks.add(JsonSupport.parse(part.bytes().asByteArray()))).build())
                        .build()).join();

        assertThat(chunks.get(1).path("content_block").path("type").asText()).isEqualTo("thinking");
        StringBuilder thinking = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<String> signatures = new CopyOnWriteArrayList<>();
        for (JsonNode chunk : chunks) {
            JsonNode delta = chunk.path("delta");
            switch (delta.path("type").asText()) {
                case "thinking_delta" -> thinking.append(delta.path("thinking").asText());
                case "signature_delta" -> signatures.add(delta.path("signature").asText());
                case "text_delta" -> text.append(delta.path("text").asText());
                default -> {
                }
            }
        }
        assertThat(thinking.toString()).contains("Why is the sky blue?");
        assertThat(signatures).singleElement().satisfies(s -> assertThat(s).isNotBlank());
        assertThat(text.toString()).isEqualTo("You said: Why is the sky blue?");
    }

    @Test
    void aScriptedReplyIsSentAsScripted() {
        server.model(MODEL).reply("Just this.");
        ConverseResponse response = sync.converse(r -> r.additionalModelRequestFields(THINKING).messages(MESSAGE).modelId(MODEL));
        assertThat(response.output().message().content()).singleElement()
                .satisfies(block -> assertThat(block.text()).isEqualTo("Just this."));
    }
}
