package dev.bedrock4j.production.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.production.batch.BulkItem;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One resilience registry per {@code Bedrock}, through the real SDK clients and the local server: a policy
 * protects exactly the models it names (chat, streams, embeddings, native) and no other model loses the
 * SDK's retries; metrics are bound once; no layer retries on top of another. The request counts are the
 * server's; {@link RecordedRequest#attempt()} is the SDK's own attempt number.
 */
class ResilienceRegistryServerTest {
    static final String PROTECTED = "amazon.nova-lite-v1:0";
    static final String UNPROTECTED = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String TITAN = "amazon.titan-embed-text-v2:0";
    static final ResiliencePolicy THREE_FAST = ResiliencePolicy.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
    static LocalBedrockServer server;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    static Bedrock.Builder bedrock() {
        return Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
    }

    static List<RecordedRequest> requestsFor(String modelId) {
        return server.requests().stream().filter(r -> r.modelId().orElse("").equals(modelId)).toList();
    }

    @Test
    void aPolicyForOneModelLeavesTheSdkRetriesOfEveryOtherModel() {
        server.model(UNPROTECTED).reply("still fine").faultNext(1, Fault.throttling());
        server.model(PROTECTED).reply("protected").faultNext(2, Fault.throttling());
        ResilienceRegistry registry = ResilienceRegistry.builder().policy(PROTECTED, THREE_FAST).build();
        try (Bedrock bedrock = bedrock().decorate(registry).build()) {
            assertThat(bedrock.chat(UNPROTECTED).prompt().user("hi").call().text()).isEqualTo("still fine");
            assertThat(bedrock.chat(PROTECTED).prompt().user("hi").call().text()).isEqualTo("protected");
        }
        assertThat(requestsFor(UNPROTECTED)).extracting(RecordedRequest::attempt)
                .as("the model without a policy keeps the SDK's retry").containsExactly(1, 2);
        assertThat(requestsFor(PROTECTED)).extracting(RecordedRequest::attempt)
                .as("the policy retried; the SDK made one attempt per request").containsExactly(1, 1, 1);
    }

    @Test
    void aPolicyThatNeverRetriesMakesExactlyOneRequest() {
        server.model(PROTECTED).faultNext(5, Fault.serviceUnavailable());
        ResilienceRegistry registry = ResilienceRegistry.builder().policy(PROTECTED, ResiliencePolicy.none()).build();
        try (Bedrock bedrock = bedrock().decorate(registry).build()) {
            assertThatThrownBy(() -> bedrock.chat(PROTECTED).prompt().user("hi").call())
                    .isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(e -> assertThat(((ServiceUnavailableException) e).attempts()).isEqualTo(1));
        }
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void embeddingsArePolicedPerRequestAndKeepSdkRetriesWithoutAPolicy() {
        ResilienceRegistry registry = ResilienceRegistry.builder().policy(TITAN, THREE_FAST).build();
        List<String> texts = IntStream.range(0, 6).mapToObj(i -> "text number " + i).toList();
        try (Bedrock protectedBedrock = bedrock().decorate(registry).build();
             Bedrock plain = bedrock().build()) {
            server.model(TITAN).faultNext(1, Fault.throttling());
            EmbeddingModel titan = protectedBedrock.embeddings(TITAN);
            assertThat(titan.embedDocuments(texts).embeddings()).hasSize(6);
            assertThat(server.requestCount(BedrockOperation.INVOKE_MODEL))
                    .as("Titan takes one text per request; only the throttled request went again").isEqualTo(7);
            assertThat(server.requests()).extracting(RecordedRequest::attempt).containsOnly(1);

            server.clear();
            server.model(TITAN).faultNext(1, Fault.throttling());
            assertThat(plain.embeddings(TITAN).embedQuery("no policy here").dimension()).isPositive();
            assertThat(server.requests()).extracting(RecordedRequest::attempt)
                    .as("without a policy the SDK retries").containsExactly(1, 2);
        }
    }

    @Test
    void nativeModelsArePolicedToo() throws Exception {
        server.model(UNPROTECTED).reply("native answer").faultNext(2, Fault.throttling());
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(THREE_FAST)).build()) {
            NativeModel claude = bedrock.nativeModel(UNPROTECTED);
            JsonNode body = new ObjectMapper().readTree("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
            assertThat(claude.invoke(body).toString()).contains("native answer");
        }
        assertThat(server.requests()).extracting(RecordedRequest::attempt).containsExactly(1, 1, 1);
    }

