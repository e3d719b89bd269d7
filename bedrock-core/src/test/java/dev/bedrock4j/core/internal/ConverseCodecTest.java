package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.core.spi.ConverseCodec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.Type;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

class ConverseCodecTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    static Stream<ContentBlock> everyBlock() {
        JsonNode input = JsonSupport.parse("{\"city\":\"Paris\",\"days\":[1,2.5],\"flag\":true,\"none\":null}");
        return Stream.of(
                ContentBlock.text("hello"),
                ContentBlock.image(PNG),
                new ContentBlock.Image("jpeg", new MediaSource.S3("s3://bucket/cat.jpg", "123456789012")),
                ContentBlock.document("pdf", "Spec (v2)", new byte[] {'%', 'P', 'D', 'F'}),
                new ContentBlock.Document("txt", "Notes", MediaSource.text("plain text"), true, "meeting notes"),
                new ContentBlock.Document("md", "Parts", new MediaSource.TextParts(List.of("a", "b")), false, null),
                new ContentBlock.Video("mp4", MediaSource.s3("s3://bucket/clip.mp4")),
                ContentBlock.toolUse("tooluse_1", "get_weather", input),
                new ContentBlock.ToolResult("tooluse_1", List.of(ContentBlock.text("sunny"),
                        new ContentBlock.Json(input), ContentBlock.image(PNG)), false),
                ContentBlock.ToolResult.ofError("tooluse_2", "city not found"),
                new ContentBlock.Reasoning("Let me think.", "sig-abc"),
                new ContentBlock.Reasoning("Unsigned.", null),
                new ContentBlock.RedactedReasoning(new byte[] {1, 2, 3}),
                new ContentBlock.Citations(List.of("Paris is the capital."), List.of(
                        new Citation("Atlas", "doc-1", List.of("Paris is the capital of France."),
                                JsonSupport.parse("{\"documentChar\":{\"documentIndex\":0,\"start\":0,\"end\":31}}")))),
                ContentBlock.cachePoint(),
                new ContentBlock.CachePoint("1h"),
                new ContentBlock.GuardContent("check me", List.of("grounding_source", "query")),
                new ContentBlock.Other(JsonSupport.parse("{\"audio\":{\"format\":\"mp3\",\"source\":{\"bytes\":\"AAEC\"}}}")));
    }

    @ParameterizedTest
    @MethodSource("everyBlock")
    void everyBlockSurvivesTheWireJsonBothWays(ContentBlock block) {
        ObjectNode json = ConverseCodec.block(block);
        assertThat(json.size()).as("a union is an object with one key").isEqualTo(1);
        assertThat(ConverseCodec.block(json)).isEqualTo(block);
    }

    @ParameterizedTest
    @MethodSource("everyBlock")
    void everyBlockSurvivesTheSdkModelBothWays(ContentBlock block) {
        Message message = block instanceof ContentBlock.Reasoning || block instanceof ContentBlock.RedactedReasoning
                || block instanceof ContentBlock.Citations || block instanceof ContentBlock.ToolUse
                ? Message.assistant(block) : Message.user(block);
        ChatRequest request = ChatRequest.builder().message(message).build();
        ObjectNode body = ConverseCodec.request(request);

        ConverseRequest sdk = SdkJson.fromJson(body, ConverseRequest.builder());
        Type type = sdk.messages().get(0).content().get(0).type();
        assertThat(type).isNotEqualTo(Type.UNKNOWN_TO_SDK_VERSION);
        assertThat(ConverseCodec.parseRequest(SdkJson.toJson(sdk)).messages()).isEqualTo(request.messages());
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
                .toolChoice(ToolChoice.auto())
                .guardrail(Guardrail.of("gr-123", "1").withTrace(Guardrail.Trace.ENABLED))
                .additionalModelRequestFields(JsonSupport.parse("{\"top_k\":200}"))
                .additionalModelResponseFieldPaths("/stop_sequence")
                .requestMetadata("team", "search")
                .build();

        JsonNode expected = JsonSupport.parse("""
                {"messages":[{"role":"user","content":[{"text":"What is on WZPZ?"}]}],
                 "system":[{"text":"You are terse."},{"cachePoint":{"type":"default"}}],
                 "inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9,"stopSequences":["STOP"]},
                 "toolConfig":{"tools":[{"toolSpec":{"name":"top_song","description":"Get the most popular song",
                   "inputSchema":{"json":{"type":"object","properties":{"sign":{"type":"string"}},"required":["sign"]}}}}],
                   "toolChoice":{"auto":{}}},
                 "guardrailConfig":{"guardrailIdentifier":"gr-123","guardrailVersion":"1","trace":"enabled"},
                 "additionalModelRequestFields":{"top_k":200},
                 "additionalModelResponseFieldPaths":["/stop_sequence"],
                 "requestMetadata":{"team":"search"}}""");
        ObjectNode actual = ConverseCodec.request(request);
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(ConverseCodec.parseRequest(actual)).isEqualTo(request);
        assertThat(SdkJson.toJson(SdkJson.fromJson(actual, ConverseRequest.builder())).toString())
                .isEqualTo(expected.toString());
    }

    @Test
    void aResponseMapsWithUsageLatencyStopReasonAndGuardrailTrace() {
        JsonNode wire = JsonSupport.parse("""
                {"output":{"message":{"role":"assistant","content":[
                   {"reasoningContent":{"reasoningText":{"text":"thinking","signature":"s1"}}},
                   {"text":"Let me check."},
                   {"toolUse":{"toolUseId":"t1","name":"top_song","input":{"sign":"WZPZ"}}}]}},
                 "stopReason":"tool_use",
                 "usage":{"inputTokens":375,"outputTokens":57,"totalTokens":532,"cacheReadInputTokens":90,"cacheWriteInputTokens":10},
                 "metrics":{"latencyMs":1203},
                 "trace":{"guardrail":{"actionReason":"none"}},
                 "additionalModelResponseFields":{"stop_sequence":null}}""");
        ConverseResponse sdk = SdkJson.fromJson(wire, ConverseResponse.builder());
        ChatResponse response = ConverseCodec.parseResponse(SdkJson.toJson((SdkPojo) sdk), "m");

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
        assertThat(response.modelId()).hasValue("m");
        assertThat(ConverseCodec.parseResponse(ConverseCodec.response(response), "m")).isEqualTo(response);
    }

    @Test
    void unknownStopReasonsAreKeptOpen() {
        StopReason reason = StopReason.of("brand_new_reason");
        assertThat(reason.isKnown()).isFalse();
        assertThat(reason.value()).isEqualTo("brand_new_reason");
        assertThat(StopReason.of("end_turn")).isSameAs(StopReason.END_TURN);
    }
}
