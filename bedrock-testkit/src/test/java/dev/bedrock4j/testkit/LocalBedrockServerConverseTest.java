package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

class LocalBedrockServerConverseTest extends LocalServerTestBase {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private static ConverseResponse converse(String modelId, String text) {
        return sync.converse(r -> r.modelId(modelId).messages(m -> m.role(ConversationRole.USER).content(c -> c.text(text))));
    }

    private static String text(ConverseResponse response) {
        return response.output().message().content().get(0).text();
    }

    /** Records every event a real SDK stream handler sees. */
    static final class Recorder {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final StringBuilder text = new StringBuilder();
        final StringBuilder toolInput = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();

        ConverseStreamResponseHandler handler() {
            return ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
                    .onMessageStart(events::add)
                    .onContentBlockStart(events::add)
                    .onContentBlockDelta(e -> {
                        events.add(e);
                        if (e.delta().text() != null) {
                            text.append(e.delta().text());
                        } else if (e.delta().toolUse() != null) {
                            toolInput.append(e.delta().toolUse().input());
                        } else if (e.delta().reasoningContent() != null && e.delta().reasoningContent().text() != null) {
                            reasoning.append(e.delta().reasoningContent().text());
                        }
                    })
                    .onContentBlockStop(events::add)
                    .onMessageStop(events::add)
                    .onMetadata(events::add)
                    .build()).build();
        }

        <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static Recorder stream(ConverseStreamRequest request) {
        Recorder recorder = new Recorder();
        async.converseStream(request, recorder.handler()).join();
        return recorder;
    }

