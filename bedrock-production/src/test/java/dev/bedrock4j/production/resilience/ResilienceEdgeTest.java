package dev.bedrock4j.production.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.testkit.FakeChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the protections do where callers go away, protections refuse, or many threads arrive at once. */
class ResilienceEdgeTest {

    /** A model whose streams emit nothing and never end, until cancelled. */
    static final class Silent implements ChatModel {
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public String modelId() {
            return "silent";
        }

        @Override
        public ChatResponse call(ChatRequest request) {
            return ChatResponse.ofText("called");
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            return new AbstractChatStream(modelId()) {
                @Override
                protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                            cancelled.incrementAndGet();
                        }
                    });
                }
            };
        }
    }

    static final List<Throwable> ERRORS = new CopyOnWriteArrayList<>();

    static Flow.Subscription subscribe(ChatStream stream) {
        Flow.Subscription[] held = new Flow.Subscription[1];
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                held[0] = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(ChatEvent item) {
            }

            @Override
            public void onError(Throwable throwable) {
                ERRORS.add(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        return held[0];
    }

    @Test
    void cancellingAStreamGivesBackItsBulkheadSlot() {
        Silent silent = new Silent();
        ChatModel model = Resilience.of("silent", ResiliencePolicy.builder().maxAttempts(1).maxConcurrentCalls(1)
                .bulkheadWait(Duration.ZERO).build()).decorate(silent);
        subscribe(model.stream(ChatRequest.of("one"))).cancel();
        assertThat(silent.cancelled).as("the source was cancelled").hasValue(1);
        ERRORS.clear();
        Flow.Subscription second = subscribe(model.stream(ChatRequest.of("two")));
        assertThat(ERRORS).as("the slot came back, so the second stream started").isEmpty();
        second.request(0); // rule 3.9 ends the stream: its slot comes back too
        assertThat(ERRORS).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(model.call(ChatRequest.of("three")).text()).isEqualTo("called");
    }

    @Test
    void cancelledStreamsLeaveAHalfOpenCircuitUsable() {
        Silent silent = new Silent();
        Resilience resilience = Resilience.of("silent", ResiliencePolicy.builder().maxAttempts(1)
                .circuitBreaker(50, Duration.ofMinutes(1)).circuitBreakerWindow(2, 2).build());
        CircuitBreaker breaker = resilience.circuitBreaker().orElseThrow();
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState(); // by hand: no open-state wait to sit out
        ChatModel model = resilience.decorate(silent);
        for (int i = 0; i < 5; i++) {
            subscribe(model.stream(ChatRequest.of("x"))).cancel();
        }
        assertThat(model.call(ChatRequest.of("after")).text()).as("the trial permissions were given back").isEqualTo("called");
    }

    @Test
    void aRefusedCallAndARefusedStreamReportTheSameAttempts() {
        FakeChatModel throttled = FakeChatModel.create();
        throttled.respondWith(r -> {
            throw new ThrottledException("slow down");
        });
        Resilience resilience = Resilience.of("m", ResiliencePolicy.builder().maxAttempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
                .circuitBreaker(100, Duration.ofMinutes(1)).circuitBreakerWindow(2, 2).build());
        ChatModel model = resilience.decorate(throttled);
        assertThatThrownBy(() -> model.call(ChatRequest.of("a"))).isInstanceOf(RejectedCallException.class)
                .satisfies(e -> assertThat(((BedrockException) e).attempts()).as("two requests, then the open circuit").isEqualTo(2));
        assertThatThrownBy(() -> model.call(ChatRequest.of("b"))).isInstanceOf(RejectedCallException.class)
                .satisfies(e -> assertThat(((BedrockException) e).attempts()).isEqualTo(1));
        assertThatThrownBy(() -> model.stream(ChatRequest.of("c")).collect().join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RejectedCallException.class)
                .satisfies(e -> assertThat(((BedrockException) e.getCause()).attempts()).isEqualTo(1));
    }

    @Test
    void oneResilienceAndOneBindingPerModelUnderConcurrentFirstUse() throws Exception {
        ResilienceRegistry registry = ResilienceRegistry.of(ResiliencePolicy.defaults());
        List<Resilience> bound = new CopyOnWriteArrayList<>();
        registry.forEachResilience(bound::add);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<Resilience> seen = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    seen.add(registry.resilience("model-" + (n % 2)).orElseThrow());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(2);
        assertThat(bound).containsExactlyInAnyOrderElementsOf(seen);
        List<Resilience> late = new CopyOnWriteArrayList<>();
        registry.forEachResilience(late::add);
        assertThat(late).as("a listener added later sees each existing one once").containsExactlyInAnyOrderElementsOf(seen);
    }

    @Test
    void aCancelledStreamIsTimedAsCancelledNotCountedAsAnError() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ChatModel model = BedrockMetrics.of(meters).instrument(new Silent());
        subscribe(model.stream(ChatRequest.of("x"))).cancel();
        assertThat(meters.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.ERROR_TYPE, "cancelled").timer().count())
                .isEqualTo(1);
        assertThat(meters.find(BedrockMetrics.ERRORS).counter()).isNull();
    }

    @Test
    void aRegistryNeedsAPolicyAndPoliciesNeedAModel() {
        assertThatThrownBy(() -> ResilienceRegistry.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no policy");
        assertThatThrownBy(() -> ResilienceRegistry.builder().policy(" ", ResiliencePolicy.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThat(ResilienceRegistry.builder().policy("a", ResiliencePolicy.none()).build().retries("b")).isFalse();
        assertThatThrownBy(() -> ResiliencePolicy.builder().maxAttempts(0)).hasMessageContaining("maxAttempts must be at least 1, was 0");
    }
}
