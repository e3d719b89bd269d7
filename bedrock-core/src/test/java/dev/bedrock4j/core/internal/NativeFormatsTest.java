package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.internal.stream.ResponseAssembler;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NativeFormatsTest {
    /** The same prompt for every family. */
    static final ChatRequest PROMPT = ChatRequest.builder()
            .system("Be brief.")
            .user("Name a river.")
            .assistant("The Nile.")
            .user("Another?")
            .maxTokens(100).temperature(0.2).topP(0.9).stopSequences("END")
            .build();

    static void assertJson(JsonNode actual, String expected) {
        assertThat(actual).isEqualTo(JsonSupport.parse(expected));
    }

    @Test
    void anthropicMessages() {
        assertJson(NativeFormat.anthropicMessages().toBody(PROMPT), """
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"system":"Be brief.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Name a river."}]},
                             {"role":"assistant","content":[{"type":"text","text":"The Nile."}]},
                             {"role":"user","content":[{"type":"text","text":"Another?"}]}],
                 "temperature":0.2,"top_p":0.9,"stop_sequences":["END"]}""");
        ChatResponse response = NativeFormat.anthropicMessages().fromBody(JsonSupport.parse("""
                {"id":"msg_1","type":"message","role":"assistant","content":[
                  {"type":"thinking","thinking":"hmm","signature":"sig"},
                  {"type":"text","text":"The Amazon."},
                  {"type":"tool_use","id":"tu_1","name":"atlas","input":{"q":"rivers"}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":12,"output_tokens":9,"cache_read_input_tokens":3}}"""));
        assertThat(response.text()).isEqualTo("The Amazon.");
        assertThat(response.reasoning()).isEqualTo("hmm");
        assertThat(response.toolUses()).singleElement().extracting(ContentBlock.ToolUse::name).isEqualTo("atlas");
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(12, 9, 3, 0));
    }

    @Test
    void anthropicCarriesToolsImagesAndToolResults() {
        ChatRequest request = ChatRequest.builder()
                .user(ContentBlock.text("What is this?"), ContentBlock.image(ConverseCodecTest.PNG))
                .tools(ToolDefinition.of("atlas", "Looks up places.", JsonSupport.parse("{\"type\":\"object\"}")))
                .toolChoice(ToolChoice.tool("atlas"))
                .build();
        JsonNode body = NativeFormat.anthropicMessages().toBody(request);
        assertThat(body.at("/max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.at("/messages/0/content/1/source/media_type").asText()).isEqualTo("image/png");
        assertThat(body.at("/tools/0/input_schema/type").asText()).isEqualTo("object");
        assertJson(body.get("tool_choice"), "{\"type\":\"tool\",\"name\":\"atlas\"}");

        ChatRequest withResult = ChatRequest.builder().user("q")
                .assistant("")
                .message(dev.bedrock4j.core.chat.Message.user(ContentBlock.ToolResult.ofError("tu_1", "not found")))
                .build();
        JsonNode result = NativeFormat.anthropicMessages().toBody(withResult).at("/messages/2/content/0");
        assertJson(result, "{\"type\":\"tool_result\",\"tool_use_id\":\"tu_1\",\"content\":[{\"type\":\"text\",\"text\":\"not found\"}],\"is_error\":true}");
    }

    @Test
    void novaMessages() {
        assertJson(NativeFormat.novaMessages().toBody(PROMPT), """
                {"schemaVersion":"messages-v1","system":[{"text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"text":"Name a river."}]},
                             {"role":"assistant","content":[{"text":"The Nile."}]},
                             {"role":"user","content":[{"text":"Another?"}]}],
                 "inferenceConfig":{"maxTokens":100,"temperature":0.2,"topP":0.9,"stopSequences":["END"]}}""");
        ChatResponse response = NativeFormat.novaMessages().fromBody(JsonSupport.parse("""
                {"output":{"message":{"role":"assistant","content":[{"text":"The Danube."}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":20,"outputTokens":4,"totalTokens":24}}"""));
        assertThat(response.text()).isEqualTo("The Danube.");
        assertThat(response.usage()).isEqualTo(Usage.of(20, 4));
    }

    @Test
    void titanText() {
        assertJson(NativeFormat.titanText().toBody(PROMPT), """
                {"inputText":"Be brief.\\n\\nUser: Name a river.\\nBot: The Nile.\\nUser: Another?\\nBot:",
                 "textGenerationConfig":{"maxTokenCount":100,"temperature":0.2,"topP":0.9,"stopSequences":["END"]}}""");
        ChatResponse response = NativeFormat.titanText().fromBody(JsonSupport.parse("""
                {"inputTextTokenCount":15,"results":[{"tokenCount":3,"outputText":" The Rhine.","completionReason":"LENGTH"}]}"""));
        assertThat(response.text()).isEqualTo("The Rhine.");
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(response.usage()).isEqualTo(Usage.of(15, 3));
    }

    @Test
    void llama() {
        assertJson(NativeFormat.llama().toBody(PROMPT), """
                {"prompt":"<|begin_of_text|><|start_header_id|>system<|end_header_id|>\\n\\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\\n\\nName a river.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\nThe Nile.<|eot_id|><|start_header_id|>user<|end_header_id|>\\n\\nAnother?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n",
                 "max_gen_len":100,"temperature":0.2,"top_p":0.9}""");
        ChatResponse response = NativeFormat.llama().fromBody(JsonSupport.parse("""
                {"generation":"The Volga.","prompt_token_count":30,"generation_token_count":4,"stop_reason":"stop"}"""));
        assertThat(response.text()).isEqualTo("The Volga.");
        assertThat(response.usage()).isEqualTo(Usage.of(30, 4));
    }

    @Test
    void mistral() {
        assertJson(NativeFormat.mistral().toBody(PROMPT), """
                {"prompt":"<s>[INST] Be brief.\\n\\nName a river. [/INST] The Nile.</s>[INST] Another? [/INST]",
                 "max_tokens":100,"temperature":0.2,"top_p":0.9,"stop":["END"]}""");
        ChatResponse response = NativeFormat.mistral().fromBody(JsonSupport.parse("""
                {"outputs":[{"text":" The Loire.","stop_reason":"length"}]}"""));
        assertThat(response.text()).isEqualTo("The Loire.");
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void cohereCommand() {
        assertJson(NativeFormat.cohereCommand().toBody(PROMPT), """
                {"message":"Another?","chat_history":[{"role":"USER","message":"Name a river."},{"role":"CHATBOT","message":"The Nile."}],
                 "preamble":"Be brief.","max_tokens":100,"temperature":0.2,"p":0.9,"stop_sequences":["END"]}""");
        ChatResponse response = NativeFormat.cohereCommand().fromBody(JsonSupport.parse("""
                {"response_id":"r","text":"The Seine.","generation_id":"g","finish_reason":"COMPLETE"}"""));
        assertThat(response.text()).isEqualTo("The Seine.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void textOnlyFamiliesRejectWhatTheirBodyCannotCarry() {
        ChatRequest withImage = ChatRequest.builder().user(ContentBlock.text("x"), ContentBlock.image(ConverseCodecTest.PNG)).build();
        for (NativeFormat format : new NativeFormat[] {NativeFormat.titanText(), NativeFormat.llama(), NativeFormat.mistral(),
            NativeFormat.cohereCommand()}) {
            assertThatThrownBy(() -> format.toBody(withImage)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("carries only text").hasMessageContaining("Converse");
        }
        ChatRequest withTools = ChatRequest.builder().user("x")
                .tools(ToolDefinition.of("t", "d", JsonSupport.parse("{\"type\":\"object\"}"))).build();
        assertThatThrownBy(() -> NativeFormat.llama().toBody(withTools)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no tools");
        assertThatThrownBy(() -> NativeFormat.forFamily(ModelFamily.AMAZON_TITAN_EMBED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no native chat body");
    }

    static ChatResponse decode(NativeFormat format, String... chunks) {
        Function<JsonNode, List<ChatEvent>> decoder = format.streamDecoder();
        List<ChatEvent> events = new ArrayList<>();
        for (String chunk : chunks) {
            events.addAll(decoder.apply(JsonSupport.parse(chunk)));
        }
        assertThat(events.get(0)).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Metadata.class);
        ResponseAssembler assembler = new ResponseAssembler("m");
        events.forEach(assembler::accept);
        return assembler.snapshot();
    }

    static final String METRICS = "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":12,\"outputTokenCount\":9,\"invocationLatency\":420,\"firstByteLatency\":180}";

    @Test
    void streamDecodersTurnEachFamilysChunksIntoChatEvents() {
        ChatResponse anthropic = decode(NativeFormat.anthropicMessages(),
                "{\"type\":\"message_start\",\"message\":{\"role\":\"assistant\",\"content\":[]}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"tu\",\"name\":\"atlas\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"1}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}",
                "{\"type\":\"message_stop\"," + METRICS + "}");
        assertThat(anthropic.text()).isEqualTo("Hello");
        assertThat(anthropic.toolUses()).singleElement().satisfies(t -> assertThat(t.input().get("q").asInt()).isEqualTo(1));
        assertThat(anthropic.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(anthropic.usage()).isEqualTo(Usage.of(12, 9));

        ChatResponse titan = decode(NativeFormat.titanText(),
                "{\"outputText\":\"Hel\",\"index\":0,\"completionReason\":null,\"inputTextTokenCount\":12}",
                "{\"outputText\":\"lo\",\"index\":0,\"completionReason\":\"LENGTH\"," + METRICS + "}");
        assertThat(titan.text()).isEqualTo("Hello");
        assertThat(titan.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(titan.usage()).isEqualTo(Usage.of(12, 9));

        ChatResponse llama = decode(NativeFormat.llama(),
                "{\"generation\":\"Hel\",\"stop_reason\":null}",
                "{\"generation\":\"lo\",\"stop_reason\":\"stop\"," + METRICS + "}");
        assertThat(llama.text()).isEqualTo("Hello");
        assertThat(llama.stopReason()).isEqualTo(StopReason.END_TURN);

        ChatResponse mistral = decode(NativeFormat.mistral(),
                "{\"outputs\":[{\"text\":\"Hel\",\"stop_reason\":null}]}",
                "{\"outputs\":[{\"text\":\"lo\",\"stop_reason\":\"length\"}]," + METRICS + "}");
        assertThat(mistral.text()).isEqualTo("Hello");
        assertThat(mistral.stopReason()).isEqualTo(StopReason.MAX_TOKENS);

        ChatResponse cohere = decode(NativeFormat.cohereCommand(),
                "{\"is_finished\":false,\"event_type\":\"stream-start\"}",
                "{\"is_finished\":false,\"event_type\":\"text-generation\",\"text\":\"Hello\"}",
                "{\"is_finished\":true,\"event_type\":\"stream-end\",\"finish_reason\":\"MAX_TOKENS\"," + METRICS + "}");
        assertThat(cohere.text()).isEqualTo("Hello");
        assertThat(cohere.stopReason()).isEqualTo(StopReason.MAX_TOKENS);

        ChatResponse nova = decode(NativeFormat.novaMessages(),
                "{\"messageStart\":{\"role\":\"assistant\"}}",
                "{\"contentBlockDelta\":{\"delta\":{\"text\":\"Hello\"},\"contentBlockIndex\":0}}",
                "{\"contentBlockStop\":{\"contentBlockIndex\":0}}",
                "{\"messageStop\":{\"stopReason\":\"end_turn\"}}",
                "{\"metadata\":{\"usage\":{\"inputTokens\":12,\"outputTokens\":9}}}");
        assertThat(nova.text()).isEqualTo("Hello");
        assertThat(nova.usage()).isEqualTo(Usage.of(12, 9));
    }
}
