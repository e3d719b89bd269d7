package dev.bedrock4j.tests.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.WireEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Streaming through the real async SDK client (HTTP/2, event-stream framing) against the local server. */
class ServerStreamingTest {
    static final String MODEL = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    static LocalBedrockServer server;
    static Bedrock bedrock;
    static ChatModel model;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")))
                .build();
        model = bedrock.chat(MODEL);
    }

    @AfterAll
    static void stop() {
        bedrock.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void aTextStream() {
        server.model(MODEL).reply(ChatResponse.builder().text("Streams arrive as many small pieces of text.")
                .usage(Usage.of(9, 8)).build());
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        ChatResponse response = model.prompt().user("Tell me about streams").stream()
                .subscribe(dev.bedrock4j.core.stream.StreamCallbacks.onText(text::append).onEvent(events::add)).join();

        assertThat(text).hasToString("Streams arrive as many small pieces of text.");
        assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance).hasSizeGreaterThan(3);
        assertThat(events.get(0)).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Metadata.class);
        assertThat(response.usage()).isEqualTo(Usage.of(9, 8));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.CONVERSE_STREAM);
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
    }

    @Test
    void aReasoningStreamKeepsTheSignature() {
        server.model(MODEL).reply(ChatResponse.builder().message(Message.assistant(
                new ContentBlock.Reasoning("First, the sky scatters blue light.", "sig-42"),
                ContentBlock.text("Rayleigh scattering."))).build());
        ChatResponse response = model.prompt().user("Why is the sky blue?").stream().collect().join();
        assertThat(response.reasoning()).isEqualTo("First, the sky scatters blue light.");
        assertThat(response.message().content().get(0)).isEqualTo(new ContentBlock.Reasoning(
                "First, the sky scatters blue light.", "sig-42"));
        assertThat(response.text()).isEqualTo("Rayleigh scattering.");
    }

    @Test
    void aToolUseStreamAssemblesTheInputFromFragments() {
        server.model(MODEL).reply(ModelReply.toolUse("get_weather", "{\"city\":\"Paris\",\"days\":3}"));
        ChatStream stream = model.prompt().user("Weather in Paris?")
                .tools(ToolDefinition.of("get_weather", "Weather for a city",
                        JsonSupport.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}}}")))
                .stream();
        List<ChatEvent> events = new ArrayList<>();
        stream.toStream().forEach(events::add);
        assertThat(events).filteredOn(ChatEvent.ToolUseInputDelta.class::isInstance).hasSizeGreaterThan(1);
        ChatResponse response = stream.snapshot();
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolUses()).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("get_weather");
            assertThat(use.input().get("city").asText()).isEqualTo("Paris");
            assertThat(use.input().get("days").asInt()).isEqualTo(3);
        });
    }

    @Test
    void oneEventAtATimeReceivesEverythingInOrder() {
        String answer = String.join(" ", java.util.Collections.nCopies(200, "word"));
        server.model(MODEL).reply(answer);
        List<ChatEvent> received = JdkFlowAdapter.flowPublisherToFlux(model.prompt().user("many words").stream())
                .limitRate(1) // asks for one event at a time
                .collectList().block(Duration.ofSeconds(10));
        StringBuilder text = new StringBuilder();
        received.stream().filter(ChatEvent.TextDelta.class::isInstance).forEach(e -> text.append(((ChatEvent.TextDelta) e).text()));
        assertThat(text).hasToString(answer);
        assertThat(received.get(0)).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(received.get(received.size() - 1)).isInstanceOf(ChatEvent.Metadata.class);
    }

    @Test
    void cancellingMidStreamClosesTheStreamOnTheWire() throws Exception {
        // Paced to outlast the test (over a minute and a half), so the stream is still running when it is cancelled.
        server.model(MODEL).reply(String.join(" ", java.util.Collections.nCopies(2000, "slow")))
                .fault(Fault.paced(Duration.ofMillis(50)));
        List<ChatEvent> received = new CopyOnWriteArrayList<>();
        JdkFlowAdapter.flowPublisherToFlux(model.prompt().user("go slowly").stream())
                .take(5, false) // asks for everything, cancels after five events
                .subscribe(received::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.abandonedStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.abandonedStreams()).as("the server saw the client go away").isEqualTo(1);
        assertThat(received).hasSize(5);
    }

    @Test
    void aStreamCutMidwaySurfacesAsATypedErrorWithThePartialText() {
        server.model(MODEL).reply("one two three four five six seven eight").fault(Fault.cutStreamAfter(4));
        ChatStream stream = model.prompt().user("count").stream();
        assertThatThrownBy(() -> stream.collect().join()).hasCauseInstanceOf(ServiceUnavailableException.class);
        assertThat(stream.snapshot().text()).startsWith("one two three").doesNotContain("four");
        assertThat(stream.snapshot().stopReason().value()).isEqualTo("incomplete");
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).as("not replayed after events").isEqualTo(1);
    }

    @Test
    void anInStreamModelErrorArrivesOnceAsModelErrorException() {
        server.model(MODEL).reply("alpha beta gamma delta").fault(Fault.inStreamException("modelStreamErrorException", 2));
        ChatStream stream = model.prompt().user("x").stream();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> stream.subscribe(dev.bedrock4j.core.stream.StreamCallbacks.none().onError(errors::add)).join())
                .hasCauseInstanceOf(ModelErrorException.class);
        assertThat(errors).hasSize(1);
    }

    @Test
    void throttlingBeforeTheFirstEventIsRetriedBySdkAndInvisible() {
        server.model(MODEL).reply("made it").faultNext(1, Fault.throttling());
        assertThat(model.prompt().user("x").stream().collect().join().text()).isEqualTo("made it");
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(2);
    }

    @Test
    void persistentThrottlingIsATypedError() {
        server.model(MODEL).reply("never").faultNext(10, Fault.throttling());
        assertThatThrownBy(() -> model.prompt().user("x").stream().collect().join()).hasCauseInstanceOf(ThrottledException.class);
    }

    @Test
    void aConversationStreamsATurnAndRecordsIt() {
        server.model(MODEL).reply("Lisbon.");
        var chat = model.conversation();
        chat.stream("Best city for tiles?").forEachText(t -> { }).join();
        assertThat(chat.history()).extracting(Message::text).containsExactly("Best city for tiles?", "Lisbon.");
    }

    @Test
    void nativeStreamsForEachFamily() {
        String[] models = {"anthropic.claude-3-haiku-20240307-v1:0", "amazon.nova-lite-v1:0", "amazon.titan-text-express-v1",
            "meta.llama3-1-8b-instruct-v1:0", "mistral.mistral-large-2407-v1:0", "cohere.command-r-v1:0"};
        for (String id : models) {
            server.model(id).reply("native streamed answer");
            ChatResponse response = bedrock.nativeModel(id).stream(ChatRequest.of("hi")).collect().join();
            assertThat(response.text()).as(id).isEqualTo("native streamed answer");
            assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.INVOKE_MODEL_WITH_RESPONSE_STREAM);
        }
    }

    @Test
    void rawNativeChunks() {
        server.model("meta.llama3-1-8b-instruct-v1:0").reply(ModelReply.events(
                WireEvent.chunk("{\"generation\":\"Hel\",\"stop_reason\":null}"),
                WireEvent.chunk("{\"generation\":\"lo\",\"stop_reason\":\"stop\"}")));
        List<com.fasterxml.jackson.databind.JsonNode> chunks = reactor.adapter.JdkFlowAdapter.flowPublisherToFlux(
                bedrock.nativeModel("meta.llama3-1-8b-instruct-v1:0").streamRaw(JsonSupport.parse("{\"prompt\":\"hi\"}")))
                .collectList().block(Duration.ofSeconds(10));
        assertThat(chunks).extracting(c -> c.get("generation").asText()).containsExactly("Hel", "lo");
    }
}
