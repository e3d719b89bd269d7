package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.Type;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The native bodies of the families AWS's examples use beyond the six core writes: AI21 Jamba, DeepSeek-R1 and
 * OpenAI gpt-oss, sent as AWS's model parameter pages write them, through the real SDK clients.
 */
class LocalBedrockServerFamiliesTest extends LocalServerTestBase {
    static final String JAMBA = "ai21.jamba-1-5-mini-v1:0";
    static final String DEEPSEEK = "us.deepseek.r1-v1:0";
    static final String GPT_OSS = "openai.gpt-oss-20b-1:0";

    private static JsonNode invoke(String modelId, String body) {
        InvokeModelResponse response = sync.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
        assertThat(response.contentType()).isEqualTo("application/json");
        return JsonSupport.parse(response.body().asByteArray());
    }

    private static List<JsonNode> stream(String modelId, String body) {
        List<JsonNode> chunks = new CopyOnWriteArrayList<>();
        async.invokeModelWithResponseStream(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)),
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                .onChunk(part -> chunks.add(JsonSupport.parse(part.bytes().asByteArray()))).build())
                        .build()).join();
        return chunks;
    }

    // ------------------------------------------------------------------ AI21 Jamba

    @Test
    void jambaAnswersChoicesWithAMessageAndUsage() {
        JsonNode answer = invoke(JAMBA, """
                {"messages":[{"role":"system","content":"You are terse."},
                             {"role":"user","content":"Name a river"}],
                 "max_tokens":100,"temperature":0.7,"top_p":0.8,"stop":["###"],"n":1}""");
        JsonNode choice = answer.path("choices").path(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("You said: Name a river");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.path("id").asText()).isNotBlank();
        assertThat(answer.path("usage").path("prompt_tokens").asInt()).as("system and user words").isEqualTo(6);
        assertThat(answer.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(answer.path("usage").path("total_tokens").asInt()).isEqualTo(11);

        ChatRequest read = server.lastRequest().chatRequest().orElseThrow();
        assertThat(read.system()).containsExactly(new ContentBlock.Text("You are terse."));
        assertThat(read.maxTokens()).hasValue(100);
        assertThat(read.stopSequences()).containsExactly("###");
        assertThat(read.additionalModelRequestFields().orElseThrow().path("n").asInt()).isEqualTo(1);
    }

    @Test
    void jambaToolCallsRoundTrip() {
        server.model(JAMBA).enqueue(ModelReply.toolUse("call_1", "get_weather", JsonSupport.parse("{\"city\":\"Paris\"}")));
        JsonNode answer = invoke(JAMBA, """
                {"messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather of a city",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""");
        JsonNode choice = answer.path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("call_1");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(JsonSupport.parse(call.path("function").path("arguments").asText()).path("city").asText()).isEqualTo("Paris");

        server.model(JAMBA).respondWith(r -> ChatResponse.ofText("Tools: " + r.tools().size() + ", turns: " + r.messages().size()));
        JsonNode next = invoke(JAMBA, """
                {"messages":[{"role":"user","content":"Weather in Paris?"},
                             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                               "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                             {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""");
        assertThat(next.path("choices").path(0).path("message").path("content").asText()).isEqualTo("Tools: 1, turns: 3");
        ChatRequest read = server.lastRequest().chatRequest().orElseThrow();
        assertThat(read.messages().get(2).content().get(0)).isInstanceOfSatisfying(ContentBlock.ToolResult.class,
                result -> assertThat(result.toolUseId()).isEqualTo("call_1"));
    }

    @Test
    void jambaStreamsDeltasAndEndsWithTheFinishReasonAndUsage() {
        List<JsonNode> chunks = stream(JAMBA, "{\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
        assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(text.toString()).isEqualTo("You said: one two three");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(last.has("amazon-bedrock-invocationMetrics")).isTrue();
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.path("choices").path(0).path("finish_reason").isNull()).isTrue());
    }

    // ------------------------------------------------------------------ DeepSeek

    @Test
    void deepSeekReadsItsChatTemplateAndAnswersChoicesWithText() {
        // the prompt as AWS's DeepSeek example formats it
        String prompt = "<\uFF5Cbegin\u2581of\u2581sentence\uFF5C><\uFF5CUser\uFF5C>Describe the purpose of a compiler."
                + "<\uFF5CAssistant\uFF5C><think>\\n";
        JsonNode answer = invoke(DEEPSEEK, "{\"prompt\":\"" + prompt + "\",\"max_tokens\":512,\"temperature\":0.5,\"top_p\":0.9}");
        assertThat(answer.path("choices").path(0).path("text").asText())
                .isEqualTo("You said: Describe the purpose of a compiler.");
        assertThat(answer.path("choices").path(0).path("stop_reason").asText()).isEqualTo("stop");
        ChatRequest read = server.lastRequest().chatRequest().orElseThrow();
        assertThat(read.lastUserText()).isEqualTo("Describe the purpose of a compiler.");
        assertThat(read.maxTokens()).hasValue(512);
    }

    @Test
    void deepSeekStreamsChoicesChunks() {
        List<JsonNode> chunks = stream(DEEPSEEK, "{\"prompt\":\"alpha beta gamma\",\"max_tokens\":100}");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").path(0).path("text").asText()));
        assertThat(text.toString()).isEqualTo("You said: alpha beta gamma");
        assertThat(chunks.get(chunks.size() - 1).path("choices").path(0).path("stop_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(0).path("choices").path(0).path("stop_reason").isNull()).isTrue();
    }

    @Test
    void deepSeekThroughConverseReasonsFirst() {
        ConverseResponse response = sync.converse(r -> r.modelId(DEEPSEEK)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Why?"))));
        assertThat(response.output().message().content()).extracting(b -> b.type())
                .containsExactly(Type.REASONING_CONTENT, Type.TEXT);
        assertThat(response.output().message().content().get(1).text()).isEqualTo("You said: Why?");
    }

    // ------------------------------------------------------------------ OpenAI gpt-oss

    @Test
    void gptOssAnswersAChatCompletionWithItsReasoningFirst() {
        JsonNode answer = invoke(GPT_OSS, """
                {"messages":[{"role":"developer","content":"You are a helpful assistant."},
                             {"role":"user","content":"Hello!"}],
                 "max_completion_tokens":150,"temperature":0.5,"top_p":0.9,"stream":false,"reasoning_effort":"low"}""");
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("model").asText()).isEqualTo(GPT_OSS);
        assertThat(answer.path("created").asLong()).isPositive();
        String content = answer.path("choices").path(0).path("message").path("content").asText();
        assertThat(content).startsWith("<reasoning>").contains("</reasoning>").endsWith("You said: Hello!");
        assertThat(answer.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.path("usage").path("total_tokens").asInt()).isEqualTo(
                answer.path("usage").path("prompt_tokens").asInt() + answer.path("usage").path("completion_tokens").asInt());

        ChatRequest read = server.lastRequest().chatRequest().orElseThrow();
        assertThat(read.system()).containsExactly(new ContentBlock.Text("You are a helpful assistant."));
        assertThat(read.maxTokens()).hasValue(150);
        assertThat(read.additionalModelRequestFields().orElseThrow().path("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void gptOssStreamsChatCompletionChunks() {
        server.model(GPT_OSS).reply("Rivers: Nile, Amazon.");
        List<JsonNode> chunks = stream(GPT_OSS, "{\"messages\":[{\"role\":\"user\",\"content\":\"rivers\"}]}");
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(text.toString()).isEqualTo("Rivers: Nile, Amazon.");
        assertThat(chunks.get(chunks.size() - 1).path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void gptOssThroughConverseSendsAReasoningBlockWithoutSignature() {
        ConverseResponse response = sync.converse(r -> r.modelId(GPT_OSS)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))));
        assertThat(response.output().message().content().get(0).reasoningContent().reasoningText().signature()).isNull();
        assertThat(response.output().message().content().get(1).text()).isEqualTo("You said: Hi");
    }

    @Test
    void aMalformedBodyIsRefusedAsBedrockRefusesIt() {
        assertThatThrownBy(() -> invoke(JAMBA, "{\"prompt\":\"not a chat body\"}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("messages");
        assertThatThrownBy(() -> invoke(DEEPSEEK, "{\"messages\":[]}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("prompt");
    }
}
