package dev.bedrock4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ToolRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record CityQuery(String city) {
    }

    record Sum(int a, int b) {
    }

    private final FakeChatModel model = FakeChatModel.create();

    /** A model turn that asks for tools; each call is {id, name, json input}. */
    static ChatResponse toolUse(String[]... calls) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (String[] call : calls) {
            try {
                blocks.add(ContentBlock.toolUse(call[0], call[1], JSON.readTree(call[2])));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ChatResponse.builder().message(new Message(Role.ASSISTANT, blocks))
                .stopReason(StopReason.TOOL_USE).usage(Usage.of(10, 5)).build();
    }

    static String[] call(String id, String name, String json) {
        return new String[] {id, name, json};
    }

    static List<ContentBlock.ToolResult> toolResults(ChatRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        assertThat(last.role()).isEqualTo(Role.USER);
        return last.content().stream().map(ContentBlock.ToolResult.class::cast).toList();
    }

    static String text(ContentBlock.ToolResult result) {
        return ToolTest.text(result);
    }

    @Test
    void multiStepLoopRunsToolsInParallelAndReturnsResultsInTheModelsOrder() {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        CountDownLatch secondFinished = new CountDownLatch(1);
        Tool<CityQuery> weather = Tool.of("weather", "Weather for a city.", CityQuery.class, q -> {
            awaitBarrier(bothRunning);       // only passes if the other call runs at the same time
            await(secondFinished);           // and finishes after the second call
            return "rain in " + q.city();
        });
        Tool<CityQuery> time = Tool.of("time", "Local time in a city.", CityQuery.class, q -> {
            awaitBarrier(bothRunning);
            secondFinished.countDown();
            return "09:00 in " + q.city();
        });
        Tool<Sum> add = Tool.of("add", "Adds two numbers.", Sum.class, s -> s.a() + s.b());
        model.enqueue(toolUse(call("w1", "weather", "{\"city\":\"Paris\"}"), call("t1", "time", "{\"city\":\"Paris\"}")));
        model.enqueue(toolUse(call("a1", "add", "{\"a\":17,\"b\":25}")));
        model.enqueue(ChatResponse.builder().text("Rain at 09:00; 42.").usage(Usage.of(30, 8)).build());

        ToolRun run = ToolRunner.of(model, weather, time, add).run(r -> r.user("Weather and time in Paris, and 17+25?"));

        assertThat(run.text()).isEqualTo("Rain at 09:00; 42.");
        assertThat(model.requestCount()).isEqualTo(3);
        assertThat(model.requests().get(0).tools()).extracting(d -> d.name()).containsExactly("weather", "time", "add");
        List<ContentBlock.ToolResult> first = toolResults(model.requests().get(1));
        assertThat(first).extracting(ContentBlock.ToolResult::toolUseId).containsExactly("w1", "t1");
        assertThat(first).extracting(ToolRunnerTest::text).containsExactly("rain in Paris", "09:00 in Paris");
        assertThat(first).noneMatch(ContentBlock.ToolResult::error);
        assertThat(text(toolResults(model.requests().get(2)).get(0))).isEqualTo("42");
        assertThat(run.messages()).hasSize(6);
        assertThat(run.usage()).isEqualTo(new Usage(50, 18, 0, 0));
        assertThat(run.trace().modelTurns()).extracting(Step.ModelTurn::toolCalls)
                .containsExactly(List.of("weather", "time"), List.of("add"), List.of());
        assertThat(run.trace().toolCalls()).extracting(Step.ToolCall::tool).containsExactly("weather", "time", "add");
    }

    @Test
    void aThrowingToolBecomesAnErrorResultAndTheLoopGoesOn() {
        Tool<CityQuery> broken = Tool.of("weather", "Weather for a city.", CityQuery.class, q -> {
            throw new IllegalStateException("weather service down");
        });
        model.enqueue(toolUse(call("w1", "weather", "{\"city\":\"Paris\"}")));
        model.enqueueText("I could not get the weather.");

        ToolRun run = ToolRunner.of(model, broken).run(ChatRequest.of("Weather in Paris?"));

        ContentBlock.ToolResult result = toolResults(model.lastRequest()).get(0);
        assertThat(result.error()).isTrue();
        assertThat(text(result)).contains("IllegalStateException").doesNotContain("weather service down");
        assertThat(run.text()).isEqualTo("I could not get the weather.");
        assertThat(run.trace().toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.error()).isTrue();
            assertThat(c.failure()).isEqualTo("IllegalStateException: weather service down");
        });
    }

    @Test
    void anInvalidInputIsAnsweredWithTheValidationErrorWithoutRunningTheTool() {
        AtomicInteger runs = new AtomicInteger();
        Tool<Sum> add = Tool.of("add", "Adds two numbers.", Sum.class, s -> runs.incrementAndGet());
        model.enqueue(toolUse(call("a1", "add", "{\"a\":\"seventeen\"}"), call("x1", "subtract", "{}")));
        model.enqueueText("Sorry.");

        ToolRunner.of(model, add).run(ChatRequest.of("17+25?"));

        List<ContentBlock.ToolResult> results = toolResults(model.lastRequest());
        assertThat(results).allMatch(ContentBlock.ToolResult::error);
        assertThat(text(results.get(0))).contains("invalid input for tool 'add'").contains("/a").contains("'b'");
        assertThat(text(results.get(1))).contains("no tool named 'subtract'").contains("[add]");
        assertThat(runs).hasValue(0);
    }

    @Test
    void theStepLimitStopsTheLoopWithThePartialTranscript() {
        AtomicInteger runs = new AtomicInteger();
        Tool<Sum> add = Tool.of("add", "Adds two numbers.", Sum.class, s -> runs.incrementAndGet());
        AtomicInteger turn = new AtomicInteger();
        model.respondWith(request -> toolUse(call("a" + turn.incrementAndGet(), "add", "{\"a\":1,\"b\":2}")));
        ToolRunner runner = ToolRunner.builder(model).tools(add).maxSteps(3).build();

        assertThatThrownBy(() -> runner.run(ChatRequest.of("Keep adding")))
                .isInstanceOfSatisfying(StepLimitExceededException.class, e -> {
                    assertThat(e.getMessage()).contains("3 model turns").contains("maxSteps");
                    assertThat(e.messages()).hasSize(6);
                    assertThat(e.messages().get(5).toolUses()).extracting(ContentBlock.ToolUse::id).containsExactly("a3");
                    assertThat(e.trace().modelTurns()).hasSize(3);
                    assertThat(e.trace().toolCalls()).hasSize(2);
                });
        assertThat(runs).hasValue(2);
        assertThat(model.requestCount()).isEqualTo(3);
    }

    @Test
    void aToolThatOverrunsItsTimeoutIsCancelledAndReportedToTheModel() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Tool<CityQuery> slow = Tool.of("slow", "Never finishes.", CityQuery.class, q -> {
            try {
                never.await();
                return "finished";
            } catch (InterruptedException e) {
                interrupted.countDown();
                return "interrupted";
            }
        }).withTimeout(Duration.ofMillis(50));
        Tool<CityQuery> fast = Tool.of("fast", "Answers at once.", CityQuery.class, q -> "fine in " + q.city());
        model.enqueue(toolUse(call("s1", "slow", "{\"city\":\"Paris\"}"), call("f1", "fast", "{\"city\":\"Rome\"}")));
        model.enqueueText("Partly answered.");

        ToolRunner.builder(model).tools(slow, fast).toolTimeout(Duration.ofSeconds(30)).build()
                .run(ChatRequest.of("Both?"));

        List<ContentBlock.ToolResult> results = toolResults(model.lastRequest());
        assertThat(results.get(0).error()).isTrue();
        assertThat(text(results.get(0))).isEqualTo("tool 'slow' did not finish within 50 ms and was cancelled");
        assertThat(text(results.get(1))).isEqualTo("fine in Rome");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the slow tool's thread was interrupted").isTrue();
    }

    @Test
    void aForcedToolChoiceAppliesToTheFirstTurnOnly() {
        Tool<Sum> add = Tool.of("add", "Adds two numbers.", Sum.class, s -> s.a() + s.b());
        model.enqueue(toolUse(call("a1", "add", "{\"a\":1,\"b\":2}")));
        model.enqueueText("3");
        ToolRunner runner = ToolRunner.builder(model).tools(add).toolChoice(ToolChoice.any()).build();

        runner.run(ChatRequest.of("1+2?"));

        assertThat(model.requests().get(0).toolChoice()).contains(ToolChoice.any());
        assertThat(model.requests().get(1).toolChoice()).isEmpty();
    }

    @Test
    void aRequestsToolChoiceOverridesTheRunners() {
        Tool<Sum> add = Tool.of("add", "Adds two numbers.", Sum.class, s -> s.a() + s.b());
        Tool<Sum> multiply = Tool.of("multiply", "Multiplies two numbers.", Sum.class, s -> s.a() * s.b());
        model.enqueueText("6", "nothing to do");
        ToolRunner runner = ToolRunner.builder(model).tools(add, multiply).toolChoice(ToolChoice.any()).build();

        runner.run(r -> r.user("2*3?").toolChoice(ToolChoice.tool("multiply")));
        runner.run(r -> r.user("nothing").toolChoice(ToolChoice.auto()));

        assertThat(model.requests().get(0).toolChoice()).contains(ToolChoice.tool("multiply"));
        assertThat(model.requests().get(1).toolChoice()).contains(ToolChoice.auto());
    }

    @Test
    void aRunnerIsAChatModelWhoseCallSumsTheUsageOfAllTurns() {
        Tool<Sum> add = Tool.of("add", "Adds two numbers.", Sum.class, s -> s.a() + s.b());
        model.enqueue(toolUse(call("a1", "add", "{\"a\":1,\"b\":2}")));
        model.enqueue(ChatResponse.builder().text("3").usage(Usage.of(20, 1)).build());
        ToolRunner runner = ToolRunner.of(model, add);

        ChatResponse answer = runner.prompt().system("Be brief.").user("1+2?").call();

        assertThat(answer.text()).isEqualTo("3");
        assertThat(answer.usage()).isEqualTo(Usage.of(30, 6));
        assertThat(runner.modelId()).isEqualTo(model.modelId());
        assertThat(model.lastRequest().system()).containsExactly(ContentBlock.text("Be brief."));
    }

    @Test
    void theTraceFormatsEveryStepAndItsToStringLeaksNoData() {
        Tool<CityQuery> weather = Tool.of("weather", "Weather for a city.", CityQuery.class, q -> "rain in " + q.city());
        model.enqueue(toolUse(call("w1", "weather", "{\"city\":\"Paris\"}")));
        model.enqueueText("Take an umbrella.");

        Trace trace = ToolRunner.of(model, weather).run(ChatRequest.of("Umbrella?")).trace();

        assertThat(trace.format()).contains("1. model  tool_use  -> weather  (in 10, out 5 tokens")
                .contains("1.1 tool weather {\"city\":\"Paris\"} -> rain in Paris")
                .contains("2. model  end_turn  \"Take an umbrella.\"")
                .endsWith("total: 2 model turns, 1 tool calls, 10 input / 5 output tokens");
        assertThat(trace.toString()).isEqualTo("Trace[2 model turns, 1 tool calls, tokens in=10 out=5]")
                .doesNotContain("Paris");
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other tool call did not run at the same time", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
