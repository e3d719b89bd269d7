package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.testkit.internal.HashingEmbedder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class LocalBedrockServerInvokeModelTest extends LocalServerTestBase {
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String NOVA = "amazon.nova-lite-v1:0";
    static final String TITAN = "amazon.titan-text-express-v1";
    static final String LLAMA = "meta.llama3-8b-instruct-v1:0";
    static final String MISTRAL = "mistral.mistral-7b-instruct-v0:2";
    static final String COHERE = "cohere.command-r-v1:0";

    static final Bedrock bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(SdkClients.CREDENTIALS).build();

    @AfterAll
    static void closeBedrock() {
        bedrock.close();
    }

    private static JsonNode invoke(String modelId, JsonNode body) {
        InvokeModelResponse response = sync.invokeModel(r -> r.modelId(modelId)
                .body(SdkBytes.fromByteArray(JsonSupport.bytes(body))));
        assertThat(response.contentType()).isEqualTo("application/json");
        return JsonSupport.parse(response.body().asByteArray());
    }

    private static List<JsonNode> invokeStream(String modelId, JsonNode body) {
        List<JsonNode> chunks = new CopyOnWriteArrayList<>();
        async.invokeModelWithResponseStream(r -> r.modelId(modelId).body(SdkBytes.fromByteArray(JsonSupport.bytes(body))),
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                .onChunk((PayloadPart part) -> chunks.add(JsonSupport.parse(part.bytes().asByteArray())))
                                .build())
                        .build()).join();
        return chunks;
    }

    /** A request every native body carries alike (Mistral's body folds a system prompt into the first turn). */
    private static ChatRequest request(String text) {
        return ChatRequest.builder().user(text).maxTokens(200).temperature(0.3).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {CLAUDE, NOVA, TITAN, LLAMA, MISTRAL, COHERE})
    void eachFamilysNativeBodyIsReadAndAnsweredInItsOwnFormat(String modelId) {
        NativeFormat format = NativeFormat.forFamily(ModelCatalog.defaults().lookup(modelId).family());
        JsonNode answer = invoke(modelId, format.toBody(request("name three rivers")));
        ChatResponse parsed = format.fromBody(answer);
        assertThat(parsed.text()).isEqualTo("You said: name three rivers");
        assertThat(parsed.stopReason()).isEqualTo(StopReason.END_TURN);
        RecordedRequest recorded = server.lastRequest();
        assertThat(recorded.operation()).isEqualTo(BedrockOperation.INVOKE_MODEL);
        ChatRequest read = recorded.chatRequest().orElseThrow();
        assertThat(read.lastUserText()).isEqualTo("name three rivers");
        assertThat(read.maxTokens()).hasValue(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {CLAUDE, NOVA, TITAN, LLAMA, MISTRAL, COHERE})
    void bedrock4jCallsEachFamilyThroughTheServer(String modelId) {
        server.model(modelId).respondWith(r -> ChatResponse.ofText("Rivers: Nile, Amazon, Danube. (" + r.lastUserText() + ")"));
        NativeModel model = bedrock.nativeModel(modelId);
        ChatResponse response = model.call(request("name three rivers"));
        assertThat(response.text()).isEqualTo("Rivers: Nile, Amazon, Danube. (name three rivers)");
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isEqualTo(7);

        ChatResponse chat = bedrock.chat(modelId).prompt().user("hi").call();
        assertThat(chat.text()).isEqualTo("Rivers: Nile, Amazon, Danube. (hi)");
        assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.CONVERSE);
    }

    @Test
    void theTokenCountHeadersAreSet() {
        server.model(LLAMA).reply("one two three");
        InvokeModelResponse response = sync.invokeModel(r -> r.modelId(LLAMA)
                .body(SdkBytes.fromByteArray(JsonSupport.bytes(NativeFormat.llama().toBody(ChatRequest.of("a b"))))));
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")).contains("2");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count")).contains("3");
    }

    @Test
    void aFunctionReplyReadsTheNativeRequest() {
        server.model(CLAUDE).respondWith(r -> ChatResponse.builder().text(r.system().size() + "|" + r.messages().size())
                .usage(Usage.of(7, 8)).build());
        JsonNode answer = invoke(CLAUDE, NativeFormat.anthropicMessages().toBody(ChatRequest.builder().system("s")
                .user("a").assistant("b").user("c").build()));
        assertThat(answer.path("content").path(0).path("text").asText()).isEqualTo("1|3");
        assertThat(answer.path("usage").path("input_tokens").asInt()).isEqualTo(7);
        assertThat(answer.path("model").asText()).isEqualTo(CLAUDE);
    }

    @Test
    void aRawBodyIsReturnedAsIs() {
        server.model("ai21.jamba-1-5-mini-v1:0").reply(ModelReply.rawBody("{\"choices\":[{\"message\":{\"content\":\"hey\"}}]}"));
        JsonNode answer = invoke("ai21.jamba-1-5-mini-v1:0", JsonSupport.parse("{\"messages\":[]}"));
        assertThat(answer.path("choices").path(0).path("message").path("content").asText()).isEqualTo("hey");
    }

    @Test
    void anUnknownNativeBodyGetsAValidationErrorThatSaysHowToScriptIt() {
        server.model("acme.custom-llm-v1");   // scripted, so served, though nothing is known of its body
        assertThatThrownBy(() -> invoke("acme.custom-llm-v1", JsonSupport.parse("{\"messages\":[]}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ModelReply.rawBody");
    }

    @Test
    void anthropicStreamsTheMessagesEventSequence() {
        List<JsonNode> chunks = invokeStream(CLAUDE, NativeFormat.anthropicMessages().toBody(request("tell me more")));
        assertThat(chunks).extracting(c -> c.path("type").asText()).startsWith("message_start", "content_block_start")
                .endsWith("content_block_stop", "message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.path("type").asText().equals("content_block_delta"))
                .forEach(c -> text.append(c.path("delta").path("text").asText()));
        assertThat(text.toString()).isEqualTo("You said: tell me more");
        assertThat(chunks.get(chunks.size() - 1).path("amazon-bedrock-invocationMetrics").path("outputTokenCount").asInt())
                .isEqualTo(5);
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
    }

    @Test
    void anthropicStreamsToolInputAsPartialJson() {
        server.model(CLAUDE).reply(ModelReply.toolUse("lookup", "{\"q\":\"rivers of europe\"}"));
        List<JsonNode> chunks = invokeStream(CLAUDE, NativeFormat.anthropicMessages().toBody(request("x")));
        StringBuilder json = new StringBuilder();
        chunks.stream().filter(c -> c.path("delta").path("type").asText().equals("input_json_delta"))
                .forEach(c -> json.append(c.path("delta").path("partial_json").asText()));
        assertThat(JsonSupport.parse(json.toString()).path("q").asText()).isEqualTo("rivers of europe");
        assertThat(chunks).anySatisfy(c -> assertThat(c.path("delta").path("stop_reason").asText()).isEqualTo("tool_use"));
    }

    @ParameterizedTest
    @ValueSource(strings = {NOVA, TITAN, LLAMA, MISTRAL, COHERE})
    void theOtherFamiliesStreamTheirOwnChunks(String modelId) {
        NativeFormat format = NativeFormat.forFamily(ModelCatalog.defaults().lookup(modelId).family());
        List<JsonNode> chunks = invokeStream(modelId, format.toBody(request("one two three")));
        assertThat(chunks).hasSizeGreaterThan(2);
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            text.append(chunk.path("outputText").asText(""))                                      // Titan
                    .append(chunk.path("generation").asText(""))                                 // Llama
                    .append(chunk.path("outputs").path(0).path("text").asText(""))              // Mistral
                    .append(chunk.path("event_type").asText("").equals("text-generation") ? chunk.path("text").asText() : "")
                    .append(chunk.path("contentBlockDelta").path("delta").path("text").asText("")); // Nova
        }
        assertThat(text.toString()).isEqualTo("You said: one two three");
        assertThat(chunks.get(chunks.size() - 1).has("amazon-bedrock-invocationMetrics")).isTrue();
    }

    @Test
    void titanEmbeddingsV1AnswerAVectorAndTokenCount() {
        JsonNode answer = invoke("amazon.titan-embed-text-v1", JsonSupport.parse("{\"inputText\":\"hello embeddings world\"}"));
        assertThat(answer.path("embedding")).hasSize(1536);
        assertThat(answer.path("inputTextTokenCount").asInt()).isEqualTo(3);
        assertThat(answer.has("embeddingsByType")).isFalse();
        float[] expected = HashingEmbedder.embed("hello embeddings world", 1536);
        assertThat(answer.path("embedding").path(7).floatValue()).isEqualTo(expected[7]);
    }

    @Test
    void titanEmbeddingsV2HonourDimensionsNormalizeAndTypes() {
        String model = "amazon.titan-embed-text-v2:0";
        JsonNode defaults = invoke(model, JsonSupport.parse("{\"inputText\":\"red apples\"}"));
        assertThat(defaults.path("embedding")).hasSize(1024);
        assertThat(defaults.path("embeddingsByType").path("float")).hasSize(1024);

        JsonNode small = invoke(model, JsonSupport.parse(
                "{\"inputText\":\"red apples\",\"dimensions\":256,\"normalize\":true,\"embeddingTypes\":[\"float\",\"binary\"]}"));
        assertThat(small.path("embedding")).hasSize(256);
        assertThat(norm(small.path("embedding"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(small.path("embeddingsByType").path("binary")).hasSize(256)
                .allSatisfy(bit -> assertThat(bit.asInt()).isBetween(0, 1));

        JsonNode raw = invoke(model, JsonSupport.parse("{\"inputText\":\"red apples\",\"dimensions\":512,\"normalize\":false}"));
        assertThat(norm(raw.path("embedding"))).isGreaterThan(1.5);

        assertThatThrownBy(() -> invoke(model, JsonSupport.parse("{\"inputText\":\"x\",\"dimensions\":300}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Malformed input request: #/dimensions: 300 is not a valid enum value");
    }

    @Test
    void cohereEmbedAnswersFloatsOrTypedEmbeddings() {
        String model = "cohere.embed-english-v3";
        JsonNode answer = invoke(model, JsonSupport.parse(
                "{\"texts\":[\"return policy\",\"shipping times\"],\"input_type\":\"search_document\"}"));
        assertThat(answer.path("response_type").asText()).isEqualTo("embeddings_floats");
        assertThat(answer.path("embeddings")).hasSize(2);
        assertThat(answer.path("embeddings").path(0)).hasSize(1024);
        assertThat(answer.path("texts").path(1).asText()).isEqualTo("shipping times");
        assertThat(answer.path("id").asText()).isNotBlank();

        JsonNode typed = invoke(model, JsonSupport.parse(
                "{\"texts\":[\"a\"],\"input_type\":\"search_query\",\"embedding_types\":[\"float\",\"int8\"]}"));
        assertThat(typed.path("response_type").asText()).isEqualTo("embeddings_by_type");
        assertThat(typed.path("embeddings").path("int8").path(0)).hasSize(1024);

        assertThatThrownBy(() -> invoke(model, JsonSupport.parse("{\"texts\":[\"a\"]}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("input_type");
    }

    @Test
    void queriesAreCloserToTheDocumentsThatShareTheirWords() {
        String model = "cohere.embed-english-v3";
        JsonNode docs = invoke(model, JsonSupport.parse(
                "{\"texts\":[\"our return policy allows 30 days\",\"shipping takes two days\"],\"input_type\":\"search_document\"}"));
        JsonNode query = invoke(model, JsonSupport.parse("{\"texts\":[\"what is the return policy\"],\"input_type\":\"search_query\"}"));
        JsonNode q = query.path("embeddings").path(0);
        assertThat(dot(q, docs.path("embeddings").path(0))).isGreaterThan(dot(q, docs.path("embeddings").path(1)));
    }

    private static double norm(JsonNode vector) {
        return Math.sqrt(dot(vector, vector));
    }

    private static double dot(JsonNode a, JsonNode b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.get(i).asDouble() * b.get(i).asDouble();
        }
        return sum;
    }

    @Test
    void cohereEmbedV3EmbedsAnImageDataUri() throws java.io.IOException {
        String model = "cohere.embed-english-v3";
        String png = dataUri(0x336699, 64, 48);
        JsonNode answer = invoke(model, JsonSupport.parse(
                "{\"input_type\":\"image\",\"images\":[\"" + png + "\"],\"embedding_types\":[\"float\",\"int8\"]}"));
        assertThat(answer.path("response_type").asText()).isEqualTo("embeddings_by_type");
        assertThat(answer.path("embeddings").path("float").path(0)).hasSize(1024);
        assertThat(answer.path("embeddings").path("int8").path(0)).hasSize(1024);
        assertThat(answer.path("images").path(0).path("width").asInt()).isEqualTo(64);
        assertThat(answer.path("images").path(0).path("height").asInt()).isEqualTo(48);
        assertThat(answer.path("images").path(0).path("format").asText()).isEqualTo("image/png");

        JsonNode floats = invoke(model, JsonSupport.parse("{\"input_type\":\"image\",\"images\":[\"" + png + "\"]}"));
        assertThat(floats.path("response_type").asText()).isEqualTo("embeddings_floats");
        assertThat(floats.path("embeddings").path(0)).as("the same image embeds alike")
                .isEqualTo(answer.path("embeddings").path("float").path(0));
        JsonNode other = invoke(model, JsonSupport.parse(
                "{\"input_type\":\"image\",\"images\":[\"" + dataUri(0x993300, 64, 48) + "\"]}"));
        assertThat(other.path("embeddings").path(0)).isNotEqualTo(floats.path("embeddings").path(0));
    }

    @Test
    void cohereEmbedV3RefusesWhatBedrockRefusesForImages() throws java.io.IOException {
        String model = "cohere.embed-english-v3";
        String png = dataUri(0x336699, 8, 8);
        assertThatThrownBy(() -> invoke(model, JsonSupport.parse(
                "{\"input_type\":\"image\",\"images\":[\"" + png + "\",\"" + png + "\"]}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("#/images: expected maximum item count: 1");
        assertThatThrownBy(() -> invoke(model, JsonSupport.parse(
                "{\"input_type\":\"image\",\"images\":[\"" + png + "\"],\"texts\":[\"a\"]}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("2 subschemas matched instead of one");
        assertThatThrownBy(() -> invoke(model, JsonSupport.parse(
                "{\"input_type\":\"image\",\"images\":[\"data:image/gif;base64,R0lGOD\"]}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("data URI");
        assertThatThrownBy(() -> invoke(model, JsonSupport.parse(
                "{\"input_type\":\"image\",\"images\":[\"data:image/png;base64,bm90IGFuIGltYWdl\"]}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not a valid image/png image");
    }

    private static String dataUri(int rgb, int width, int height) throws java.io.IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void embeddingModelsDoNotStream() {
        assertThatThrownBy(() -> invokeStream("amazon.titan-embed-text-v2:0", JsonSupport.parse("{\"inputText\":\"x\"}")))
                .hasCauseInstanceOf(ValidationException.class);
    }

    @Test
    void bedrock4jMapsTheServersValidationErrorToItsOwnException() {
        server.model(TITAN).fault(Fault.error(400, "ValidationException", "Malformed input request"));
        assertThatThrownBy(() -> bedrock.nativeModel(TITAN).call(ChatRequest.of("x")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Malformed input request");
        assertThat(new String(server.lastRequest().body(), StandardCharsets.UTF_8)).contains("inputText");
    }
}
