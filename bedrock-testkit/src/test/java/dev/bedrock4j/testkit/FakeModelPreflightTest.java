package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.embed.InputType;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The fakes check as the real models do, and fail as Bedrock answers. */
class FakeModelPreflightTest {
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

    @Test
    void aFakeChatModelRejectsWhatTheRealModelRejectsBeforeRecordingIt() {
        FakeChatModel model = FakeChatModel.create(HAIKU).enqueueText("unused");

        assertThatThrownBy(() -> model.call(ChatRequest.builder().user(ContentBlock.text("Hi"), ContentBlock.text("")).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("messages[0].content[1] is an empty text block; Bedrock rejects blank text, so put words in it"
                        + " or remove the block");
        assertThatThrownBy(() -> model.prompt().user("Write a novel").maxTokens(1_000_000).call())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("maxTokens is 1000000, but anthropic.claude-3-haiku-20240307-v1:0 writes at most 4096 tokens per"
                        + " answer; set maxTokens to 4096 or less");
        assertThatThrownBy(() -> model.prompt().user(ContentBlock.text("What is this?"),
                        ContentBlock.image(LocalBedrockServerValidationTest.png(4 * 1024 * 1024))).call())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("messages[0].content[1]"));
        // FakeChatModel.create() poses as a model the catalog does not know: blank text still fails, limits do not apply
        assertThatThrownBy(() -> FakeChatModel.create().call(ChatRequest.builder().user(ContentBlock.text(" ")).build()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(model.requestCount()).isZero();
        assertThat(model.remaining()).isEqualTo(1);
    }

    @Test
    void malformedIdsFailWhenTheFakeIsCreated() {
        assertThatThrownBy(() -> FakeChatModel.create("")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).hasValue("modelId")).hasMessageStartingWith("the model id is empty");
        assertThatThrownBy(() -> FakeEmbeddingModel.create(" amazon.titan-embed-text-v2:0", 8))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("has whitespace in it");
    }

    @Test
    void aLikelyTypoFailsEveryCallAsBedrockAnswersIt() {
        FakeChatModel model = FakeChatModel.create("anthropic.claude-3-haiku-20240307-v1").enqueueText("unused");
        assertThatThrownBy(() -> model.prompt().user("Hi").call()).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.field()).isEmpty();
        }).hasMessage("The provided model identifier is invalid. [model anthropic.claude-3-haiku-20240307-v1]"
                + " Did you mean \"anthropic.claude-3-haiku-20240307-v1:0\"?");
        assertThat(model.requestCount()).isEqualTo(1);
        assertThat(model.remaining()).isEqualTo(1);

        FakeEmbeddingModel embeddings = FakeEmbeddingModel.create("amazon.titan-embed-text-v2", 8);
        assertThatThrownBy(() -> embeddings.embed(List.of("hello"), InputType.DOCUMENT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("Did you mean \"amazon.titan-embed-text-v2:0\"?");
        assertThat(embeddings.calls()).hasSize(1);
    }

    @Test
    void theFakeSdkClientAnswersAsBedrockDoes() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
        sdk.enqueueConverseText("unused");
        assertThatThrownBy(() -> sdk.converse(ConverseRequest.builder().modelId(HAIKU)
                        .messages(m -> m.role(ConversationRole.USER).content(c -> c.text(""))).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageStartingWith("The text field in the ContentBlock object at messages.0.content.0 is blank.");
        assertThatThrownBy(() -> sdk.converse(ConverseRequest.builder().modelId("us.anthropic.claude-3-haiku-20240307-v1")
                        .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("The provided model identifier is invalid.");
        assertThat(sdk.converseRequests()).hasSize(2);
        // as the real SDK client, it sends nothing without a model id
        assertThatThrownBy(() -> sdk.converse(ConverseRequest.builder().modelId("")
                        .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))).build()))
                .isInstanceOf(SdkClientException.class).hasMessage("Unable to marshall request to JSON: modelId cannot be empty.");
        assertThat(sdk.converseRequests()).hasSize(2);

        FakeBedrockRuntimeAsyncClient async = FakeBedrockRuntimeAsyncClient.create();
        assertThatThrownBy(() -> async.converse(ConverseRequest.builder().modelId(HAIKU).inferenceConfig(c -> c.maxTokens(5000))
                        .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))).build()).join())
                .hasCauseInstanceOf(ValidationException.class)
                .hasMessageContaining("The maximum tokens you requested exceeds the model limit of 4096.");
    }
}
