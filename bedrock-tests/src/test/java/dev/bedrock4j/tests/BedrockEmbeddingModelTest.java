package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingOptions;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

class BedrockEmbeddingModelTest {
    private final FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
    private final Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();

    @Test
    void titanV2SendsDimensionsAndNormalizeAndReadsTokenCounts() {
        sdk.onInvokeModel(request -> titanAnswer(request, 512));
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0",
                EmbeddingOptions.defaults().withDimensions(512));

        EmbeddingResponse response = titan.embedDocuments(List.of("one", "two words", "three more words"));

        assertThat(titan.dimension()).isEqualTo(512);
        assertThat(sdk.invokeModelRequests()).hasSize(3);
        JsonNode body = body(sdk.invokeModelRequests().get(0));
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("inputText", "dimensions", "normalize");
        assertThat(body.get("dimensions").intValue()).isEqualTo(512);
        assertThat(body.get("normalize").booleanValue()).isTrue();
        assertThat(sdk.invokeModelRequests()).allSatisfy(r -> assertThat(r.modelId()).isEqualTo("amazon.titan-embed-text-v2:0"));
        // the responder encodes each text's length in the first value, so order is checked too
        assertThat(response.embeddings()).extracting(e -> e.get(0)).containsExactly(3f, 9f, 16f);
        assertThat(response.embeddings()).allSatisfy(e -> assertThat(e.dimension()).isEqualTo(512));
        assertThat(response.inputTokens()).isEqualTo(1 + 2 + 3);
    }

    @Test
    void titanV1SendsOnlyTheText() {
        sdk.enqueueInvokeJson(titanJson(1536, 7, 1f));
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v1");

        Embedding embedding = titan.embedQuery("hello world");

        assertThat(titan.dimension()).isEqualTo(1536);
        assertThat(JsonSupport.write(sdk.lastInvokeBody())).isEqualTo("{\"inputText\":\"hello world\"}");
        assertThat(embedding.dimension()).isEqualTo(1536);
    }

    @Test
    void titanTokenCountFallsBackToTheHeaderAndWrongSizesAreReported() {
        sdk.enqueue(withTokenHeader("{\"embedding\":" + vector(256, 1f) + "}", 4));
        sdk.enqueueInvokeJson("{\"embedding\":[0.5,0.5,0.5,0.5]}");
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0", EmbeddingOptions.defaults()
                .withDimensions(256).withNormalize(false));

        assertThat(titan.embedDocuments(List.of("x")).inputTokens()).isEqualTo(4);
        assertThat(sdk.lastInvokeBody().get("normalize").booleanValue()).isFalse();
        assertThatThrownBy(() -> titan.embedQuery("x")).isInstanceOf(ModelErrorException.class)
                .hasMessageContaining("256").hasMessageContaining("came back with 4");
    }

    @Test
    void cohereBatchesNinetySixTextsWithInputTypesAndHeaderTokens() {
        sdk.onInvokeModel(BedrockEmbeddingModelTest::cohereAnswer);
        EmbeddingModel cohere = bedrock.embeddings("cohere.embed-multilingual-v3");
        List<String> texts = IntStream.range(0, 200).mapToObj(i -> "text number " + i).toList();

        EmbeddingResponse docs = cohere.embedDocuments(texts);
        Embedding query = cohere.embedQuery("a query");

        List<InvokeModelRequest> requests = sdk.invokeModelRequests();
        assertThat(requests).hasSize(4);
        List<Integer> sizes = new ArrayList<>();
        for (InvokeModelRequest request : requests.subList(0, 3)) {
            JsonNode body = body(request);
            sizes.add(body.get("texts").size());
            assertThat(body.get("input_type").textValue()).isEqualTo("search_document");
            assertThat(body.get("truncate").textValue()).isEqualTo("NONE");
            assertThat(body.has("output_dimension")).isFalse();
        }
        assertThat(sizes).containsExactlyInAnyOrder(96, 96, 8);
        assertThat(body(requests.get(3)).get("input_type").textValue()).isEqualTo("search_query");
        assertThat(docs.embeddings()).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(docs.embeddings().get(i).get(0)).isEqualTo(texts.get(i).length());
        }
        assertThat(docs.inputTokens()).isEqualTo(3 * 5);
        assertThat(query.dimension()).isEqualTo(1024);
    }

    @Test
    void cohereReadsTheByTypeResponseShape() {
        sdk.enqueueInvokeJson("{\"id\":\"x\",\"response_type\":\"embeddings_by_type\",\"texts\":[\"a\"],"
                + "\"embeddings\":{\"float\":[" + vector(1024, 2f) + "]}}");
        Embedding embedding = bedrock.embeddings("cohere.embed-english-v3").embedQuery("a");
        assertThat(embedding.get(0)).isEqualTo(2f);
    }

    @Test
    void preFlightRejectsBadTextsBeforeAnyCall() {
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
        EmbeddingModel cohere = bedrock.embeddings("cohere.embed-english-v3");

        assertThatThrownBy(() -> titan.embedDocuments(List.of("ok", "")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).contains("texts[1]")).hasMessageContaining("empty");
        assertThatThrownBy(() -> titan.embedDocuments(List.of("  \n")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> titan.embedDocuments(List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> cohere.embedDocuments(List.of("a", "b", "x".repeat(2049))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("texts[2]"))
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> titan.embedQuery("x".repeat(50_001)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("50000");
        assertThat(sdk.requests()).isEmpty();
    }

    @Test
    void rejectsDimensionsTheModelCannotProduce() {
        assertThatThrownBy(() -> bedrock.embeddings("amazon.titan-embed-text-v2:0",
                EmbeddingOptions.defaults().withDimensions(300)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("dimensions"))
                .hasMessageContaining("[1024, 512, 256]");
        assertThatThrownBy(() -> bedrock.embeddings("amazon.titan-embed-text-v1",
                EmbeddingOptions.defaults().withDimensions(1024)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1536");
        assertThatThrownBy(() -> bedrock.embeddings("anthropic.claude-3-haiku-20240307-v1:0"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("modelId"))
                .hasMessageContaining("not a text embedding model");
        assertThatThrownBy(() -> bedrock.embeddings("amazon.titan-embed-text-v9"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("withDimensions");
        assertThat(bedrock.embeddings("amazon.titan-embed-text-v9", EmbeddingOptions.defaults().withDimensions(8))
                .dimension()).isEqualTo(8);
    }

    @Test
    void serviceErrorsAreMappedAndBadResponsesReported() {
        sdk.enqueue(FakeBedrockRuntimeClient.throttling());
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
        assertThatThrownBy(() -> titan.embedQuery("x")).isInstanceOfSatisfying(ThrottledException.class,
                e -> assertThat(e.isRetryable()).isTrue());

        sdk.enqueueInvokeJson("{\"embeddings\":[]}");
        EmbeddingModel cohere = bedrock.embeddings("cohere.embed-english-v3");
        assertThatThrownBy(() -> cohere.embedQuery("x")).isInstanceOf(ModelErrorException.class)
                .hasMessageContaining("received 0 embeddings");

        sdk.enqueueInvokeJson("{\"embedding\":\"oops\"}");
        assertThatThrownBy(() -> titan.embedQuery("x")).isInstanceOf(ModelErrorException.class)
                .hasMessageContaining("embedding");
    }

    @Test
    void titanRequestsRunConcurrentlyWithinTheBound() throws Exception {
        int bound = 3;
        CyclicBarrier allInFlight = new CyclicBarrier(bound);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        BedrockRuntimeClient concurrent = new BedrockRuntimeClient() {
            @Override
            public InvokeModelResponse invokeModel(InvokeModelRequest request) {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    // the first `bound` requests can only pass this barrier together, that is concurrently
                    if (body(request).get("inputText").textValue().startsWith("first")) {
                        allInFlight.await(10, TimeUnit.SECONDS);
                    }
                    return titanAnswer(request, 1024);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
        try (Bedrock own = Bedrock.builder().runtimeClient(concurrent).build()) {
            EmbeddingModel titan = own.embeddings("amazon.titan-embed-text-v2:0",
                    EmbeddingOptions.defaults().withMaxConcurrency(bound));
            List<String> texts = new ArrayList<>(List.of("first a", "first b", "first c"));
            IntStream.range(0, 20).forEach(i -> texts.add("later " + i));

            EmbeddingResponse response = titan.embedDocuments(texts);

            assertThat(response.embeddings()).hasSize(23);
            assertThat(maxInFlight.get()).isEqualTo(bound);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(response.embeddings().get(i).get(0)).isEqualTo(texts.get(i).length());
            }
        }
    }

    private static JsonNode body(InvokeModelRequest request) {
        return JsonSupport.parse(request.body().asByteArray());
    }

    // A Titan answer whose first value is the text length; tokens = words.
    private static InvokeModelResponse titanAnswer(InvokeModelRequest request, int dimension) {
        String text = body(request).get("inputText").textValue();
        return json(titanJson(dimension, text.split(" ").length, text.length()));
    }

    private static String titanJson(int dimension, int tokens, float first) {
        return "{\"embedding\":" + vector(dimension, first) + ",\"inputTextTokenCount\":" + tokens + "}";
    }

    private static InvokeModelResponse cohereAnswer(InvokeModelRequest request) {
        JsonNode texts = body(request).get("texts");
        StringBuilder embeddings = new StringBuilder("[");
        for (int i = 0; i < texts.size(); i++) {
            embeddings.append(i == 0 ? "" : ",").append(vector(1024, texts.get(i).textValue().length()));
        }
        String json = "{\"id\":\"id-1\",\"response_type\":\"embeddings_floats\",\"texts\":" + texts
                + ",\"embeddings\":" + embeddings + "]}";
        return withTokenHeader(json, 5);
    }

    private static InvokeModelResponse withTokenHeader(String json, int tokens) {
        return (InvokeModelResponse) InvokeModelResponse.builder().contentType("application/json")
                .body(SdkBytes.fromString(json, StandardCharsets.UTF_8))
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(200)
                        .putHeader("X-Amzn-Bedrock-Input-Token-Count", String.valueOf(tokens)).build())
                .build();
    }

    private static InvokeModelResponse json(String json) {
        return InvokeModelResponse.builder().contentType("application/json")
                .body(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build();
    }

    private static String vector(int dimension, float first) {
        StringBuilder s = new StringBuilder("[").append(first);
        for (int i = 1; i < dimension; i++) {
            s.append(",0.01");
        }
        return s.append(']').toString();
    }
}
