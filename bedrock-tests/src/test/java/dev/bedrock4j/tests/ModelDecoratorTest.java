package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingOptions;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.embed.InputType;
import dev.bedrock4j.core.spi.ModelDecorator;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** The decorator hook: order, one request per decorated call, and the SDK retries a decorator takes over. */
class ModelDecoratorTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String TITAN = "amazon.titan-embed-text-v2:0";

    /** Records what it sees under a name, and wraps chat and embedding models. */
    static final class Recording implements ModelDecorator {
        final String name;
        final List<String> seen;
        final boolean retries;

        Recording(String name, List<String> seen, boolean retries) {
            this.name = name;
            this.seen = seen;
            this.retries = retries;
        }

        @Override
        public ChatModel decorate(ChatModel model) {
            return new ChatModel() {
                @Override
                public String modelId() {
                    return model.modelId();
                }

                @Override
                public ChatResponse call(ChatRequest request) {
                    seen.add(name + " in");
                    ChatResponse response = model.call(request);
                    seen.add(name + " out");
                    return response;
                }

                @Override
                public ChatStream stream(ChatRequest request) {
                    return model.stream(request);
                }
            };
        }

        @Override
        public EmbeddingModel decorate(EmbeddingModel model) {
            return new EmbeddingModel() {
                @Override
                public String modelId() {
                    return model.modelId();
                }

                @Override
                public int dimension() {
                    return model.dimension();
                }

                @Override
                public EmbeddingResponse embed(List<String> texts, InputType inputType) {
                    seen.add(name + " " + texts);
                    return model.embed(texts, inputType);
                }
            };
        }

        @Override
        public boolean retries(String modelId) {
            return retries;
        }
    }

    @Test
    void decoratorsApplyInTheOrderAddedTheFirstInnermost() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
        sdk.enqueueConverseText("hi");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(sdk)
                .decorate(new Recording("inner", seen, false)).decorate(new Recording("outer", seen, false)).build()) {
            assertThat(bedrock.chat(MODEL).prompt().user("hello").call().text()).isEqualTo("hi");
        }
        assertThat(seen).containsExactly("outer in", "inner in", "inner out", "outer out");
    }

    @Test
    void anEmbeddingOfManyTextsReachesTheDecoratorOneRequestAtATime() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
        String vector = IntStream.range(0, 256).mapToObj(i -> "0.5").collect(Collectors.joining(",", "[", "]"));
        sdk.onInvokeModel(request -> InvokeModelResponse.builder().contentType("application/json")
                .body(SdkBytes.fromString("{\"embedding\":" + vector + ",\"inputTextTokenCount\":3}", StandardCharsets.UTF_8))
                .build());
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).decorate(new Recording("d", seen, false)).build()) {
            EmbeddingResponse response = bedrock.embeddings(TITAN, EmbeddingOptions.defaults().withDimensions(256))
                    .embedDocuments(List.of("one", "two", "three"));
            assertThat(response.embeddings()).hasSize(3);
            assertThat(response.inputTokens()).isEqualTo(9);
        }
        assertThat(seen).containsExactlyInAnyOrder("d [one]", "d [two]", "d [three]");
        assertThat(sdk.invokeModelRequests()).hasSize(3);
    }

    @Test
    void onlyTheModelsADecoratorRetriesLoseTheSdkRetries() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
        sdk.onConverse(request -> FakeBedrockRuntimeClient.converseText("ok"));
        ModelDecorator retriesClaude = new ModelDecorator() {
            @Override
            public boolean retries(String modelId) {
                return modelId.equals(MODEL);
            }
        };
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).decorate(retriesClaude).build()) {
            bedrock.chat(MODEL).prompt().user("a").call();
            bedrock.chat("amazon.nova-lite-v1:0").prompt().user("b").call();
        }
        assertThat(sdk.converseRequests().get(0).overrideConfiguration()).hasValueSatisfying(
                o -> assertThat(o.plugins()).as("a per-request plugin switches the SDK's retries off").hasSize(1));
        assertThat(sdk.converseRequests().get(1).overrideConfiguration()).isEmpty();
    }

    @Test
    void aDecoratorThatReturnsNullIsNamedAtOnce() {
        ModelDecorator broken = new ModelDecorator() {
            @Override
            public ChatModel decorate(ChatModel model) {
                return null;
            }

            @Override
            public String toString() {
                return "BrokenDecorator";
            }
        };
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(FakeBedrockRuntimeClient.create()).decorate(broken).build()) {
            assertThatThrownBy(() -> bedrock.chat(MODEL)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("BrokenDecorator");
        }
        assertThatThrownBy(() -> Bedrock.builder().decorate(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("decorator");
    }
}
