package dev.bedrock4j.production.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.tokens.TokenCounter;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Exact token counts through CountTokens, with the real SDK client against the local server, and their uses. */
class TokenCountingTest {
    static final String CLAUDE = "anthropic.claude-3-5-haiku-20241022-v1:0";
    static final String NOVA = "amazon.nova-lite-v1:0";
    static LocalBedrockServer server;
    static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        client = BedrockRuntimeClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    static Bedrock.Builder bedrock() {
        return Bedrock.builder().runtimeClient(client);
    }

    /** A hundred words, 499 characters: 100 tokens on the server's count, 124 by the estimate. */
    static ChatRequest hundredWords(int maxTokens) {
        return hundredWords(maxTokens, "");
    }

    static ChatRequest hundredWords(int maxTokens, String more) {
        return ChatRequest.builder().user("word ".repeat(100).strip() + more).maxTokens(maxTokens).build();
    }

    @Test
    void theCountIsWhatTheCallThenBillsAndTheSameRequestIsCountedOnce() {
        try (Bedrock bedrock = bedrock().build()) {
            ChatRequest request = ChatRequest.builder().system("Answer briefly.")
                    .user("How many vacation days do employees get each year?").build();
            TokenCounter counter = bedrock.tokenCounter();

            int counted = counter.inputTokens(CLAUDE, request);
            ChatResponse response = bedrock.chat(CLAUDE).call(request);

            assertThat(counted).isEqualTo(response.usage().inputTokens());
            assertThat(counter.inputTokens(CLAUDE, request)).isEqualTo(counted);
            assertThat(bedrock.tokenCounter()).isSameAs(counter);
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSize(1);

            JsonNode body = JsonSupport.parse("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, how are you\"}]}");
            assertThat(counter.inputTokens(CLAUDE, body)).isPositive();
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSize(2);
        }
    }

    @Test
    void modelsWithoutCountTokensAreEstimatedWithoutACall() {
        assertThat(ModelCatalog.defaults().lookup(CLAUDE).supports(Capability.COUNT_TOKENS)).isTrue();
        assertThat(ModelCatalog.defaults().lookup(NOVA).supports(Capability.COUNT_TOKENS)).isFalse();
        try (Bedrock bedrock = bedrock().build()) {
            ChatRequest request = hundredWords(10);
            assertThat(bedrock.tokenCounter().inputTokens(NOVA, request))
                    .isEqualTo(TokenCounter.estimate().inputTokens(NOVA, request)).isEqualTo(124);
            assertThat(bedrock.tokenCounter().inputTokens(NOVA, List.of("12345678"))).isEqualTo(2);
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).isEmpty();
            assertThatThrownBy(() -> bedrock.tokenCounter().inputTokens(" ", request))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("modelId");
        }
    }

    @Test
    void aModelBedrockRefusesToCountIsEstimatedFromThenOnAndOtherErrorsAreMapped() {
        FakeBedrockRuntimeClient fake = FakeBedrockRuntimeClient.create()
                .enqueue(FakeBedrockRuntimeClient.validation("The provided model doesn't support counting tokens."))
                .enqueue(FakeBedrockRuntimeClient.throttling());
        TokenCounter counter = TokenCounter.countTokens(fake);
        ChatRequest request = hundredWords(10);

        assertThat(counter.inputTokens(CLAUDE, request)).isEqualTo(124);
        assertThat(counter.inputTokens(CLAUDE, hundredWords(10, " more"))).isPositive();
        assertThat(fake.countTokensRequests()).hasSize(1);

        String other = "anthropic.claude-3-haiku-20240307-v1:0";
        assertThatThrownBy(() -> counter.inputTokens(other, request)).isInstanceOf(ThrottledException.class);
    }

    @Test
    void theCacheIsBounded() {
        FakeBedrockRuntimeClient fake = FakeBedrockRuntimeClient.create().onCountTokens(r -> FakeBedrockRuntimeClient.counted(7));
        TokenCounter counter = TokenCounter.countTokens(fake);
        for (int i = 0; i <= 1024; i++) {
            counter.inputTokens(CLAUDE, ChatRequest.builder().user("question " + i).build());
        }
        assertThat(fake.countTokensRequests()).hasSize(1025);
        counter.inputTokens(CLAUDE, ChatRequest.builder().user("question 1024").build()); // recent: cached
        assertThat(fake.countTokensRequests()).hasSize(1025);
        counter.inputTokens(CLAUDE, ChatRequest.builder().user("question 0").build()); // evicted: counted again
        assertThat(fake.countTokensRequests()).hasSize(1026);
    }

    @Test
    void concurrentCountsOfOneRequestAgree() throws Exception {
        try (Bedrock bedrock = bedrock().build()) {
            TokenCounter counter = bedrock.tokenCounter();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> counts = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    counts.add(pool.submit(() -> counter.inputTokens(CLAUDE, hundredWords(10))));
                }
                for (Future<Integer> count : counts) {
                    assertThat(count.get()).isEqualTo(100);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theTokenLimitCountsExactlyWithTheCounterAndOnlyWhenALimitIsSet() {
        ResiliencePolicy limited = ResiliencePolicy.builder().maxAttempts(1).tokensPerMinute(240)
                .rateLimitWait(Duration.ZERO).build();
        // exact: 100 + 10 tokens a call, so two calls fit in 240
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(limited.toBuilder()
                .tokenCounter(TokenCounter.countTokens(client)).build())).build()) {
            ChatModel model = bedrock.chat(CLAUDE);
            model.call(hundredWords(10));
            model.call(hundredWords(10, " again"));
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSize(2);
        }
        // estimated: 124 + 10 tokens a call, so the second does not fit
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(limited)).build()) {
            ChatModel model = bedrock.chat(CLAUDE);
            model.call(hundredWords(10));
            assertThatThrownBy(() -> model.call(hundredWords(10))).isInstanceOf(RejectedCallException.class);
        }
        server.reset();
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(ResiliencePolicy.builder()
                .tokenCounter(TokenCounter.countTokens(client)).build())).build()) {
            bedrock.chat(CLAUDE).call(hundredWords(10));
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).isEmpty();
        }
    }

    @Test
    void aCostEstimateUsesTheCountAndTheMaxTokens() {
        try (Bedrock bedrock = bedrock().build()) {
            ChatRequest request = hundredWords(1000);
            BigDecimal estimate = PriceTable.defaults().estimate(CLAUDE, request, bedrock.tokenCounter()).orElseThrow();
            assertThat(estimate).isEqualByComparingTo(PriceTable.defaults().price(CLAUDE).orElseThrow()
                    .cost(dev.bedrock4j.core.chat.Usage.of(100, 1000)));
            assertThat(PriceTable.defaults().estimate("unknown.model-v1:0", request, TokenCounter.estimate())).isEmpty();
        }
    }
}