    @Test
    void metricsBindOnceSoOneRetryCountsOnceHoweverManyModelsWereHandedOut() {
        server.model(PROTECTED).reply("ok").faultNext(1, Fault.throttling());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResilienceRegistry registry = ResilienceRegistry.of(THREE_FAST);
        try (Bedrock bedrock = bedrock().decorate(registry)
                .decorate(BedrockMetrics.builder(meters).resilience(registry).build()).build()) {
            bedrock.chat(PROTECTED);
            bedrock.chat(PROTECTED);
            ChatModel third = bedrock.chat(PROTECTED);
            third.prompt().user("hi").call();
        }
        assertThat(meters.get(BedrockMetrics.RETRIES).counter().count()).isEqualTo(1);
        assertThat(meters.get(BedrockMetrics.THROTTLES).counter().count()).isEqualTo(1);
        assertThat(registry.resilience(PROTECTED).orElseThrow().retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
                .isEqualTo(1);
    }

    @Test
    void streamRetriesBeforeTheFirstEventGoThroughTheRetryAndAreCounted() {
        server.model(PROTECTED).reply("streamed after a throttle").faultNext(1, Fault.throttling());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResilienceRegistry registry = ResilienceRegistry.of(THREE_FAST);
        try (Bedrock bedrock = bedrock().decorate(registry)
                .decorate(BedrockMetrics.builder(meters).resilience(registry).build()).build()) {
            assertThat(bedrock.chat(PROTECTED).prompt().user("hi").stream().collect().join().text())
                    .isEqualTo("streamed after a throttle");
        }
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(2);
        assertThat(server.requests()).extracting(RecordedRequest::attempt).containsOnly(1);
        assertThat(meters.get(BedrockMetrics.RETRIES).counter().count()).isEqualTo(1);
        assertThat(meters.get(BedrockMetrics.THROTTLES).counter().count()).isEqualTo(1);
        assertThat(meters.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.OPERATION_NAME, "stream")
                .tag(BedrockMetrics.ERROR_TYPE, "none").timer().count()).isEqualTo(1);
    }

