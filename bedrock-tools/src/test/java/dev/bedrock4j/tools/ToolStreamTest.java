package dev.bedrock4j.tools;

import static dev.bedrock4j.tools.ToolRunnerTest.call;
import static dev.bedrock4j.tools.ToolRunnerTest.toolResults;
import static dev.bedrock4j.tools.ToolRunnerTest.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.StreamCallbacks;
import dev.bedrock4j.testkit.FakeChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ToolStreamTest {
    record CityQuery(String city) {
    }

    private final FakeChatModel model = FakeChatModel.create();
    private final Tool<CityQuery> weather = Tool.of("weather", "Weather for a city.", CityQuery.class,
            q -> "rain in " + q.city());

    /** A first turn that says something, then asks for the weather in Paris. */
    private static ChatResponse checkingTheWeather() {
        ChatResponse ask = toolUse(call("w1", "weather", "{\"city\":\"Paris\"}"));
        List<ContentBlock> blocks = new ArrayList<>();
        blocks.add(ContentBlock.text("Let me check."));
        blocks.addAll(ask.message().content());
        return ask.toBuilder().message(Message.assistant(blocks.toArray(ContentBlock[]::new))).build();
    }

    @Test
    void everyTurnIsStreamedAndTheToolsRunBetweenTurns() {
        model.enqueue(checkingTheWeather());
        model.enqueue(ChatResponse.builder().text("Take an umbrella.").usage(Usage.of(30, 4)).build());
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();

        ToolStream stream = ToolRunner.of(model, weather).stream(r -> r.user("Umbrella in Paris?"));
        ChatResponse answer = stream.subscribe(StreamCallbacks.onText(text::append).onEvent(events::add)).join();

        assertThat(text).hasToString("Let me check.Take an umbrella.");
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.MessageStart).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolUseStart)
                .containsExactly(new ChatEvent.ToolUseStart(1, "w1", "weather"));
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.MessageStop).extracting(e -> ((ChatEvent.MessageStop) e).stopReason())
                .containsExactly(StopReason.TOOL_USE, StopReason.END_TURN);
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.Metadata).extracting(e -> ((ChatEvent.Metadata) e).usage())
                .as("each turn's metadata carries the usage of the run so far")
                .containsExactly(Usage.of(10, 5), Usage.of(40, 9));
        assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Metadata.class);

        assertThat(answer.text()).isEqualTo("Take an umbrella.");
        assertThat(answer.toolUses()).isEmpty();
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.usage()).isEqualTo(Usage.of(40, 9));
        assertThat(stream.snapshot()).isEqualTo(answer);

        ChatRequest second = model.requests().get(1);
        assertThat(second.messages()).hasSize(3);
        assertThat(second.messages().get(1).toolUses()).singleElement()
                .satisfies(use -> assertThat(use.input().get("city").asText()).isEqualTo("Paris"));
        assertThat(toolResults(second)).singleElement().satisfies(result -> {
            assertThat(result.toolUseId()).isEqualTo("w1");
            assertThat(ToolTest.text(result)).isEqualTo("rain in Paris");
        });
        assertThat(stream.messages()).hasSize(4);
        assertThat(stream.trace().format()).contains("1. model  tool_use  -> weather  \"Let me check.\"")
                .contains("1.1 tool weather {\"city\":\"Paris\"} -> rain in Paris")
                .contains("2. model  end_turn  \"Take an umbrella.\"");
    }

    @Test
    void theStreamedAnswerIsWhatCallReturns() {
        for (int run = 0; run < 2; run++) {
            model.enqueue(checkingTheWeather());
            model.enqueue(ChatResponse.builder().text("Take an umbrella.").usage(Usage.of(30, 4)).build());
        }
        ToolRunner runner = ToolRunner.of(model, weather);

        ChatResponse called = runner.call(ChatRequest.of("Umbrella in Paris?"));
        ChatResponse streamed = runner.stream(ChatRequest.of("Umbrella in Paris?")).collect().join();

        assertThat(streamed.message()).isEqualTo(called.message());
        assertThat(streamed.usage()).isEqualTo(called.usage());
        assertThat(streamed.stopReason()).isEqualTo(called.stopReason());
        assertThat(model.requests().get(3)).isEqualTo(model.requests().get(1));
    }

    @Test
    void demandIsHonouredAcrossTurnsAndTheNextTurnWaitsForIt() {
        model.enqueue(checkingTheWeather()).enqueueText("Take an umbrella.");
        ToolStream stream = ToolRunner.of(model, weather).stream(ChatRequest.of("Umbrella in Paris?"));
        int firstTurnEvents = 11; // start, 3 text pieces, stop, tool start, 2 input fragments, stop, message stop, metadata
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);

        recorder.request(firstTurnEvents);
        awaitTrue(() -> stream.trace().toolCalls().size() == 1);

        assertThat(recorder.events).hasSize(firstTurnEvents);
        assertThat(model.requestCount()).as("no demand is left, so the next turn has not been asked for").isEqualTo(1);

        recorder.request(1);
        awaitTrue(() -> recorder.events.size() == firstTurnEvents + 1);
        assertThat(model.requestCount()).isEqualTo(2);
        assertThat(recorder.events.get(firstTurnEvents)).isInstanceOf(ChatEvent.MessageStart.class);

        recorder.requestOneByOne();
        awaitTrue(() -> recorder.completed.getCount() == 0);
        assertThat(recorder.overflow).as("no event arrived without demand").isFalse();
        assertThat(recorder.events.get(recorder.events.size() - 1)).isInstanceOf(ChatEvent.Metadata.class);
        assertThat(stream.snapshot().text()).isEqualTo("Take an umbrella.");
    }

    @Test
    void cancellingWhileToolsRunInterruptsThemAndStartsNoFurtherTurn() throws Exception {
        CountDownLatch toolStarted = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Tool<CityQuery> slow = Tool.of("weather", "Weather for a city.", CityQuery.class, q -> {
            toolStarted.countDown();
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                return "interrupted";
            }
        });
        model.enqueue(checkingTheWeather()).enqueueText("Take an umbrella.");
        ToolStream stream = ToolRunner.of(model, slow).stream(ChatRequest.of("Umbrella in Paris?"));
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        recorder.request(Long.MAX_VALUE);

        assertThat(toolStarted.await(10, TimeUnit.SECONDS)).isTrue();
        recorder.subscription.cancel();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the tool's thread was interrupted").isTrue();
        assertThat(model.requestCount()).isEqualTo(1);
        assertThat(recorder.terminated()).as("no signal follows a cancel").isFalse();
    }

    @Test
    void cancellingDuringATurnStopsItsStreamAndRunsNoTools() {
        AtomicInteger runs = new AtomicInteger();
        Tool<CityQuery> counted = Tool.of("weather", "Weather for a city.", CityQuery.class, q -> runs.incrementAndGet());
        model.enqueue(checkingTheWeather()).enqueueText("Take an umbrella.");
        Recorder recorder = new Recorder() {
            @Override
            public void onNext(ChatEvent event) {
                super.onNext(event);
                if (event instanceof ChatEvent.TextDelta) {
                    subscription.cancel();
                }
            }
        };

        ToolRunner.of(model, counted).stream(ChatRequest.of("Umbrella in Paris?")).subscribe(recorder);
        recorder.request(Long.MAX_VALUE);

        assertThat(recorder.events).hasSize(2);
        assertThat(recorder.terminated()).isFalse();
        assertThat(runs).hasValue(0);
        assertThat(model.requestCount()).isEqualTo(1);
    }

    @Test
    void aFailedTurnEndsTheStreamWithItsErrorAndKeepsTheTrace() {
        model.enqueue(checkingTheWeather());
        model.enqueueError(new ThrottledException("slow down"));
        ToolStream stream = ToolRunner.of(model, weather).stream(ChatRequest.of("Umbrella in Paris?"));

        assertThatThrownBy(() -> stream.collect().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ThrottledException.class);
        assertThat(stream.trace().modelTurns()).hasSize(1);
        assertThat(stream.trace().toolCalls()).singleElement()
                .satisfies(c -> assertThat(c.result()).isEqualTo("rain in Paris"));
    }

    @Test
    void theStepLimitEndsTheStreamWithThePartialRun() {
        AtomicInteger turn = new AtomicInteger();
        model.respondWith(request -> toolUse(call("w" + turn.incrementAndGet(), "weather", "{\"city\":\"Paris\"}")));
        ToolStream stream = ToolRunner.builder(model).tools(weather).maxSteps(2).build()
                .stream(ChatRequest.of("Keep checking"));

        assertThatThrownBy(() -> stream.collect().join()).cause()
                .isInstanceOfSatisfying(StepLimitExceededException.class, e -> {
                    assertThat(e.trace().modelTurns()).hasSize(2);
                    assertThat(e.trace().toolCalls()).hasSize(1);
                    assertThat(e.messages()).hasSize(4);
                });
        assertThat(model.requestCount()).isEqualTo(2);
    }

    @Test
    void aStreamTakesOneSubscriberAndStartsNothingUntilSubscribed() {
        model.enqueueText("Hello");
        ToolStream stream = ToolRunner.of(model, weather).stream(ChatRequest.of("Hi"));

        assertThat(model.requestCount()).isZero();
        assertThat(stream.collect().join().text()).isEqualTo("Hello");
        assertThatThrownBy(() -> stream.collect().join()).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("single-use");
        assertThat(stream.trace().modelTurns()).hasSize(1);
    }

    @Test
    void aBadRequestForEventsFailsTheStream() {
        model.enqueueText("Hello");
        Recorder recorder = new Recorder();
        ToolRunner.of(model, weather).stream(ChatRequest.of("Hi")).subscribe(recorder);

        recorder.request(0);

        assertThat(recorder.failure).isInstanceOf(IllegalArgumentException.class);
        assertThat(model.requestCount()).isZero();
    }

    /** Waits until a condition holds; fails after 10 seconds. */
    static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            // a pause, not a spin: on two cores a spinning test thread starves the threads it waits for
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Records events and checks that none arrives beyond the demand it signalled. */
    static class Recorder implements Flow.Subscriber<ChatEvent> {
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch completed = new CountDownLatch(1);
        final AtomicBoolean oneByOne = new AtomicBoolean();
        volatile Flow.Subscription subscription;
        volatile Throwable failure;
        volatile boolean overflow;
        private long demand;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        void request(long n) {
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            subscription.request(n);
        }

        void requestOneByOne() {
            oneByOne.set(true);
            request(1);
        }

        @Override
        public void onNext(ChatEvent event) {
            synchronized (this) {
                if (demand == 0) {
                    overflow = true;
                } else if (demand != Long.MAX_VALUE) {
                    demand--;
                }
            }
            events.add(event);
            if (oneByOne.get()) {
                request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            completed.countDown();
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }

        boolean terminated() {
            return completed.getCount() == 0;
        }
    }
}
