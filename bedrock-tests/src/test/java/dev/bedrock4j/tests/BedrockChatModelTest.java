package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/** The Bedrock implementation of ChatModel, through its real code path down to the SDK client interface. */
class BedrockChatModelTest {
    static final String CLAUDE = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    final FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
    final Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();
    final ChatModel model = bedrock.chat(CLAUDE);

    @Test
    void sendsTheRequestAsConverseAndReadsTheAnswer() {
        sdk.enqueue(FakeBedrockRuntimeClient.converseResponse(ChatResponse.builder()
                .text("Rayleigh scattering.")
                .stopReason(StopReason.MAX_TOKENS)
                .usage(new Usage(12, 5, 100, 0))
                .latency(Duration.ofMillis(321))
                .guardrailTrace(JsonSupport.parse("{\"actionReason\":\"No action.\"}"))
                .build()));

        ChatResponse reply = model.prompt()
                .system("Answer in one sentence.")
                .user("Why is the sky blue?")
                .temperature(0.3).topP(0.8).maxTokens(200).stopSequences("##")
                .guardrail(Guardrail.of("gr-1", "2").withTrace(Guardrail.Trace.ENABLED))
                .call();

        ConverseRequest sent = sdk.converseRequests().get(0);
        assertThat(sent.modelId()).isEqualTo(CLAUDE);
        assertThat(sent.system().get(0).text()).isEqualTo("Answer in one sentence.");
        assertThat(sent.messages().get(0).content().get(0).text()).isEqualTo("Why is the sky blue?");
        assertThat(sent.inferenceConfig().temperature()).isEqualTo(0.3f);
        assertThat(sent.inferenceConfig().topP()).isEqualTo(0.8f);
        assertThat(sent.inferenceConfig().maxTokens()).isEqualTo(200);
        assertThat(sent.inferenceConfig().stopSequences()).containsExactly("##");
        assertThat(sent.guardrailConfig().guardrailIdentifier()).isEqualTo("gr-1");
        assertThat(sent.guardrailConfig().traceAsString()).isEqualTo("enabled");

        assertThat(reply.text()).isEqualTo("Rayleigh scattering.");
        assertThat(reply.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(reply.usage()).isEqualTo(new Usage(12, 5, 100, 0));
        assertThat(reply.latency()).isEqualTo(Duration.ofMillis(321));
        assertThat(reply.modelId()).hasValue(CLAUDE);
        assertThat(reply.guardrailTrace()).hasValueSatisfying(t ->
                assertThat(t.get("actionReason").asText()).isEqualTo("No action."));
    }

    @Test
    void sendsToolsImagesAndReasoningThroughTheSdkModel() {
        sdk.enqueueConverseText("ok");
        model.call(r -> r
                .user(ContentBlock.text("Look:"), ContentBlock.document("txt", "Notes", "hello".getBytes()))
                .assistant("Seen.")
                .user("And?")
                .additionalModelRequestFields(JsonSupport.parse("{\"top_k\":5}")));
        ConverseRequest sent = sdk.converseRequests().get(0);
        assertThat(sent.messages().get(0).content().get(1).document().name()).isEqualTo("Notes");
        assertThat(sent.messages().get(0).content().get(1).document().source().bytes().asUtf8String()).isEqualTo("hello");
        assertThat(sent.additionalModelRequestFields().asMap().get("top_k").asNumber().intValue()).isEqualTo(5);
    }

    @Test
    void preflightErrorsNeverReachTheNetwork() {
        assertThatThrownBy(() -> model.prompt().user("a").user("b").call()).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> model.prompt().user(ContentBlock.image(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4})).call())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not accept images");
        assertThat(sdk.requests()).isEmpty();
    }

    @Test
    void sdkExceptionsBecomeTypedExceptions() {
        sdk.enqueue(FakeBedrockRuntimeClient.throttling());
        assertThatThrownBy(() -> model.prompt().user("hi").call())
                .isInstanceOfSatisfying(ThrottledException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.requestId()).hasValue("fake-request-id");
                    assertThat(e.modelId()).hasValue(CLAUDE);
                    assertThat(e.getCause()).isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException.class);
                });
        sdk.enqueue(FakeBedrockRuntimeClient.validation("The model returned the following errors: bad"));
        assertThatThrownBy(() -> model.prompt().user("hi").call())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEmpty())
                .hasMessageContaining("bad");
    }

    @Test
    void aConversationKeepsReasoningForTheNextTurn() {
        sdk.enqueue(FakeBedrockRuntimeClient.converseResponse(ChatResponse.builder()
                .message(Message.assistant(new ContentBlock.Reasoning("step 1", "sig-1"), ContentBlock.text("Four.")))
                .build()));
        sdk.enqueueConverseText("Eight.");
        var chat = bedrock.chat("anthropic.claude-3-7-sonnet-20250219-v1:0").conversation();
        chat.send("2+2?");
        chat.send("Double it?");
        ConverseRequest second = sdk.converseRequests().get(1);
        assertThat(second.messages()).hasSize(3);
        assertThat(second.messages().get(1).content().get(0).reasoningContent().reasoningText().signature()).isEqualTo("sig-1");
    }

    @Test
    void closingBedrockLeavesAGivenClientOpen() {
        bedrock.close();
        assertThat(sdk.closed()).isFalse();
    }

    @Test
    void aMinimalSdkResponseParses() {
        sdk.enqueue(ConverseResponse.builder()
                .output(o -> o.message(m -> m.role("assistant").content(c -> c.text("hi"))))
                .stopReason("end_turn")
                .usage(u -> u.inputTokens(1).outputTokens(1).totalTokens(2))
                .metrics(m -> m.latencyMs(5L))
                .build());
        ChatResponse reply = model.prompt().user("hi").call();
        assertThat(reply.text()).isEqualTo("hi");
        assertThat(reply.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(reply.guardrailTrace()).isEmpty();
        assertThat(reply.usage()).isEqualTo(Usage.of(1, 1));
    }

    @Test
    void aResponseWithMissingMembersReadsAsEmptyAndTakesItsLatencyFromTheClock() {
        sdk.enqueue(ConverseResponse.builder().build());

        ChatResponse reply = model.prompt().user("hi").call();

        assertThat(reply.message().content()).isEmpty();
        assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(reply.usage()).isEqualTo(Usage.ZERO);
        assertThat(reply.latency()).isPositive();
        assertThat(reply.modelId()).hasValue(CLAUDE);
    }

    @Test
    void aResponseFromANewerServiceKeepsWhatTheSdkCannotReadInsteadOfFailing() {
        sdk.enqueue(ConverseResponse.builder()
                .output(o -> o.message(m -> m.role("assistant").content(
                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.builder().build(),
                        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("still here"))))
                .stopReason("brand_new_reason")
                .usage(u -> u.outputTokens(3))
                .metrics(m -> m.latencyMs(null))
                .build());

        ChatResponse reply = model.prompt().user("hi").call();

        assertThat(reply.text()).isEqualTo("still here");
        assertThat(reply.message().content().get(0)).isInstanceOf(ContentBlock.Other.class);
        assertThat(reply.stopReason().value()).isEqualTo("brand_new_reason");
        assertThat(reply.stopReason().isKnown()).isFalse();
        assertThat(reply.usage()).isEqualTo(Usage.of(0, 3));
        assertThat(reply.latency()).isPositive();
    }
}