    @Test
    void aBulkItemMakesAtMostThePolicysAttemptsAndTheDeadLetterSaysHowMany(@TempDir Path dir) throws Exception {
        server.model(PROTECTED).fault(Fault.serviceUnavailable());
        ResiliencePolicy fourAttempts = ResiliencePolicy.builder().maxAttempts(4)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
        BulkRunner runner;
        BulkReport report;
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(fourAttempts)).build()) {
            runner = BulkRunner.builder(bedrock.chat(PROTECTED)).requests(item -> ChatRequest.of(item.text()))
                    .output(dir.resolve("out.jsonl")).build();
            report = runner.run(List.of(BulkItem.of("only", "summarise me")).iterator());
        }
        assertThat(report.failed()).isEqualTo(1);
        assertThat(server.requestCount()).as("4 attempts, not 3 x 4").isEqualTo(4);
        JsonNode dead = new ObjectMapper().readTree(Files.readAllLines(runner.deadLetterFile()).get(0));
        assertThat(dead.get("attempts").asInt()).isEqualTo(4);
        assertThat(dead.get("retryable").asBoolean()).isTrue();
    }

    @Test
    void aThrottledBulkItemMakesAtMostThePolicysAttempts(@TempDir Path dir) throws Exception {
        server.model(PROTECTED).fault(Fault.throttling());
        ResiliencePolicy fiveAttempts = ResiliencePolicy.builder().maxAttempts(5)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
        BulkRunner runner;
        BulkReport report;
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(fiveAttempts)).build()) {
            runner = BulkRunner.builder(bedrock.chat(PROTECTED)).requests(item -> ChatRequest.of(item.text()))
                    .output(dir.resolve("out.jsonl")).build();
            report = runner.run(List.of(BulkItem.of("only", "summarise me")).iterator());
        }
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.throttled()).isEqualTo(1);
        assertThat(server.requestCount()).as("5 attempts, not 5 x 4").isEqualTo(5);
        JsonNode dead = new ObjectMapper().readTree(Files.readAllLines(runner.deadLetterFile()).get(0));
        assertThat(dead.get("error").asText()).isEqualTo(ThrottledException.class.getSimpleName());
        assertThat(dead.get("attempts").asInt()).isEqualTo(5);
    }

    @Test
    void aModelWithoutAPolicyReportsTheSdksAttemptsOnFailure() {
        server.model(UNPROTECTED).fault(Fault.serviceUnavailable());
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.builder().policy(PROTECTED, THREE_FAST).build()).build()) {
            assertThatThrownBy(() -> bedrock.chat(UNPROTECTED).prompt().user("hi").call())
                    .isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(e -> assertThat(((ServiceUnavailableException) e).attempts())
                            .isEqualTo(server.requestCount()).isGreaterThan(1));
        }
    }

    @Test
    void nativeStreamsAreRetriedBeforeTheirFirstChunk() throws Exception {
        server.model(UNPROTECTED).reply("streamed natively").faultNext(2, Fault.throttling());
        JsonNode body = new ObjectMapper().readTree("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        List<JsonNode> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(THREE_FAST)).build()) {
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            bedrock.nativeModel(UNPROTECTED).streamRaw(body).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(JsonNode chunk) {
                    chunks.add(chunk);
                }

                @Override
                public void onError(Throwable failure) {
                    done.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(chunks).isNotEmpty();
        assertThat(chunks.toString()).contains("streamed");
        assertThat(server.requests()).extracting(RecordedRequest::attempt).containsExactly(1, 1, 1);
    }

    @Test
    void anEmbeddingRateLimitCountsRequestsNotCalls() {
        ResiliencePolicy oneRequest = ResiliencePolicy.builder().maxAttempts(1).requestsPerMinute(1)
                .rateLimitWait(Duration.ZERO).build();
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.builder().policy(TITAN, oneRequest).build()).build()) {
            EmbeddingModel titan = bedrock.embeddings(TITAN, dev.bedrock4j.core.embed.EmbeddingOptions.defaults().withMaxConcurrency(1));
            assertThatThrownBy(() -> titan.embedDocuments(List.of("first text", "second text")))
                    .isInstanceOf(dev.bedrock4j.core.RejectedCallException.class).hasMessageContaining("rate limit");
        }
        assertThat(server.requestCount()).as("the second request of the same call met the limit").isEqualTo(1);
    }

    @Test
    void clientsTheUserBuiltLoseTheirRetriesOnlyForProtectedModels() {
        server.model(PROTECTED).reply("protected").faultNext(1, Fault.throttling());
        server.model(UNPROTECTED).reply("plain").faultNext(1, Fault.throttling());
        java.util.List<String> intercepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                intercepted.add(context.httpRequest().encodedPath());
            }
        };
        try (software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient mine =
                     software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient.builder()
                             .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                             .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                                     .addExecutionInterceptor(interceptor))
                             .build();
             Bedrock bedrock = Bedrock.builder().runtimeClient(mine)
                     .decorate(ResilienceRegistry.builder().policy(PROTECTED, THREE_FAST).build()).build()) {
            assertThat(bedrock.chat(PROTECTED).prompt().user("hi").call().text()).isEqualTo("protected");
            assertThat(bedrock.chat(UNPROTECTED).prompt().user("hi").call().text()).isEqualTo("plain");
        }
        assertThat(requestsFor(PROTECTED)).extracting(RecordedRequest::attempt).containsExactly(1, 1);
        assertThat(requestsFor(UNPROTECTED)).extracting(RecordedRequest::attempt).containsExactly(1, 2);
        assertThat(intercepted).as("the user's interceptor still runs on every attempt").hasSize(4);
    }

    @Test
    void attemptsAddUpWhenTheSdkAndAHandMadeResilienceBothRetry() {
        server.model(UNPROTECTED).fault(Fault.serviceUnavailable());
        try (Bedrock plain = bedrock().build()) {
            ChatModel doubled = Resilience.of(UNPROTECTED, ResiliencePolicy.builder().maxAttempts(2)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()).decorate(plain.chat(UNPROTECTED));
            assertThatThrownBy(() -> doubled.prompt().user("hi").call()).isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(e -> assertThat(((ServiceUnavailableException) e).attempts())
                            .as("every request counted: the SDK's retries times the policy's attempts")
                            .isEqualTo(server.requestCount()).isGreaterThan(2));
        }
    }
}