    static ConverseStreamRequest streamRequest(String text) {
        return ConverseStreamRequest.builder().modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text(text))).build();
    }

    @Test
    void anUnscriptedModelRepeatsTheLastUserTurnOverHttp1() {
        assertThat(text(converse(MODEL, "hi there"))).isEqualTo("You said: hi there");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/1.1");
    }

    @Test
    void theAsyncClientTalksHttp2CleartextForEveryOperation() {
        ConverseResponse response = async.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi there")))).join();
        assertThat(text(response)).isEqualTo("You said: hi there");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
        assertThat(response.usage().inputTokens()).isEqualTo(2);
        assertThat(response.usage().outputTokens()).isEqualTo(4);
        assertThat(response.stopReason()).isEqualTo(software.amazon.awssdk.services.bedrockruntime.model.StopReason.END_TURN);
    }

    @Test
    void oneShotRepliesComeFirstThenTheStandingReplyThenAnyModel() {
        server.model(MODEL).enqueue(ModelReply.text("first"), ModelReply.text("second")).reply("always");
        server.anyModel().reply("fallback");
        assertThat(text(converse(MODEL, "a"))).isEqualTo("first");
        assertThat(text(converse(MODEL, "b"))).isEqualTo("second");
        assertThat(text(converse(MODEL, "c"))).isEqualTo("always");
        assertThat(text(converse("amazon.nova-lite-v1:0", "d"))).isEqualTo("fallback");
    }

    @Test
    void aFullResponseKeepsItsUsageStopReasonAndBlocks() {
        server.model(MODEL).reply(ChatResponse.builder()
                .message(new Message(Role.ASSISTANT, List.of(new ContentBlock.Reasoning("think", "sig"),
                        new ContentBlock.Text("done"))))
                .stopReason(StopReason.MAX_TOKENS).usage(Usage.of(11, 22)).build());
        ConverseResponse response = converse(MODEL, "x");
        assertThat(response.output().message().content().get(0).reasoningContent().reasoningText().text()).isEqualTo("think");
        assertThat(response.output().message().content().get(1).text()).isEqualTo("done");
        assertThat(response.stopReasonAsString()).isEqualTo("max_tokens");
        assertThat(response.usage().inputTokens()).isEqualTo(11);
        assertThat(response.usage().totalTokens()).isEqualTo(33);
    }

    @Test
    void aFunctionReplyReadsTheParsedRequest() {
        server.anyModel().respondWith(request -> ChatResponse.ofText(
                request.system().size() + " system block, max " + request.maxTokens().orElse(0) + ": "
                        + request.lastUserText().toUpperCase()));
        ConverseResponse response = sync.converse(r -> r.modelId(MODEL).system(s -> s.text("Be terse."))
                .inferenceConfig(i -> i.maxTokens(64))
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("shout"))));
        assertThat(text(response)).isEqualTo("1 system block, max 64: SHOUT");
    }

    @Test
    void aToolUseReplyAsksForTheTool() {
        server.model(MODEL).reply(ModelReply.toolUse("get_weather", "{\"city\":\"Paris\"}"));
        ConverseResponse response = converse(MODEL, "weather?");
        var toolUse = response.output().message().content().get(0).toolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse.toolUseId()).isEqualTo("tooluse_get_weather");
        assertThat(toolUse.input().asMap().get("city")).isEqualTo(Document.fromString("Paris"));
        assertThat(response.stopReasonAsString()).isEqualTo("tool_use");
    }

    @Test
    void theEchoAnswersAToolResultTurn() {
        ConverseResponse response = sync.converse(r -> r.modelId(MODEL).toolConfig(t -> t.tools(x -> x.toolSpec(s -> s.name("w")
                        .inputSchema(i -> i.json(Document.mapBuilder().putString("type", "object").build()))))).messages(
                m -> m.role(ConversationRole.USER).content(c -> c.text("weather?")),
                m -> m.role(ConversationRole.ASSISTANT).content(c -> c.toolUse(t -> t.toolUseId("t1").name("w")
                        .input(Document.mapBuilder().putString("city", "Paris").build()))),
                m -> m.role(ConversationRole.USER).content(c -> c.toolResult(t -> t.toolUseId("t1")
                        .content(x -> x.json(Document.mapBuilder().putString("sky", "clear").build()))))));
        assertThat(text(response)).isEqualTo("The tool returned: {\"sky\":\"clear\"}");
    }

    @Test
    void aStreamSplitsTheAnswerIntoSeveralDeltasInBedrocksOrder() {
        Recorder recorder = stream(streamRequest("one two three four"));
        assertThat(recorder.text.toString()).isEqualTo("You said: one two three four");
        assertThat(recorder.of(ContentBlockDeltaEvent.class)).hasSizeGreaterThan(2);
        assertThat(recorder.events.get(0)).isInstanceOf(MessageStartEvent.class);
        assertThat(recorder.of(ContentBlockStopEvent.class)).hasSize(1);
        assertThat(recorder.of(MessageStopEvent.class).get(0).stopReasonAsString()).isEqualTo("end_turn");
        ConverseStreamMetadataEvent metadata = recorder.of(ConverseStreamMetadataEvent.class).get(0);
        assertThat(metadata.usage().outputTokens()).isEqualTo(6);
        assertThat(recorder.events.get(recorder.events.size() - 1)).isSameAs(metadata);
        assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.CONVERSE_STREAM);
    }

    @Test
    void aStreamedToolUseStartsTheBlockAndSendsTheInputAsStringFragments() {
        server.model(MODEL).reply(ChatResponse.builder().message(new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Text("Let me check."),
                        new ContentBlock.ToolUse("tooluse_1", "top_song", JsonSupport.parse("{\"sign\":\"WZPZ\",\"n\":3}")))))
                .stopReason(StopReason.TOOL_USE).build());
        Recorder recorder = stream(streamRequest("song?"));
        ContentBlockStartEvent start = recorder.of(ContentBlockStartEvent.class).get(0);
        assertThat(start.contentBlockIndex()).isEqualTo(1);
        assertThat(start.start().toolUse().name()).isEqualTo("top_song");
        assertThat(start.start().toolUse().toolUseId()).isEqualTo("tooluse_1");
        long inputDeltas = recorder.of(ContentBlockDeltaEvent.class).stream().filter(e -> e.delta().toolUse() != null).count();
        assertThat(inputDeltas).isEqualTo(3);
        assertThat(JsonSupport.parse(recorder.toolInput.toString())).isEqualTo(JsonSupport.parse("{\"sign\":\"WZPZ\",\"n\":3}"));
        assertThat(recorder.text.toString()).isEqualTo("Let me check.");
        assertThat(recorder.of(ContentBlockStopEvent.class)).extracting(ContentBlockStopEvent::contentBlockIndex).containsExactly(0, 1);
        assertThat(recorder.of(MessageStopEvent.class).get(0).stopReasonAsString()).isEqualTo("tool_use");
    }

    @Test
    void aStreamedReasoningBlockSendsTextAndSignature() {
        server.model(MODEL).reply(ChatResponse.builder().message(new Message(Role.ASSISTANT, List.of(
                new ContentBlock.Reasoning("First think hard.", "sig-123"), new ContentBlock.Text("Answer")))).build());
        Recorder recorder = stream(streamRequest("q"));
        assertThat(recorder.reasoning.toString()).isEqualTo("First think hard.");
        assertThat(recorder.of(ContentBlockDeltaEvent.class)).anySatisfy(e ->
                assertThat(e.delta().reasoningContent() == null ? null : e.delta().reasoningContent().signature()).isEqualTo("sig-123"));
        assertThat(recorder.text.toString()).isEqualTo("Answer");
    }

    @Test
    void anExplicitEventListIsSentAsIs() {
        server.model(MODEL).enqueue(ModelReply.events(WireEvent.messageStart(), WireEvent.textDelta(0, "Hel"),
                WireEvent.textDelta(0, "lo"), WireEvent.contentBlockStop(0), WireEvent.messageStop(StopReason.END_TURN),
                WireEvent.event("someFutureEvent", "{\"x\":1}"), WireEvent.metadata(Usage.of(1, 2), 42)));
        Recorder recorder = stream(streamRequest("q"));
        assertThat(recorder.text.toString()).isEqualTo("Hello");
        assertThat(recorder.of(ContentBlockDeltaEvent.class)).hasSize(2);
        assertThat(recorder.of(ConverseStreamMetadataEvent.class).get(0).metrics().latencyMs()).isEqualTo(42L);
    }

    @Test
    void modelIdsArriveEncodedAndAreMatchedDecoded() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0";
        server.model(arn).reply("from the profile");
        assertThat(text(converse(arn, "x"))).isEqualTo("from the profile");
        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).contains("%3A").contains("%2F").endsWith("/converse");
        assertThat(request.modelId()).contains(arn);
    }

    @Test
    void everyRequestIsRecordedDecoded() {
        sync.converse(r -> r.modelId(MODEL).system(s -> s.text("sys"))
                .inferenceConfig(i -> i.maxTokens(100).temperature(0.5f))
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hello"))));
        converse(MODEL, "again");
        stream(streamRequest("streamed"));

        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(2);
        assertThat(server.requests(BedrockOperation.CONVERSE_STREAM)).hasSize(1);
        RecordedRequest first = server.requests().get(0);
        assertThat(first.sequence()).isLessThan(server.requests().get(1).sequence());
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("AWS4-HMAC-SHA256"));
        assertThat(first.header("content-type")).contains("application/json");
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.json().path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(100);
        assertThat(first.bodyText()).contains("\"hello\"");
        ChatRequest parsed = first.chatRequest().orElseThrow();
        assertThat(parsed.lastUserText()).isEqualTo("hello");
        assertThat(parsed.maxTokens()).hasValue(100);
        assertThat(parsed.temperature()).hasValue(0.5);
        assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText()).isEqualTo("streamed");

        server.clear();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theCodecsJsonIsByteForByteWhatTheSdkSendsAndTheServerReadsTheRequestBack() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        JsonNode input = JsonSupport.parse("{\"city\":\"Paris\",\"days\":[1,2.5],\"exact\":0.1,\"ok\":true,\"none\":null}");
        ChatRequest request = ChatRequest.builder()
                .system(ContentBlock.text("Be terse."), new ContentBlock.CachePoint("1h"),
                        new ContentBlock.GuardContent("policy", List.of("guard_content")))
                .user(ContentBlock.text("Look at these."), ContentBlock.image(png),
                        new ContentBlock.Image("jpeg", new MediaSource.S3("s3://bucket/cat.jpg", "123456789012")),
                        new ContentBlock.Document("pdf", "Spec (v2)", MediaSource.bytes(new byte[] {'%', 'P'}), true, "the spec"),
                        new ContentBlock.Document("md", "Parts", new MediaSource.TextParts(List.of("a", "b")), false, null),
                        new ContentBlock.Video("mp4", MediaSource.s3("s3://bucket/clip.mp4")),
                        new ContentBlock.GuardContent("check me", List.of("grounding_source", "query")),
                        new ContentBlock.Other(JsonSupport.parse("{\"audio\":{\"format\":\"mp3\",\"source\":{\"bytes\":\"AAEC\"}}}")),
                        new ContentBlock.CachePoint("5m"))
                .message(Message.assistant(new ContentBlock.Reasoning("Let me think.", "sig-1"),
                        new ContentBlock.RedactedReasoning(new byte[] {9, 8, 7}),
                        new ContentBlock.Citations(List.of("Paris."), List.of(new Citation("Atlas", "doc-1", List.of("Paris is..."),
                                JsonSupport.parse("{\"documentChar\":{\"documentIndex\":0,\"start\":0,\"end\":10}}")))),
                        ContentBlock.toolUse("tooluse_1", "lookup", input), ContentBlock.toolUse("tooluse_2", "lookup", input)))
                .user(new ContentBlock.ToolResult("tooluse_1", List.of(ContentBlock.text("found"), new ContentBlock.Json(input),
                        ContentBlock.image(png)), false), ContentBlock.ToolResult.ofError("tooluse_2", "and failed"))
                .temperature(0.9).topP(0.7).maxTokens(300).stopSequences("END", "STOP")
                .tools(ToolDefinition.of("lookup", "Looks a city up.", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
                .cacheTools()
                .toolChoice(ToolChoice.tool("lookup"))
                .guardrail(Guardrail.of("gr1", "DRAFT").withTrace(Guardrail.Trace.ENABLED_FULL))
                .additionalModelRequestFields(JsonSupport.parse("{\"top_k\":40,\"nested\":{\"x\":[1.5,true,null]}}"))
                .additionalModelResponseFieldPaths("/stop_sequence")
                .requestMetadata("team", "search")
                .build();

        server.guardrail("gr1", "DRAFT"); // Bedrock refuses a guardrailConfig naming no guardrail
        sync.converse(ConverseCodec.toSdk(request, b -> b.modelId(MODEL)));

        RecordedRequest recorded = server.lastRequest();
        assertThat(recorded.bodyText()).isEqualTo(JsonSupport.write(ConverseCodec.request(request)));
        assertThat(recorded.json()).isEqualTo(ConverseCodec.request(request));
        assertThat(recorded.chatRequest()).contains(request);
    }

    @Test
    void aResponseWithEveryBlockReachesTheSdkAsTheCodecWritesIt() {
        ChatResponse scripted = ChatResponse.builder()
                .message(Message.assistant(new ContentBlock.Reasoning("think", "sig"), new ContentBlock.RedactedReasoning(new byte[] {1}),
                        new ContentBlock.Citations(List.of("Paris."), List.of(Citation.of("Atlas", "Paris is the capital."))),
                        ContentBlock.text("Calling."), ContentBlock.toolUse("t1", "lookup", JsonSupport.parse("{\"q\":[1,2.5]}")),
                        new ContentBlock.Other(JsonSupport.parse("{\"toolUse\":{\"toolUseId\":\"s1\",\"name\":\"web\","
                                + "\"input\":{},\"type\":\"server_tool_use\"}}"))))
                .stopReason(StopReason.TOOL_USE)
                .usage(new Usage(10, 20, 30, 40))
                .latency(Duration.ofMillis(250))
                .guardrailTrace(JsonSupport.parse("{\"actionReason\":\"No action.\"}"))
                .additionalModelResponseFields(JsonSupport.parse("{\"stop_sequence\":\"END\"}"))
                .build();
        server.model(MODEL).reply(scripted);

        ConverseResponse response = converse(MODEL, "x");

        assertThat(response.usage().totalTokens()).isEqualTo(100);
        assertThat(ConverseCodec.fromSdk(response, MODEL)).isEqualTo(scripted.toBuilder().modelId(MODEL).build());
    }

    @Test
    void theRecordIsSafeUnderConcurrentCalls() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            Thread t = new Thread(() -> converse(MODEL, "call " + n));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(server.requests(BedrockOperation.CONVERSE)).hasSize(8)
                .extracting(r -> r.chatRequest().orElseThrow().lastUserText())
                .containsExactlyInAnyOrder("call 0", "call 1", "call 2", "call 3", "call 4", "call 5", "call 6", "call 7");
    }

    @Test
    void aRawBodyScriptIsRejectedByConverseWithAClearValidationError() {
        server.model(MODEL).reply(ModelReply.rawBody("{\"x\":1}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> converse(MODEL, "x"))
                .isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ValidationException.class)
                .hasMessageContaining("RawBody").hasMessageContaining(MODEL);
    }
}
