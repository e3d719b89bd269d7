package dev.bedrock4j.production.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.production.batch.BulkItem;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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

/** Resilience against the testkit server's fault injection, through the real sync SDK client. */
class ServerResilienceTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
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

    static final ResiliencePolicy FAST = ResiliencePolicy.builder().maxAttempts(4)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();

    @Test
    void retriesThrottlingThenSucceedsWithoutMultiplyingSdkRetries() {
        server.model(MODEL).reply("done").faultNext(2, Fault.throttling());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ResilienceRegistry resilience = ResilienceRegistry.of(FAST);
        BedrockMetrics metrics = BedrockMetrics.builder(registry).resilience(resilience).build();
        try (Bedrock bedrock = bedrock().decorate(resilience).decorate(metrics).build()) {
            assertThat(bedrock.chat(MODEL).prompt().user("hi").call().text()).isEqualTo("done");
        }
        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(3);
        assertThat(server.requests()).extracting(r -> r.attempt()).as("the SDK itself made one attempt per call")
                .containsOnly(1);
        assertThat(registry.get(BedrockMetrics.RETRIES).counter().count()).isEqualTo(2);
        assertThat(registry.get(BedrockMetrics.THROTTLES).counter().count()).isEqualTo(2);
    }

    @Test
    void neverRetriesValidationErrors() {
        server.model(MODEL).faultNext(1, Fault.error(400, "ValidationException", "Malformed input request"));
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(FAST)).build()) {
            assertThatThrownBy(() -> bedrock.chat(MODEL).prompt().user("hi").call())
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Malformed input request");
        }
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void theCircuitOpensOnServerErrorsAndRecovers() {
        server.model(MODEL).reply("fine").faultNext(4, Fault.serviceUnavailable());
        ResilienceTest.HandClock clock = new ResilienceTest.HandClock();
        Duration openStateWait = Duration.ofMinutes(1);
        ResiliencePolicy policy = ResiliencePolicy.builder().maxAttempts(1)
                .circuitBreaker(50, openStateWait).circuitBreakerWindow(4, 4).circuitBreakerClock(clock).build();
        ResilienceRegistry registry = ResilienceRegistry.of(policy);
        try (Bedrock bedrock = bedrock().decorate(registry).build()) {
            ChatModel model = bedrock.chat(MODEL);
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> model.prompt().user("x").call()).isInstanceOf(ServiceUnavailableException.class);
            }
            CircuitBreaker breaker = registry.resilience(MODEL).orElseThrow().circuitBreaker().orElseThrow();
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThatThrownBy(() -> model.prompt().user("x").call()).isInstanceOf(RejectedCallException.class);
            assertThat(server.requestCount()).isEqualTo(4);
            clock.advance(openStateWait.plusMillis(1)); // past the open-state wait
            for (int i = 0; i < 3; i++) {
                assertThat(model.prompt().user("x").call().text()).isEqualTo("fine");
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void theRateLimitHoldsAgainstTheServer() {
        server.model(MODEL).reply("ok").fault(Fault.rateLimit(1));
        ResiliencePolicy policy = ResiliencePolicy.builder().maxAttempts(1).requestsPerMinute(60)
                .rateLimitWait(Duration.ZERO).build();
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(policy)).build()) {
            ChatModel model = bedrock.chat(MODEL);
            model.prompt().user("1").call();
            assertThatThrownBy(() -> model.prompt().user("2").call()).isInstanceOf(RejectedCallException.class);
        }
        assertThat(server.requestCount()).as("the limiter kept the second call from the server").isEqualTo(1);
    }

    @Test
    void aBulkRunAgainstAThrottlingServerLosesNothing(@TempDir Path dir) throws Exception {
        server.model(MODEL).reply("summary").fault(Fault.rateLimit(200));
        List<BulkItem> items = IntStream.range(0, 150).mapToObj(i -> BulkItem.of("d" + i, "document " + i)).toList();
        Path out = dir.resolve("out.jsonl");
        BulkReport report;
        ResiliencePolicy patient = ResiliencePolicy.builder().maxAttempts(50)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(100)).build();
        try (Bedrock bedrock = bedrock().decorate(ResilienceRegistry.of(patient)).build()) {
            report = BulkRunner.builder(bedrock.chat(MODEL)).requests(i -> ChatRequest.of(i.text())).output(out)
                    .maxConcurrency(16).initialConcurrency(16)
                    .build().run(items.iterator());
        }
        assertThat(report.succeeded()).isEqualTo(150);
        assertThat(report.failed()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(150);
    }
}
