package dev.bedrock4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.StreamCallbacks;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.ModelReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Streamed tool use through the real async SDK client and the local Bedrock server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolStreamServerTest {
    private static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    record CityQuery(String city) {
    }

    private final LocalBedrockServer server = LocalBedrockServer.start();
    private final Bedrock bedrock = LocalBedrock.bedrock(server);
    private final Tool<CityQuery> weather = Tool.of("weather", "Weather for a city.", CityQuery.class,
            q -> "rain in " + q.city());

    @BeforeEach
    void reset() {
        server.reset();
    }

    @AfterAll
    void close() {
        bedrock.close();
        server.close();
    }

    @Test
    void eachTurnIsAConverseStreamCallAndTheToolResultGoesBackOnTheWire() {
        server.model(MODEL).enqueue(ModelReply.toolUse("weather", "{\"city\":\"Paris\"}"), ModelReply.text("Take an umbrella."));
        List<ChatEvent> events = new CopyOnWriteArrayList<>();

        ToolStream stream = ToolRunner.of(bedrock.chat(MODEL), weather).stream(r -> r.user("Umbrella in Paris?"));
        ChatResponse answer = stream.subscribe(StreamCallbacks.none().onEvent(events::add)).join();

        assertThat(answer.text()).isEqualTo("Take an umbrella.");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolUseInputDelta).isNotEmpty();
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.MessageStart).hasSize(2);
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(2);

        ChatRequest first = server.requests().get(0).chatRequest().orElseThrow();
        assertThat(first.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("weather");
            assertThat(tool.inputSchema().at("/properties/city/type").asText()).isEqualTo("string");
        });
        ChatRequest second = server.requests().get(1).chatRequest().orElseThrow();
        Message results = second.messages().get(2);
        assertThat(results.role()).isEqualTo(Role.USER);
        assertThat(results.content()).singleElement().isInstanceOfSatisfying(ContentBlock.ToolResult.class, result -> {
            assertThat(result.toolUseId()).isEqualTo("tooluse_weather");
            assertThat(ToolTest.text(result)).isEqualTo("rain in Paris");
        });
        assertThat(stream.trace().toolCalls()).singleElement()
                .satisfies(call -> assertThat(call.input().get("city").asText()).isEqualTo("Paris"));
        assertThat(answer.usage()).isEqualTo(stream.trace().usage());
        assertThat(answer.usage().outputTokens()).isPositive();
    }

    @Test
    void aModelThatAsksForToolsInParallelThenAnswersFromTheirResults() {
        server.model(MODEL).respondWith(request -> {
            Message last = request.messages().get(request.messages().size() - 1);
            List<ContentBlock.ToolResult> results = last.content().stream()
                    .filter(ContentBlock.ToolResult.class::isInstance).map(ContentBlock.ToolResult.class::cast).toList();
            if (results.isEmpty()) {
                return ChatResponse.builder().message(Message.assistant(
                                ContentBlock.text("Checking both cities."),
                                ContentBlock.toolUse("t1", "weather", JsonSupport.parse("{\"city\":\"Paris\"}")),
                                ContentBlock.toolUse("t2", "weather", JsonSupport.parse("{\"city\":\"Rome\"}"))))
                        .stopReason(StopReason.TOOL_USE).usage(Usage.of(50, 20)).build();
            }
            return ChatResponse.builder().text("Paris: " + ToolTest.text(results.get(0)) + "; Rome: "
                    + ToolTest.text(results.get(1)) + ".").usage(Usage.of(90, 12)).build();
        });
        StringBuilder text = new StringBuilder();

        ToolStream stream = ToolRunner.of(bedrock.chat(MODEL), weather).stream(ChatRequest.of("Paris and Rome?"));
        ChatResponse answer = stream.forEachText(text::append).join();

        assertThat(answer.text()).isEqualTo("Paris: rain in Paris; Rome: rain in Rome.");
        assertThat(text).hasToString("Checking both cities.Paris: rain in Paris; Rome: rain in Rome.");
        assertThat(answer.usage()).isEqualTo(Usage.of(140, 32));
        assertThat(stream.trace().modelTurns()).extracting(Step.ModelTurn::toolCalls)
                .containsExactly(List.of("weather", "weather"), List.of());
    }

    @Test
    void aModelThatCannotStreamToolUseIsRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> ToolRunner.of(bedrock.chat("meta.llama3-1-8b-instruct-v1:0"), weather)
                .stream(ChatRequest.of("Umbrella in Paris?")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("tools"));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void cancellingDuringALaterTurnAbandonsItsStreamOnTheWire() {
        server.model(MODEL).enqueue(ModelReply.toolUse("weather", "{\"city\":\"Paris\"}"),
                        // long enough to outlast the test, so the stream is still running when it is cancelled
                        ModelReply.text("It will rain in Paris all day, so take an umbrella and a coat with you. "
                                + String.join(" ", java.util.Collections.nCopies(2000, "Rain."))))
                .fault(Fault.paced(Duration.ofMillis(20)));
        ToolStreamTest.Recorder recorder = new ToolStreamTest.Recorder() {
            @Override
            public void onNext(ChatEvent event) {
                super.onNext(event);
                if (event instanceof ChatEvent.TextDelta) {
                    subscription.cancel();
                }
            }
        };

        ToolRunner.of(bedrock.chat(MODEL), weather).stream(ChatRequest.of("Umbrella in Paris?")).subscribe(recorder);
        recorder.request(Long.MAX_VALUE);

        ToolStreamTest.awaitTrue(() -> server.abandonedStreams() == 1);
        assertThat(recorder.events).filteredOn(e -> e instanceof ChatEvent.TextDelta).hasSize(1);
        assertThat(recorder.terminated()).isFalse();
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(2);
    }
}
