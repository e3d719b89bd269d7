package dev.bedrock4j.production.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.production.resilience.Resilience;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.FakeChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResilienceTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final ResiliencePolicy FAST_RETRIES = ResiliencePolicy.builder()
            .maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();

    final FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();

    ChatModel model(ResiliencePolicy policy) {
        return Bedrock.builder().runtimeClient(sdk).decorate(ResilienceRegistry.of(policy)).build().chat(MODEL);
    }

    @Test
    void retriesThrottlingThenSucceeds() {
        sdk.enqueue(FakeBedrockRuntimeClient.throttling()).enqueue(FakeBedrockRuntimeClient.throttling())
                .enqueueConverseText("finally");
        assertThat(model(FAST_RETRIES).prompt().user("hi").call().text()).isEqualTo("finally");
        assertThat(sdk.converseRequests()).hasSize(3);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheTypedError() {
        for (int i = 0; i < 3; i++) {
            sdk.enqueue(FakeBedrockRuntimeClient.throttling());
        }
        assertThatThrownBy(() -> model(FAST_RETRIES).prompt().user("hi").call()).isInstanceOf(ThrottledException.class);
        assertThat(sdk.converseRequests()).hasSize(3);
    }

    @Test
    void neverRetriesValidationErrors() {
        sdk.enqueue(FakeBedrockRuntimeClient.validation("bad input"));
        assertThatThrownBy(() -> model(FAST_RETRIES).prompt().user("hi").call()).isInstanceOf(InvalidRequestException.class);
        assertThat(sdk.converseRequests()).hasSize(1);
    }

    /** A clock that stands still until the test moves it: the circuit's open-state wait passes only on demand. */
    static final class HandClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed");
        }
    }

    @Test
    void theCircuitOpensOnRepeatedFailuresAndRecovers() {
        HandClock clock = new HandClock();
        Duration openStateWait = Duration.ofMinutes(1);
        ResiliencePolicy policy = ResiliencePolicy.builder().maxAttempts(1)
                .circuitBreaker(50, openStateWait).circuitBreakerWindow(4, 4).circuitBreakerClock(clock).build();
        ResilienceRegistry registry = ResilienceRegistry.of(policy);
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).decorate(registry).build();
        ChatModel model = bedrock.chat(MODEL);
        CircuitBreaker breaker = registry.resilience(MODEL).orElseThrow().circuitBreaker().orElseThrow();

        sdk.enqueueConverseText("ok").enqueueConverseText("ok");
        sdk.enqueue(FakeBedrockRuntimeClient.throttling()).enqueue(FakeBedrockRuntimeClient.throttling());
        model.prompt().user("1").call();
        model.prompt().user("2").call();
        assertThatThrownBy(() -> model.prompt().user("3").call()).isInstanceOf(ThrottledException.class);
        assertThatThrownBy(() -> model.prompt().user("4").call()).isInstanceOf(ThrottledException.class);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> model.prompt().user("5").call()).isInstanceOf(RejectedCallException.class)
                .hasMessageContaining("circuit breaker").satisfies(e -> assertThat(((RejectedCallException) e).isRetryable()).isTrue());
        clock.advance(openStateWait.minusMillis(1));
        assertThatThrownBy(() -> model.prompt().user("6").call()).as("still open just before the wait ends")
                .isInstanceOf(RejectedCallException.class);
        assertThat(sdk.converseRequests()).as("an open circuit sends nothing").hasSize(4);

        clock.advance(Duration.ofMillis(2)); // past the open-state wait
        sdk.enqueueConverseText("back").enqueueConverseText("back").enqueueConverseText("back");
        assertThat(model.prompt().user("again").call().text()).isEqualTo("back");
        assertThat(breaker.getState()).as("trial calls after the wait").isEqualTo(CircuitBreaker.State.HALF_OPEN);
        for (int i = 0; i < 2; i++) {
            assertThat(model.prompt().user("again").call().text()).isEqualTo("back");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void validationErrorsDoNotTripTheCircuit() {
        ResiliencePolicy policy = ResiliencePolicy.builder().maxAttempts(1)
                .circuitBreaker(50, Duration.ofMinutes(1)).circuitBreakerWindow(2, 2).build();
        ResilienceRegistry registry = ResilienceRegistry.of(policy);
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).decorate(registry).build();
        for (int i = 0; i < 4; i++) {
            sdk.enqueue(FakeBedrockRuntimeClient.validation("bad"));
            assertThatThrownBy(() -> bedrock.chat(MODEL).prompt().user("x").call()).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(registry.resilience(MODEL).orElseThrow().circuitBreaker().orElseThrow().getState())
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void requestRateLimitHolds() {
        ResiliencePolicy policy = ResiliencePolicy.builder().maxAttempts(1).requestsPerMinute(1)
                .rateLimitWait(Duration.ZERO).build();
        sdk.onConverse(r -> FakeBedrockRuntimeClient.converseText("ok"));
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).decorate(ResilienceRegistry.of(policy)).build();
        bedrock.chat(MODEL).prompt().user("first").call();
        assertThatThrownBy(() -> bedrock.chat(MODEL).prompt().user("second").call())
                .isInstanceOf(RejectedCallException.class).hasMessageContaining("rate limit");
        assertThat(sdk.converseRequests()).hasSize(1);
    }

    @Test
    void tokenRateLimitHolds() {
        ResiliencePolicy policy = ResiliencePolicy.builder().maxAttempts(1).tokensPerMinute(1000)
                .rateLimitWait(Duration.ZERO).build();
        sdk.onConverse(r -> FakeBedrockRuntimeClient.converseText("ok"));
        ChatModel model = model(policy);
        model.prompt().user("short").maxTokens(600).call();
        assertThatThrownBy(() -> model.prompt().user("short").maxTokens(600).call()).isInstanceOf(RejectedCallException.class);
        assertThat(sdk.converseRequests()).hasSize(1);
    }

    @Test
    void theBulkheadLimitsCallsInFlight() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatModel slow = Resilience.of("m", ResiliencePolicy.builder().maxAttempts(1).maxConcurrentCalls(1)
                .bulkheadWait(Duration.ZERO).build()).decorate(new ChatModel() {
                    @Override
                    public String modelId() {
                        return MODEL;
                    }

                    @Override
                    public ChatResponse call(ChatRequest request) {
                        return slowCall(inside, release);
                    }
                });
        CompletableFuture<ChatResponse> first = CompletableFuture.supplyAsync(() -> slow.prompt().user("a").call());
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> slow.prompt().user("b").call()).isInstanceOf(RejectedCallException.class)
                .hasMessageContaining("concurrent-call slots");
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).text()).isEqualTo("slow");
    }

    static ChatResponse slowCall(CountDownLatch inside, CountDownLatch release) {
        inside.countDown();
        try {
            release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ChatResponse.ofText("slow");
    }

    @Test
    void streamsAreRetriedBeforeTheirFirstEvent() {
        FakeChatModel fake = FakeChatModel.create().enqueueError(new ThrottledException("busy")).enqueueText("streamed answer");
        ChatModel model = Resilience.of("s", FAST_RETRIES).decorate(fake);
        ChatResponse response = model.prompt().user("hi").stream().collect().join();
        assertThat(response.text()).isEqualTo("streamed answer");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void streamsAreNotRetriedAfterAnEventWasDelivered() {
        AtomicInteger streams = new AtomicInteger();
        ChatModel failsMidway = new ChatModel() {
            @Override
            public String modelId() {
                return "midway";
            }

            @Override
            public ChatResponse call(ChatRequest request) {
                throw new AssertionError("not used");
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                streams.incrementAndGet();
                return new AbstractChatStream("midway") {
                    @Override
                    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
                        subscriber.onSubscribe(new Flow.Subscription() {
                            boolean sent;

                            @Override
                            public void request(long n) {
                                if (!sent) {
                                    sent = true;
                                    subscriber.onNext(new ChatEvent.TextDelta(0, "partial"));
                                    subscriber.onError(new ThrottledException("cut"));
                                }
                            }

                            @Override
                            public void cancel() {
                            }
                        });
                    }
                };
            }
        };
        ChatStream stream = Resilience.of("m", FAST_RETRIES).decorate(failsMidway).prompt().user("x").stream();
        assertThatThrownBy(() -> stream.collect().join()).hasCauseInstanceOf(ThrottledException.class);
        assertThat(streams).hasValue(1);
        assertThat(stream.snapshot().text()).isEqualTo("partial");
    }
}
