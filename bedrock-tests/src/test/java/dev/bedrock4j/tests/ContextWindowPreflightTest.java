package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.tokens.TokenCounter;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The context window pre-flight, through the real SDK clients against the local server, which counts one token a
 * word in CountTokens and in its own check, and refuses an over-window Converse as Bedrock does. The estimate is
 * about four characters a token, so {@code "word "} repeated estimates 1.25 tokens a word, and {@code "abcdefghij "}
 * 2.75: more than the server counts, as an estimate can be.
 */
class ContextWindowPreflightTest {
    static final String CLAUDE = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    /** Before Claude 3.7, Claude lowers max_tokens to fit rather than refusing: only the input counts. */
    static final String CLAUDE_3 = "anthropic.claude-3-haiku-20240307-v1:0";
    static final int CLAUDE_WINDOW = 200_000;
    static final String TITAN_PREMIER = "amazon.titan-text-premier-v1:0";
    static final String NOVA_PRO = "amazon.nova-pro-v1:0";
    static final String INPUT_TOO_LONG = "The model returned the following errors: Input is too long for requested model.";
    static LocalBedrockServer server;
    static BedrockRuntimeClient noRetries;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        noRetries = BedrockRuntimeClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        noRetries.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    /** An instance with both SDK clients on the server, for calls and streams. */
    static Bedrock bedrock() {
        return Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")))
                .build();
    }

    static ChatRequest words(int count, String word, int maxTokens) {
        return ChatRequest.builder().user((word + " ").repeat(count).strip()).maxTokens(maxTokens).build();
    }

    static List<BedrockOperation> operations() {
        return server.requests().stream().map(RecordedRequest::operation).toList();
    }

