package dev.bedrock4j.tests.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ClientClosedException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How streams end when something goes wrong underneath them, through the real async SDK client and the local
 * server: a corrupted frame, the {@code Bedrock} instance closed mid-stream, and {@link ChatStream#cancel()}.
 * Every failure reaches every way of consuming a stream as a typed {@link BedrockException}.
 */
class StreamFailuresTest {
    static final String MODEL = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    static final String NATIVE_MODEL = "meta.llama3-1-8b-instruct-v1:0";
    static final String ANSWER = "one two three four five six seven eight nine ten";
    /**
     * A paced answer that outlasts every deadline of these tests (2,000 events 50 ms apart: over a minute and a
     * half), so a stream the test means to interrupt is still running however slowly a busy machine lets the test
     * reach the interruption.
     */
    static final String LONG_ANSWER = String.join(" ", Collections.nCopies(2000, "slowly"));
    static final Fault PACED = Fault.paced(Duration.ofMillis(50));

    static LocalBedrockServer server;
    static Bedrock plain;
    static Bedrock resilient;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        plain = newBedrock(false);
        resilient = newBedrock(true);
    }

    @AfterAll
    static void stop() {
        plain.close();
        resilient.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static Bedrock bedrock(boolean withPolicy) {
        return withPolicy ? resilient : plain;
    }

    /** A Bedrock that creates its own SDK clients, as one built with defaults does. */
    private static Bedrock newBedrock(boolean withPolicy) {
        Bedrock.Builder builder = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")));
        if (withPolicy) {
            builder.decorate(ResilienceRegistry.builder().defaultPolicy(ResiliencePolicy.builder()
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()).build());
        }
        return builder.build();
    }

    /** Every way of consuming a stream, each reduced to "what was thrown". */
    enum Consumer {
        COLLECT(stream -> stream.collect().join()),
        FOR_EACH_TEXT(stream -> stream.forEachText(text -> { }).join()),
        TO_STREAM(stream -> {
            try (var events = stream.toStream()) {
                return events.count();
            }
        }),
        RAW_SUBSCRIBER(stream -> {
            CompletableFuture<Object> end = new CompletableFuture<>();
            stream.subscribe(new Flow.Subscriber<ChatEvent>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ChatEvent event) {
                }

                @Override
                public void onError(Throwable failure) {
                    end.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    end.complete("completed");
                }
            });
            return end.join();
        });

        final Function<ChatStream, Object> consume;

        Consumer(Function<ChatStream, Object> consume) {
            this.consume = consume;
        }

        /** The exception the consumer saw, without the future's wrapper. */
        Throwable failure(ChatStream stream) {
            try {
                Object result = consume.apply(stream);
                throw new AssertionError("the stream ended normally: " + result);
            } catch (CompletionException e) {
                return e.getCause();
            } catch (RuntimeException e) {
                return e;
            }
        }
    }

    // ------------------------------------------------------------------ a corrupted frame after the first event

    @ParameterizedTest(name = "with a resilience policy: {0}")
    @ValueSource(booleans = {false, true})
    void aCorruptedFrameIsARetryableServiceUnavailableExceptionEverywhere(boolean withPolicy) {
        ChatModel model = bedrock(withPolicy).chat(MODEL);
        for (Consumer consumer : Consumer.values()) {
            server.reset();
            server.model(MODEL).reply(ANSWER).fault(Fault.malformedFrameAfter(3));
            ChatStream stream = model.prompt().user("count").stream();

            Throwable failure = consumer.failure(stream);

            assertThat(failure).as(consumer.name()).isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("the response stream arrived corrupted")
                    .hasMessageContaining("checksum")
                    .hasMessageContaining("retry the call")
                    .hasMessageContaining(MODEL);
            assertThat(((BedrockException) failure).isRetryable()).as(consumer.name()).isTrue();
            assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM))
                    .as(consumer + ": events were delivered, so nobody replays the stream").isEqualTo(1);
            assertThat(stream.snapshot().stopReason().value()).isEqualTo("incomplete");
        }
    }

    @ParameterizedTest(name = "with a resilience policy: {0}")
    @ValueSource(booleans = {false, true})
    void aCorruptedNativeStreamIsARetryableServiceUnavailableException(boolean withPolicy) {
        Bedrock bedrock = bedrock(withPolicy);
        server.model(NATIVE_MODEL).reply(ANSWER).fault(Fault.malformedFrameAfter(2));

        ChatStream stream = bedrock.nativeModel(NATIVE_MODEL).stream(ChatRequest.of("count"));

        assertThat(Consumer.COLLECT.failure(stream)).isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
            assertThat(e).hasMessageContaining("the response stream arrived corrupted");
            assertThat(e.isRetryable()).isTrue();
        });
        assertThat(server.requestCount(BedrockOperation.INVOKE_MODEL_WITH_RESPONSE_STREAM)).isEqualTo(1);
    }

    @Test
    void aCorruptedFirstFrameIsRetriedByThePolicyBecauseNothingWasDelivered() {
        ChatModel model = bedrock(true).chat(MODEL);
        server.model(MODEL).reply(ANSWER).faultNext(1, Fault.malformedFrameAfter(0));

        ChatResponse response = model.prompt().user("count").stream().collect().join();

        assertThat(response.text()).isEqualTo(ANSWER);
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(2);
    }

    @Test
    void aCorruptedFirstFrameWithoutAPolicyFailsOnceAsServiceUnavailable() {
        ChatModel model = bedrock(false).chat(MODEL);
        server.model(MODEL).reply(ANSWER).fault(Fault.malformedFrameAfter(0));

        Throwable failure = Consumer.COLLECT.failure(model.prompt().user("count").stream());

        assertThat(failure).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("corrupted");
        assertThat(((BedrockException) failure).isRetryable()).isTrue();
    }

    // ------------------------------------------------------------------ closing Bedrock while a stream runs

    @ParameterizedTest(name = "with a resilience policy: {0}")
    @ValueSource(booleans = {false, true})
    void closingBedrockMidStreamFailsTheStreamWithClientClosedException(boolean withPolicy) throws Exception {
        server.model(MODEL).reply(LONG_ANSWER).fault(PACED);
        try (Bedrock bedrock = newBedrock(withPolicy)) {
            ChatStream stream = bedrock.chat(MODEL).prompt().user("go slowly").stream();
            CountDownLatch someText = new CountDownLatch(3);
            CompletableFuture<ChatResponse> answer = stream.forEachText(text -> someText.countDown());
            assertThat(someText.await(10, TimeUnit.SECONDS)).isTrue();

            bedrock.close();

            assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(ClientClosedException.class, e -> {
                        assertThat(e).hasMessage("the Bedrock instance was closed while this call was running or before"
                                + " it started; close Bedrock only after its streams have completed or been cancelled,"
                                + " or create a new instance [model " + MODEL + "]");
                        assertThat(e.isRetryable()).isFalse();
                    });
            assertThat(stream.snapshot().text()).startsWith("slowly").isNotEqualTo(LONG_ANSWER);
            assertThat(stream.snapshot().stopReason().value()).isEqualTo("incomplete");
            awaitAbandoned(1);
            assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).as("not retried").isEqualTo(1);

            ChatModel model = bedrock.chat(MODEL);
            assertThatThrownBy(() -> model.prompt().user("hi").call()).isInstanceOf(ClientClosedException.class);
            assertThat(Consumer.COLLECT.failure(model.prompt().user("hi").stream())).isInstanceOf(ClientClosedException.class);
            assertThat(Consumer.COLLECT.failure(bedrock.nativeModel(NATIVE_MODEL).stream(ChatRequest.of("hi"))))
                    .isInstanceOf(ClientClosedException.class);
            assertThat(server.requestCount()).as("nothing sent after close").isEqualTo(1);
        }
    }

    @Test
    void closingBedrockFailsEveryRunningStreamHoweverItIsConsumed() throws Exception {
        // The server streams an answer in at most 16 deltas: at 50 ms each a stream can finish within a second,
        // before a loaded machine has started the other three. At 400 ms each, every stream runs for seconds.
        server.model(MODEL).reply(LONG_ANSWER).fault(Fault.paced(Duration.ofMillis(400)));
        try (Bedrock bedrock = newBedrock(false)) {
            ChatModel model = bedrock.chat(MODEL);
            List<ChatStream> streams = new java.util.ArrayList<>();
            List<CompletableFuture<Throwable>> failures = new java.util.ArrayList<>();
            // A thread per consumer: three of them block, and the common pool has a single thread on two cores.
            ExecutorService consumers = Executors.newFixedThreadPool(Consumer.values().length);
            try {
                for (Consumer consumer : Consumer.values()) {
                    ChatStream stream = model.prompt().user("go slowly").stream();
                    streams.add(stream);
                    failures.add(CompletableFuture.supplyAsync(() -> consumer.failure(stream), consumers));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (streams.stream().anyMatch(s -> s.snapshot().text().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(streams).as("every stream is under way before the close")
                        .allSatisfy(s -> assertThat(s.snapshot().text()).startsWith("slowly"));

                bedrock.close();

                for (int i = 0; i < failures.size(); i++) {
                    assertThat(failures.get(i).get(30, TimeUnit.SECONDS)).as(Consumer.values()[i].name())
                            .isInstanceOf(ClientClosedException.class);
                }
                awaitAbandoned(Consumer.values().length);
            } finally {
                consumers.shutdownNow();
            }
        }
    }

    // ------------------------------------------------------------------ ChatStream.cancel()

    @Test
    void cancelStopsTheStreamOnTheWireAndCancelsTheHelpersFuture() throws Exception {
        ChatModel model = bedrock(false).chat(MODEL);
        server.model(MODEL).reply(LONG_ANSWER).fault(PACED);
        ChatStream stream = model.prompt().user("go slowly").stream();
        CountDownLatch someText = new CountDownLatch(3);
        CompletableFuture<ChatResponse> answer = stream.forEachText(text -> someText.countDown());
        assertThat(someText.await(10, TimeUnit.SECONDS)).isTrue();

        stream.cancel();

        assertThat(answer).isCancelled();
        assertThatThrownBy(answer::join).isInstanceOf(CancellationException.class);
        awaitAbandoned(1);
        assertThat(stream.snapshot().stopReason().value()).isEqualTo("incomplete");
        stream.cancel(); // twice: nothing happens
    }

    @Test
    void cancelEndsABlockingStreamWithCancellationException() throws Exception {
        ChatModel model = bedrock(false).chat(MODEL);
        server.model(MODEL).reply(LONG_ANSWER).fault(PACED);
        ChatStream stream = model.prompt().user("go slowly").stream();
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> Consumer.TO_STREAM.failure(stream));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stream.snapshot().text().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        stream.cancel();

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .hasMessageContaining("cancelled");
        awaitAbandoned(1);
    }

    @Test
    void aStreamCancelledBeforeItIsSubscribedSendsNothing() {
        ChatModel model = bedrock(false).chat(MODEL);
        ChatStream stream = model.prompt().user("never mind").stream();

        stream.cancel();

        CompletableFuture<ChatResponse> answer = stream.collect();
        assertThat(answer).isCancelled();
        assertThatThrownBy(answer::join).isInstanceOf(CancellationException.class)
                .hasMessageContaining("cancelled before it was subscribed");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void cancelReachesThroughAResiliencePolicy() throws Exception {
        ChatModel model = bedrock(true).chat(MODEL);
        server.model(MODEL).reply(LONG_ANSWER).fault(PACED);
        ChatStream stream = model.prompt().user("go slowly").stream();
        List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> answer = stream.forEachText(texts::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (texts.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        stream.cancel();

        assertThat(answer).isCancelled();
        awaitAbandoned(1);
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(1);
    }

    private static void awaitAbandoned(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.abandonedStreams() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.abandonedStreams()).as("the server saw the client go away").isEqualTo(expected);
    }
}
