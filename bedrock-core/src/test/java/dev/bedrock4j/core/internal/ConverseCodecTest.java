package dev.bedrock4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.core.stream.ChatEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.Type;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/** The one mapping between chat types and the SDK's Converse model, both ways, and the JSON written from it. */
class ConverseCodecTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    static Stream<ContentBlock> everyBlock() {
        JsonNode input = JsonSupport.parse("{\"city\":\"Paris\",\"days\":[1,2.5],\"flag\":true,\"none\":null}");
        return Stream.of(
                ContentBlock.text("hello"),
                ContentBlock.text(""),
                ContentBlock.image(PNG),
                new ContentBlock.Image("jpeg", new MediaSource.S3("s3://bucket/cat.jpg", "123456789012")),
                ContentBlock.document("pdf", "Spec (v2)", new byte[] {'%', 'P', 'D', 'F'}),
                new ContentBlock.Document("txt", "Notes", MediaSource.text("plain text"), true, "meeting notes"),
                new ContentBlock.Document("md", "Parts", new MediaSource.TextParts(List.of("a", "b")), false, null),
                new ContentBlock.Document("csv", "Remote", MediaSource.s3("s3://bucket/data.csv"), false, null),
                new ContentBlock.Video("mp4", MediaSource.s3("s3://bucket/clip.mp4")),
                new ContentBlock.Video("webm", MediaSource.bytes(new byte[] {1, 2})),
                ContentBlock.toolUse("tooluse_1", "get_weather", input),
                ContentBlock.toolUse("tooluse_3", "no_arguments", JsonSupport.object()),
                new ContentBlock.ToolResult("tooluse_1", List.of(ContentBlock.text("sunny"),
                        new ContentBlock.Json(input), ContentBlock.image(PNG),
                        ContentBlock.document("txt", "Log", new byte[] {'o', 'k'}),
                        new ContentBlock.Video("mp4", MediaSource.s3("s3://bucket/v.mp4")),
                        new ContentBlock.Other(JsonSupport.parse(
                                "{\"searchResult\":{\"source\":\"s\",\"title\":\"t\",\"content\":[{\"text\":\"c\"}]}}"))), false),
                ContentBlock.ToolResult.ofError("tooluse_2", "city not found"),
                new ContentBlock.ToolResult("tooluse_4", List.of(), false),
                new ContentBlock.Reasoning("Let me think.", "sig-abc"),
                new ContentBlock.Reasoning("Unsigned.", null),
                new ContentBlock.RedactedReasoning(new byte[] {1, 2, 3}),
                new ContentBlock.Citations(List.of("Paris is the capital.", " Of France."), List.of(
                        new Citation("Atlas", "doc-1", List.of("Paris is the capital of France."),
                                JsonSupport.parse("{\"documentChar\":{\"documentIndex\":0,\"start\":0,\"end\":31}}")),
                        new Citation(null, null, List.of(), null))),
                ContentBlock.cachePoint(),
                new ContentBlock.CachePoint("1h"),
                new ContentBlock.GuardContent("check me", List.of("grounding_source", "query")),
                new ContentBlock.GuardContent("no qualifiers", List.of()),
                // blocks the library does not model, or that carry members it has no field for
                other("{\"audio\":{\"format\":\"mp3\",\"source\":{\"bytes\":\"AAEC\"}}}"),
                other("{\"searchResult\":{\"source\":\"https://example.com\",\"title\":\"Example\",\"content\":[{\"text\":\"x\"}]}}"),
                other("{\"toolUse\":{\"toolUseId\":\"srv_1\",\"name\":\"web_search\",\"input\":{\"q\":\"x\"},\"type\":\"server_tool_use\"}}"),
                other("{\"toolResult\":{\"toolUseId\":\"srv_1\",\"content\":[{\"text\":\"r\"}],\"status\":\"success\",\"type\":\"server_tool_use\"}}"),
                other("{\"guardContent\":{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"AAEC\"}}}}"),
                other("{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"AAEC\"},\"error\":{\"message\":\"too large\"}}}"),
                other("{\"document\":{\"name\":\"No format\",\"source\":{\"text\":\"t\"}}}"),
                other("{\"image\":{\"format\":\"PNG\",\"source\":{\"bytes\":\"AAEC\"}}}"),
                other("{\"toolAddition\":{\"tool\":{\"type\":\"t\",\"name\":\"n\"}}}"));
    }

    private static ContentBlock.Other other(String json) {
        return new ContentBlock.Other(JsonSupport.parse(json));
    }

    private static Message messageOf(ContentBlock block) {
        return block instanceof ContentBlock.Reasoning || block instanceof ContentBlock.RedactedReasoning
                || block instanceof ContentBlock.Citations || block instanceof ContentBlock.ToolUse
                ? Message.assistant(block) : Message.user(block);
    }

    @ParameterizedTest
    @MethodSource("everyBlock")
    void everyBlockSurvivesTheSdkModelBothWays(ContentBlock block) {
        software.amazon.awssdk.services.bedrockruntime.model.ContentBlock sdk = ConverseCodec.toSdk(block);

        assertThat(sdk.type()).isNotEqualTo(Type.UNKNOWN_TO_SDK_VERSION);
        assertThat(ConverseCodec.fromSdk(sdk)).isEqualTo(block);
    }

    @ParameterizedTest
    @MethodSource("everyBlock")
    void everyBlockSurvivesTheWireJsonBothWays(ContentBlock block) {
        ChatRequest request = ChatRequest.builder().message(messageOf(block)).build();

        ObjectNode body = ConverseCodec.request(request);
        JsonNode onTheWire = body.path("messages").path(0).path("content").path(0);
        assertThat(onTheWire.size()).as("a union is an object with one key").isEqualTo(1);
        if (block instanceof ContentBlock.Other other) {
            assertThat(onTheWire).isEqualTo(other.json());
        }
        ConverseRequest parsed = SdkJson.fromJson(JsonSupport.parse(JsonSupport.write(body)), ConverseRequest.builder());
        assertThat(parsed).isEqualTo(ConverseCodec.toSdk(request));
        assertThat(ConverseCodec.fromSdk(parsed).messages()).isEqualTo(request.messages());
        assertThat(ConverseCodec.parseRequest(body)).isEqualTo(request);
    }

    @Test
    void aBlockOfATypeNewerThanTheSdkIsKeptAsAnEmptyOtherInsteadOfFailing() {
        JsonNode response = JsonSupport.parse("""
                {"output":{"message":{"role":"assistant","content":[{"hologram":{"frames":3}},{"text":"Here."}]}},
                 "stopReason":"end_turn"}""");

        ChatResponse read = ConverseCodec.parseResponse(response, "m");

        assertThat(read.message().content()).containsExactly(other("{}"), ContentBlock.text("Here."));
        assertThat(read.text()).isEqualTo("Here.");
    }

    @Test
    void aUnionWithTwoMembersSetIsKeptAsOtherInsteadOfFailing() {
        JsonNode twoMembers = JsonSupport.parse("{\"text\":\"a\",\"cachePoint\":{\"type\":\"default\"}}");
        ChatRequest request = ConverseCodec.parseRequest(JsonSupport.parse("{\"messages\":[{\"role\":\"user\",\"content\":["
                + twoMembers + ",{\"toolResult\":{\"toolUseId\":\"t\",\"content\":[{\"text\":\"b\",\"json\":{}}]}}]}],"
                + "\"system\":[" + twoMembers + "],"
                + "\"toolConfig\":{\"tools\":[],\"toolChoice\":{\"auto\":{},\"any\":{}}}}"));

        assertThat(request.messages().get(0).content().get(0)).isEqualTo(new ContentBlock.Other(twoMembers));
        assertThat(request.system()).containsExactly(new ContentBlock.Other(twoMembers));
        assertThat(((ContentBlock.ToolResult) request.messages().get(0).content().get(1)).content())
                .containsExactly(other("{\"text\":\"b\",\"json\":{}}"));
        assertThat(request.toolChoice()).isEmpty();
    }

    @Test
    void nullsInListsFromOutsideAreLeftOut() {
        ChatRequest request = ConverseCodec.parseRequest(JsonSupport.parse("""
                {"messages":[null,{"role":"user","content":[null,{"text":"hi"}]}],"system":[null],
                 "inferenceConfig":{"stopSequences":[null,"END"]},"additionalModelResponseFieldPaths":[null],
                 "toolConfig":{"tools":[null,{"toolSpec":{"name":"t"}}]},"requestMetadata":{"k":null}}"""));

        assertThat(request).isEqualTo(ChatRequest.builder().user("hi").stopSequences("END")
                .tools(ToolDefinition.of("t", "", JsonSupport.object())).build());
    }

    @Test
    void blocksConverseCannotCarryFailWithTheReason() {
        assertThatThrownBy(() -> ConverseCodec.toSdk(new ContentBlock.Json(JsonSupport.object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only valid inside a tool result");
        assertThatThrownBy(() -> ConverseCodec.toSdk(new ContentBlock.Image("png", MediaSource.text("not an image"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes or an S3 object");
        assertThatThrownBy(() -> ConverseCodec.toSdk(ChatRequest.builder().system(ContentBlock.image(PNG)).user("x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system");
        assertThatThrownBy(() -> ConverseCodec.toSdk(new ContentBlock.ToolResult("t", List.of(new ContentBlock.Reasoning("r", null)), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool result");
    }

    @Test
    void systemBlocksMapBothWays() {
        ChatRequest request = ChatRequest.builder()
                .system(ContentBlock.text("You are terse."), new ContentBlock.CachePoint("5m"),
                        new ContentBlock.GuardContent("policy", List.of("guard_content")),
                        other("{\"guardContent\":{\"image\":{\"format\":\"jpeg\",\"source\":{\"bytes\":\"AAEC\"}}}}"))
                .user("hi")
                .build();

        ConverseRequest sdk = ConverseCodec.toSdk(request);

        assertThat(sdk.system()).hasSize(4);
        assertThat(sdk.system().get(1).cachePoint().ttlAsString()).isEqualTo("5m");
        assertThat(ConverseCodec.fromSdk(sdk)).isEqualTo(request);
        assertThat(JsonSupport.write(ConverseCodec.request(request).get("system"))).isEqualTo("[{\"text\":\"You are terse.\"},"
                + "{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"5m\"}},"
                + "{\"guardContent\":{\"text\":{\"text\":\"policy\",\"qualifiers\":[\"guard_content\"]}}},"
                + "{\"guardContent\":{\"image\":{\"format\":\"jpeg\",\"source\":{\"bytes\":\"AAEC\"}}}}]");
    }

    @Test
    void aFullRequestMapsToTheExactWireShape() {
        ChatRequest request = ChatRequest.builder()
                .system("You are terse.")
                .cachePoint()
                .user("What is on WZPZ?")
                .temperature(0.5).topP(0.9).maxTokens(512).stopSequences("STOP")
                .tools(ToolDefinition.of("top_song", "Get the most popular song",
                        JsonSupport.parse("{\"type\":\"object\",\"properties\":{\"sign\":{\"type\":\"string\"}},\"required\":[\"sign\"]}")))
                .cacheTools()
                .toolChoice(ToolChoice.auto())
                .guardrail(Guardrail.of("gr-123", "1").withTrace(Guardrail.Trace.ENABLED))
                .additionalModelRequestFields(JsonSupport.parse("{\"top_k\":200}"))
                .additionalModelResponseFieldPaths("/stop_sequence")
                .requestMetadata("team", "search")
                .build();

        String expected = JsonSupport.write(JsonSupport.parse("""
                {"messages":[{"role":"user","content":[{"text":"What is on WZPZ?"}]}],
                 "system":[{"text":"You are terse."},{"cachePoint":{"type":"default"}}],
                 "inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9,"stopSequences":["STOP"]},
                 "toolConfig":{"tools":[{"toolSpec":{"name":"top_song","description":"Get the most popular song",
                   "inputSchema":{"json":{"type":"object","properties":{"sign":{"type":"string"}},"required":["sign"]}}}},
                   {"cachePoint":{"type":"default"}}],
                   "toolChoice":{"auto":{}}},
                 "guardrailConfig":{"guardrailIdentifier":"gr-123","guardrailVersion":"1","trace":"enabled"},
                 "additionalModelRequestFields":{"top_k":200},
                 "additionalModelResponseFieldPaths":["/stop_sequence"],
                 "requestMetadata":{"team":"search"}}"""));
        assertThat(JsonSupport.write(ConverseCodec.request(request))).isEqualTo(expected);
        assertThat(ConverseCodec.parseRequest(JsonSupport.parse(expected))).isEqualTo(request);
        assertThat(ConverseCodec.fromSdk(ConverseCodec.toSdk(request))).isEqualTo(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {"any", "tool"})
    void everyToolChoiceMapsBothWays(String kind) {
        ToolChoice choice = kind.equals("any") ? ToolChoice.any() : ToolChoice.tool("lookup");
        ChatRequest request = ChatRequest.builder().user("x")
                .tools(ToolDefinition.of("lookup", "", "{\"type\":\"object\"}")).toolChoice(choice).build();

        assertThat(ConverseCodec.fromSdk(ConverseCodec.toSdk(request))).isEqualTo(request);
        assertThat(ConverseCodec.request(request).path("toolConfig").path("toolChoice").has(kind)).isTrue();
    }

    @Test
    void floatSettingsReadBackAsTheDecimalsThatWereWritten() {
        ChatRequest request = ChatRequest.builder().user("x").temperature(0.9).topP(0.1 + 0.2).build();

        ObjectNode body = ConverseCodec.request(request);

        assertThat(JsonSupport.write(body.get("inferenceConfig"))).isEqualTo("{\"temperature\":0.9,\"topP\":0.3}");
        ChatRequest parsed = ConverseCodec.parseRequest(JsonSupport.parse(JsonSupport.write(body)));
        assertThat(parsed.temperature()).hasValue(0.9);
        assertThat(parsed.topP()).hasValue(0.3);
    }

    @Test
    void aStreamRequestCarriesEveryMemberOfTheCallRequest() {
        ChatRequest request = ChatRequest.builder().system("s").user("hi").maxTokens(5).temperature(0.2)
                .tools(ToolDefinition.of("t", "d", "{\"type\":\"object\"}"))
                .guardrail(Guardrail.of("gr", "DRAFT").withTrace(Guardrail.Trace.ENABLED_FULL))
                .additionalModelRequestFields(JsonSupport.parse("{\"k\":1}"))
                .additionalModelResponseFieldPaths("/a").requestMetadata("k", "v").build();
        AwsRequestOverrideConfiguration override = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(7)).build();
        ConverseRequest call = ConverseCodec.toSdk(request, b -> b.modelId("m").overrideConfiguration(override)
                .performanceConfig(p -> p.latency("optimized")).serviceTier(t -> t.type("flex")));

        ConverseStreamRequest stream = ConverseCodec.toStreamRequest(call);

        assertThat(stream.modelId()).isEqualTo("m");
        assertThat(stream.overrideConfiguration()).contains(override);
        assertThat(SdkJson.toJson(stream)).isEqualTo(SdkJson.toJson(call));
        assertThat(stream.guardrailConfig().traceAsString()).isEqualTo("enabled_full");
        assertThat(ConverseCodec.toStreamRequest(ConverseCodec.toSdk(ChatRequest.of("x"))).hasSystem()).isFalse();
    }

    @Test
    void aResponseMapsWithUsageLatencyStopReasonAndGuardrailTrace() {
        String wire = JsonSupport.write(JsonSupport.parse("""
                {"output":{"message":{"role":"assistant","content":[
                   {"reasoningContent":{"reasoningText":{"text":"thinking","signature":"s1"}}},
                   {"text":"Let me check."},
                   {"toolUse":{"toolUseId":"t1","name":"top_song","input":{"sign":"WZPZ"}}}]}},
                 "stopReason":"tool_use",
                 "usage":{"inputTokens":375,"outputTokens":57,"totalTokens":532,"cacheReadInputTokens":90,"cacheWriteInputTokens":10},
                 "metrics":{"latencyMs":1203},
                 "additionalModelResponseFields":{"stop_sequence":null},
                 "trace":{"guardrail":{"actionReason":"none"}}}"""));
        ConverseResponse sdk = SdkJson.fromJson(JsonSupport.parse(wire), ConverseResponse.builder());

        ChatResponse response = ConverseCodec.fromSdk(sdk, "m");

        assertThat(response.text()).isEqualTo("Let me check.");
        assertThat(response.reasoning()).isEqualTo("thinking");
        assertThat(response.toolUses()).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("top_song");
            assertThat(use.input().get("sign").asText()).isEqualTo("WZPZ");
        });
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(375, 57, 90, 10));
        assertThat(response.latency()).isEqualTo(Duration.ofMillis(1203));
        assertThat(response.guardrailTrace()).hasValueSatisfying(t -> assertThat(t.get("actionReason").asText()).isEqualTo("none"));
        assertThat(response.additionalModelResponseFields()).hasValue(JsonSupport.parse("{\"stop_sequence\":null}"));
        assertThat(response.modelId()).hasValue("m");
        assertThat(ConverseCodec.toSdk(response)).isEqualTo(sdk);
        assertThat(JsonSupport.write(ConverseCodec.response(response))).isEqualTo(wire);
        assertThat(ConverseCodec.parseResponse(ConverseCodec.response(response), "m")).isEqualTo(response);
    }

    @Test
    void aResponseWithMissingMembersReadsAsEmptyNotAsAFailure() {
        ChatResponse empty = ConverseCodec.fromSdk(ConverseResponse.builder().build(), null);

        assertThat(empty.message()).isEqualTo(new Message(Role.ASSISTANT, List.of()));
        assertThat(empty.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(empty.usage()).isEqualTo(Usage.ZERO);
        assertThat(empty.latency()).isZero();
        assertThat(empty.guardrailTrace()).isEmpty();
        assertThat(empty.additionalModelResponseFields()).isEmpty();

        ChatResponse partial = ConverseCodec.parseResponse(JsonSupport.parse("""
                {"output":{"message":{"content":[]}},"stopReason":"brand_new_reason",
                 "usage":{"inputTokens":3,"outputTokens":-1},"metrics":{},"trace":{}}"""), "m");
        assertThat(partial.message().content()).isEmpty();
        assertThat(partial.stopReason().value()).isEqualTo("brand_new_reason");
        assertThat(partial.stopReason().isKnown()).isFalse();
        assertThat(partial.usage()).isEqualTo(Usage.of(3, 0));
        assertThat(partial.latency()).isZero();
        assertThat(partial.guardrailTrace()).isEmpty();

        ChatResponse userRole = ConverseCodec.parseResponse(JsonSupport.parse(
                "{\"output\":{\"message\":{\"role\":\"system\",\"content\":[{\"text\":\"x\"},null]}}}"), null);
        assertThat(userRole.message()).isEqualTo(Message.assistant("x"));
    }

    @Test
    void usageWritesCacheCountsOnlyWhenThereAreAny() {
        assertThat(JsonSupport.write(ConverseCodec.usage(Usage.of(3, 4))))
                .isEqualTo("{\"inputTokens\":3,\"outputTokens\":4,\"totalTokens\":7}");
        Usage cached = new Usage(1, 2, 3, 4);
        assertThat(JsonSupport.write(ConverseCodec.usage(cached))).isEqualTo(
                "{\"inputTokens\":1,\"outputTokens\":2,\"totalTokens\":10,\"cacheReadInputTokens\":3,\"cacheWriteInputTokens\":4}");
        assertThat(ConverseCodec.usage(ConverseCodec.usage(cached))).isEqualTo(cached);
        assertThat(ConverseCodec.fromSdk(ConverseCodec.toSdk(cached))).isEqualTo(cached);
        assertThat(ConverseCodec.usage(JsonSupport.parse("{}"))).isEqualTo(Usage.ZERO);
        assertThat(ConverseCodec.fromSdk((software.amazon.awssdk.services.bedrockruntime.model.TokenUsage) null)).isEqualTo(Usage.ZERO);
    }

    @Test
    void streamEventsMapWithTheResponseMapping() {
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.messageStartBuilder().role("assistant").build()))
                .isEqualTo(new ChatEvent.MessageStart(Role.ASSISTANT));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockStartBuilder().contentBlockIndex(1)
                .start(s -> s.toolUse(t -> t.toolUseId("t1").name("lookup"))).build()))
                .isEqualTo(new ChatEvent.ToolUseStart(1, "t1", "lookup"));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(0)
                .delta(d -> d.text("Hel")).build())).isEqualTo(new ChatEvent.TextDelta(0, "Hel"));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(1)
                .delta(d -> d.toolUse(t -> t.input("{\"q\":"))).build())).isEqualTo(new ChatEvent.ToolUseInputDelta(1, "{\"q\":"));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(2)
                .delta(d -> d.reasoningContent(r -> r.text("hmm"))).build())).isEqualTo(new ChatEvent.ReasoningDelta(2, "hmm"));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(2)
                .delta(d -> d.reasoningContent(r -> r.signature("sig"))).build())).isEqualTo(new ChatEvent.ReasoningSignature(2, "sig"));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(3)
                .delta(d -> d.reasoningContent(r -> r.redactedContent(SdkBytes.fromByteArray(new byte[] {7})))).build()))
                .isEqualTo(new ChatEvent.RedactedReasoningDelta(3, new byte[] {7}));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockStopBuilder().contentBlockIndex(3).build()))
                .isEqualTo(new ChatEvent.ContentBlockStop(3));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.messageStopBuilder().stopReason("max_tokens").build()))
                .isEqualTo(new ChatEvent.MessageStop(StopReason.MAX_TOKENS, null));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.UNKNOWN)).isNull();
    }

    @Test
    void aStreamedCitationAndMetadataReadLikeTheResponsesOwn() {
        String location = "{\"documentPage\":{\"documentIndex\":0,\"start\":3,\"end\":4}}";
        ContentBlock.Citations block = new ContentBlock.Citations(List.of("x"), List.of(
                new Citation("Atlas", "doc-1", List.of("passage"), JsonSupport.parse(location))));
        var sdkCitation = ConverseCodec.toSdk(block).citationsContent().citations().get(0);

        ChatEvent delta = ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(0)
                .delta(d -> d.citation(c -> c.title(sdkCitation.title()).source(sdkCitation.source())
                        .sourceContent(s -> s.text("passage")).location(sdkCitation.location()))).build());
        assertThat(delta).isEqualTo(new ChatEvent.CitationDelta(0, block.citations().get(0)));

        GuardrailTraceAssessment trace = SdkJson.fromJson(JsonSupport.parse("{\"actionReason\":\"blocked\"}"),
                GuardrailTraceAssessment.builder());
        ChatEvent metadata = ConverseCodec.fromSdk(ConverseStreamOutput.metadataBuilder()
                .usage(ConverseCodec.toSdk(new Usage(1, 2, 3, 0))).metrics(m -> m.latencyMs(9L))
                .trace(t -> t.guardrail(trace)).build());
        ChatResponse response = ConverseCodec.fromSdk(ConverseResponse.builder()
                .usage(ConverseCodec.toSdk(new Usage(1, 2, 3, 0))).metrics(m -> m.latencyMs(9L))
                .trace(t -> t.guardrail(trace)).build(), null);
        assertThat(metadata).isEqualTo(new ChatEvent.Metadata(response.usage(), response.latency(), response.guardrailTrace().orElseThrow()));

        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.metadataBuilder().build()))
                .isEqualTo(new ChatEvent.Metadata(Usage.ZERO, Duration.ZERO, null));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.messageStopBuilder().build()))
                .isEqualTo(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockDeltaBuilder().build())).isNull();
        assertThat(ConverseCodec.fromSdk(ConverseStreamOutput.contentBlockStartBuilder().contentBlockIndex(0)
                .start(s -> s.image(i -> i.format("png"))).build())).isNull();
    }

    @Test
    void unknownStopReasonsAreKeptOpen() {
        StopReason reason = StopReason.of("brand_new_reason");
        assertThat(reason.isKnown()).isFalse();
        assertThat(reason.value()).isEqualTo("brand_new_reason");
        assertThat(StopReason.of("end_turn")).isSameAs(StopReason.END_TURN);
    }
}