    @Test
    void aPromptOverTheWindowIsRefusedAfterOnlyACountTokensRequest() {
        ChatRequest huge = words(210_000, "word", 1000);
        try (Bedrock bedrock = bedrock()) {
            assertThatThrownBy(() -> bedrock.chat(CLAUDE).call(huge))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).hasValue("messages");
                        assertThat(e.statusCode()).isZero();
                        assertThat(e.isRetryable()).isFalse();
                    })
                    .hasMessageContaining(CLAUDE)
                    .hasMessageContaining("is 210000 tokens (counted exactly by CountTokens)")
                    .hasMessageContaining("maxTokens is 1000: 211000 tokens in all")
                    .hasMessageContaining("context window of 200000 tokens")
                    .hasMessageContaining("lower maxTokens");
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS);

            // the stream is refused the same way before it opens, and the count comes from the instance's cache
            assertThatThrownBy(() -> bedrock.chat(CLAUDE).stream(huge)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("210000 tokens (counted exactly by CountTokens)");
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS);
            assertThat(bedrock.tokenCounter().inputTokens(CLAUDE, huge)).isEqualTo(210_000);
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS);
        }
    }

    @Test
    void forClaudeBefore37OnlyTheInputIsHeldToTheWindow() {
        server.model(CLAUDE_3).reply("fits");
        try (Bedrock bedrock = bedrock()) {
            // 199,000 words and maxTokens 4,000 pass the window together, but Claude 3 lowers max_tokens instead
            assertThat(bedrock.chat(CLAUDE_3).call(words(199_000, "word", 4000)).text()).isEqualTo("fits");
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS, BedrockOperation.CONVERSE);
            server.reset();
            assertThatThrownBy(() -> bedrock.chat(CLAUDE_3).call(words(200_001, "word", 10)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("is 200001 tokens (counted exactly by CountTokens)");
        }
    }

    @Test
    void concurrentCallsWithAnOverWindowPromptAreAllRefusedAndNoneIsSent() throws Exception {
        ChatRequest huge = words(205_000, "word", 100);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Bedrock bedrock = bedrock()) {
            List<Future<Throwable>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        bedrock.chat(CLAUDE).call(huge);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            for (Future<Throwable> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("205000 tokens (counted exactly by CountTokens)");
            }
            assertThat(server.requests(BedrockOperation.CONVERSE)).isEmpty();
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSizeBetween(1, 6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutMaxTokensTheInputAloneIsHeldToTheWindow() {
        ChatRequest over = ChatRequest.builder().user("word ".repeat(CLAUDE_WINDOW + 1).strip()).build();
        ChatRequest fits = ChatRequest.builder().user("word ".repeat(CLAUDE_WINDOW).strip()).build();
        try (Bedrock bedrock = bedrock()) {
            assertThatThrownBy(() -> bedrock.chat(CLAUDE).call(over)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("is 200001 tokens (counted exactly by CountTokens), over the model's context"
                            + " window of 200000 tokens; shorten the conversation, system prompt or documents")
                    .hasMessageNotContaining("maxTokens");
            assertThat(bedrock.chat(CLAUDE).call(fits).usage().inputTokens()).isEqualTo(CLAUDE_WINDOW);
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS, BedrockOperation.COUNT_TOKENS,
                    BedrockOperation.CONVERSE);
        }
    }

    @Test
    void aPromptThatJustFitsIsSentAndTheCacheCountsItOnce() {
        ChatRequest justFits = words(CLAUDE_WINDOW - 4096, "word", 4096);
        ChatRequest oneOver = words(CLAUDE_WINDOW - 4096 + 1, "word", 4096);
        try (Bedrock bedrock = bedrock()) {
            ChatResponse first = bedrock.chat(CLAUDE).call(justFits);
            ChatResponse second = bedrock.chat(CLAUDE).call(justFits);
            assertThat(first.usage().inputTokens()).isEqualTo(second.usage().inputTokens()).isEqualTo(CLAUDE_WINDOW - 4096);
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS, BedrockOperation.CONVERSE,
                    BedrockOperation.CONVERSE);

            assertThatThrownBy(() -> bedrock.chat(CLAUDE).call(oneOver)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("200001 tokens in all");
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSize(2);
            assertThat(server.requests(BedrockOperation.CONVERSE)).hasSize(2);
        }
    }

    @Test
    void aSmallPromptIsDecidedByTheEstimateAloneWithoutACount() {
        try (Bedrock bedrock = bedrock()) {
            // 50,000 words estimate 62,500 tokens, with maxTokens under half the window: nothing to count
            ChatResponse response = bedrock.chat(CLAUDE).call(words(50_000, "word", 4096));
            assertThat(response.usage().inputTokens()).isEqualTo(50_000);
            assertThat(operations()).containsExactly(BedrockOperation.CONVERSE);
        }
    }

    @Test
    void anExactCountUnderTheWindowWinsOverAnEstimateAboveIt() {
        ChatRequest request = words(100_000, "abcdefghij", 1000);
        assertThat(TokenCounter.estimate().inputTokens(CLAUDE, request)).isGreaterThan(CLAUDE_WINDOW);
        try (Bedrock bedrock = bedrock()) {
            assertThat(bedrock.chat(CLAUDE).call(request).usage().inputTokens()).isEqualTo(100_000);
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS, BedrockOperation.CONVERSE);
        }
    }

    @Test
    void anEstimateOverTheWindowNeverRefusesAModelThatCannotCount() {
        // Titan Text Premier: a 32,768-token window and no CountTokens; 20,000 words estimate 55,000 tokens
        ChatRequest request = words(20_000, "abcdefghij", 500);
        assertThat(TokenCounter.estimate().inputTokens(TITAN_PREMIER, request)).isGreaterThan(32_768);
        try (Bedrock bedrock = bedrock()) {
            assertThat(bedrock.chat(TITAN_PREMIER).call(request).usage().inputTokens()).isEqualTo(20_000);
            assertThat(operations()).containsExactly(BedrockOperation.CONVERSE);
        }
    }

    @Test
    void aModelWhoseWindowIsNotKnownIsNotChecked() {
        String unknown = "anthropic.claude-next-20270101-v1:0";
        server.model(unknown).reply("Read it all.");
        ChatRequest huge = words(320_000, "word", 1000);
        try (Bedrock bedrock = bedrock()) {
            assertThat(bedrock.catalog().lookup(NOVA_PRO).contextWindow()).isZero();
            assertThat(bedrock.catalog().lookup(unknown).contextWindow()).isZero();
            assertThat(bedrock.chat(NOVA_PRO).call(huge).usage().inputTokens()).isEqualTo(320_000);
            assertThat(bedrock.chat(unknown).call(huge).text()).isEqualTo("Read it all.");
            assertThat(operations()).containsExactly(BedrockOperation.CONVERSE, BedrockOperation.CONVERSE);
        }
    }

    @Test
    void aFailedCountFallsBackToTheEstimateAndDoesNotFailTheCall() {
        ChatRequest request = words(150_000, "word", 1000);
        server.faultNext(1, Fault.internalError());
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(noRetries).build()) {
            ChatResponse response = bedrock.chat(CLAUDE).call(request);
            assertThat(response.usage().inputTokens()).isEqualTo(150_000);
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS, BedrockOperation.CONVERSE);

            // a failed count is not cached: the next call counts again, and this time it is counted
            bedrock.chat(CLAUDE).call(request);
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSize(2);
            bedrock.chat(CLAUDE).call(request);
            assertThat(server.requests(BedrockOperation.COUNT_TOKENS)).hasSize(2);
        }
    }

    @Test
    void whenTheCountFailsAnOverWindowPromptIsSentAndBedrockRefusesIt() {
        server.faultNext(1, Fault.internalError());
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(noRetries).build()) {
            assertThatThrownBy(() -> bedrock.chat(CLAUDE).call(words(210_000, "word", 1000)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                    .hasMessageContaining(INPUT_TOO_LONG);
            assertThat(operations()).containsExactly(BedrockOperation.COUNT_TOKENS, BedrockOperation.CONVERSE);
        }
    }

    @Test
    void withTheCheckOffTheServerRefusesTheInputAsBedrockDoes() {
        // a catalog that does not know Claude's window turns the check off; the server still holds the model to it
        ModelCatalog noWindow = ModelCatalog.defaults()
                .withModel(ModelCatalog.defaults().lookup(CLAUDE).withContextWindow(0));
        try (Bedrock bedrock = Bedrock.builder().runtimeClient(noRetries).catalog(noWindow).build()) {
            assertThatThrownBy(() -> bedrock.chat(CLAUDE).call(words(199_500, "word", 1000)))
                    .isInstanceOf(BedrockException.class).hasMessageContaining(INPUT_TOO_LONG);
            assertThat(operations()).containsExactly(BedrockOperation.CONVERSE);
            // an Anthropic beta can widen the window, so neither the library nor the server holds the request to it
            ChatRequest beta = words(199_500, "word", 1000).toBuilder()
                    .additionalModelRequestFields(JsonSupport.parse(
                            "{\"anthropic_beta\":[\"context-1m-2025-08-07\"]}"))
                    .build();
            try (Bedrock checked = bedrock()) {
                assertThat(checked.chat(CLAUDE).call(beta).usage().inputTokens()).isEqualTo(199_500);
            }
            assertThat(operations()).containsExactly(BedrockOperation.CONVERSE, BedrockOperation.CONVERSE);
        }
    }
}
