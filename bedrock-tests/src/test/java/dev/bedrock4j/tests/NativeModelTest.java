package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

class NativeModelTest {
    final FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
    final Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();

    @Test
    void rawJsonInAndOut() {
        sdk.enqueueInvokeJson("{\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],\"stop_reason\":\"end_turn\"}");
        NativeModel claude = bedrock.nativeModel("anthropic.claude-3-haiku-20240307-v1:0");
        JsonNode answer = claude.invoke(JsonSupport.parse(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("Hi!");
        assertThat(sdk.invokeModelRequests().get(0).modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(sdk.invokeModelRequests().get(0).contentType()).isEqualTo("application/json");
        assertThat(sdk.lastInvokeBody().at("/messages/0/content").asText()).isEqualTo("Hello");
    }

    @Test
    void theSamePromptGoesNativelyToEachFamily() {
        ChatRequest prompt = ChatRequest.builder().system("Be brief.").user("Name a river.").maxTokens(50).build();
        String[][] families = {
            {"anthropic.claude-3-haiku-20240307-v1:0", "{\"content\":[{\"type\":\"text\",\"text\":\"Nile\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":9,\"output_tokens\":2}}", "/anthropic_version"},
            {"amazon.nova-lite-v1:0", "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Nile\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":9,\"outputTokens\":2}}", "/schemaVersion"},
            {"amazon.titan-text-premier-v1:0", "{\"inputTextTokenCount\":9,\"results\":[{\"tokenCount\":2,\"outputText\":\"Nile\",\"completionReason\":\"FINISH\"}]}", "/inputText"},
            {"meta.llama3-1-8b-instruct-v1:0", "{\"generation\":\"Nile\",\"prompt_token_count\":9,\"generation_token_count\":2,\"stop_reason\":\"stop\"}", "/prompt"},
        };
        for (String[] family : families) {
            sdk.enqueueInvokeJson(family[1]);
            ChatResponse reply = bedrock.nativeModel(family[0]).call(prompt);
            assertThat(reply.text()).as(family[0]).isEqualTo("Nile");
            assertThat(reply.usage()).as(family[0]).isEqualTo(Usage.of(9, 2));
            assertThat(reply.modelId()).hasValue(family[0]);
            assertThat(sdk.lastInvokeBody().at(family[2]).isMissingNode()).as(family[0]).isFalse();
        }
    }

    @Test
    void usageFallsBackToBedrocksTokenCountHeaders() {
        InvokeModelResponse response = (InvokeModelResponse) InvokeModelResponse.builder()
                .body(SdkBytes.fromString("{\"outputs\":[{\"text\":\"Nile\",\"stop_reason\":\"stop\"}]}", StandardCharsets.UTF_8))
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(200)
                        .putHeader("X-Amzn-Bedrock-Input-Token-Count", "11")
                        .putHeader("X-Amzn-Bedrock-Output-Token-Count", "3").build())
                .build();
        sdk.enqueue(response);
        ChatResponse reply = bedrock.nativeModel("mistral.mistral-large-2407-v1:0").call(ChatRequest.of("Name a river."));
        assertThat(reply.usage()).isEqualTo(Usage.of(11, 3));
        assertThat(sdk.lastInvokeBody().get("prompt").asText()).isEqualTo("<s>[INST] Name a river. [/INST]");
    }
}
