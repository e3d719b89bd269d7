package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.testkit.LocalBedrockServerAgentRuntimeTest.AgentCall;
import dev.bedrock4j.testkit.LocalBedrockServerConverseTest.Recorder;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateType;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The JSON control API under {@code /_emulator/}, scripted with plain HTTP as a Python or JavaScript program
 * would, and checked through the real SDK clients (sync over HTTP/1.1, async over HTTP/2).
 */
class ControlApiTest extends LocalServerTestBase {
    static final String MODEL = LocalBedrockServerConverseTest.MODEL;
    static final ControlClient control = new ControlClient(server.endpoint());

    private static String converse(String text) {
        ConverseResponse response = sync.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text(text))));
        return response.output().message().content().get(0).text();
    }

    // ------------------------------------------------------------------ models

    @Test
    void aModelAnswersItsOneShotRepliesInOrderThenItsStandingReply() {
        control.apply("PUT", "/models/" + MODEL, """
                {"replies": ["one", {"text": "two"}], "reply": "always"}""");

        assertThat(List.of(converse("a"), converse("b"), converse("c"), converse("d")))
                .containsExactly("one", "two", "always", "always");
        Recorder stream = LocalBedrockServerConverseTest.stream(LocalBedrockServerConverseTest.streamRequest("e"));
        assertThat(stream.text).hasToString("always");
    }

    @Test
    void putReplacesTheScriptPostAddsToItDeleteForgetsIt() {
        control.apply("PUT", "/models/" + MODEL, "{\"replies\": [\"first\"], \"reply\": \"standing\"}");
        control.apply("PUT", "/models/" + MODEL, "{\"replies\": [\"replaced\"]}");
        control.apply("POST", "/models/" + MODEL, "{\"replies\": [\"added\"]}");

        assertThat(List.of(converse("a"), converse("b"), converse("c"))).containsExactly("replaced", "added", "You said: c");

        control.apply("PUT", "/models/" + MODEL, "{\"reply\": \"scripted\"}");
        control.apply("DELETE", "/models/" + MODEL, null);
        assertThat(converse("hi")).isEqualTo("You said: hi");
    }

    @Test
    void repliesCanUseATool_orBeAWholeConverseResponse() {
        control.apply("PUT", "/models/" + MODEL, """
                {"replies": [
                  {"toolUse": {"name": "get_weather", "input": {"city": "Paris"}}},
                  {"converse": {"output": {"message": {"role": "assistant", "content": [{"text": "Cut sho"}]}},
                                "stopReason": "max_tokens",
                                "usage": {"inputTokens": 12, "outputTokens": 3, "totalTokens": 15}}}
                ]}""");

        ConverseResponse toolUse = sync.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Weather?"))));
        ContentBlock block = toolUse.output().message().content().get(0);
        assertThat(toolUse.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(block.toolUse().name()).isEqualTo("get_weather");
        assertThat(block.toolUse().toolUseId()).isEqualTo("tooluse_get_weather");
        assertThat(block.toolUse().input().asMap().get("city").asString()).isEqualTo("Paris");

        ConverseResponse truncated = sync.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Long answer?"))));
        assertThat(truncated.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(truncated.output().message().content().get(0).text()).isEqualTo("Cut sho");
        assertThat(truncated.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void aStreamCanBeScriptedEventByEvent() {
        control.apply("PUT", "/models/" + MODEL, """
                {"replies": [{"events": [
                  {"event": "messageStart", "payload": {"role": "assistant"}},
                  {"event": "contentBlockDelta", "payload": {"contentBlockIndex": 0, "delta": {"text": "Hel"}}},
                  {"event": "contentBlockDelta", "payload": {"contentBlockIndex": 0, "delta": {"text": "lo"}}},
                  {"event": "contentBlockStop", "payload": {"contentBlockIndex": 0}},
                  {"exception": "modelStreamErrorException", "message": "The model broke off."}
                ]}]}""");

        Recorder recorder = new Recorder();
        assertThatThrownBy(() -> async.converseStream(LocalBedrockServerConverseTest.streamRequest("Hi"),
                recorder.handler()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ModelStreamErrorException.class).hasMessageContaining("The model broke off.");
        assertThat(recorder.text).hasToString("Hello");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
    }

    @Test
    void invokeModelAnswersARawBody_andItsStreamNativeChunks() {
        control.apply("PUT", "/models/" + MODEL, """
                {"replies": [
                  {"rawBody": {"id": "msg_1", "type": "message", "role": "assistant",
                               "content": [{"type": "text", "text": "Raw!"}], "stop_reason": "end_turn"}},
                  {"events": [
                    {"chunk": {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Chunk"}}},
                    {"chunk": {"type": "message_stop"}}
                  ]}
                ]}""");

        InvokeModelResponse raw = sync.invokeModel(r -> r.modelId(MODEL).body(SdkBytes.fromUtf8String(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        assertThat(raw.body().asUtf8String()).contains("\"text\":\"Raw!\"");

        List<String> chunks = new CopyOnWriteArrayList<>();
        async.invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest.builder().modelId(MODEL)
                        .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(),
                InvokeModelWithResponseStreamResponseHandler.builder().subscriber(
                        InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                .onChunk(chunk -> chunks.add(chunk.bytes().asUtf8String())).build()).build()).join();
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).contains("\"text\":\"Chunk\"");
    }

    @Test
    void anyModelIsTheFallbackOfEveryModel() {
        control.apply("PUT", "/any-model", "{\"reply\": \"from any model\"}");

        assertThat(converse("hi")).isEqualTo("from any model");
    }

    // ------------------------------------------------------------------ faults

    @Test
    void serverFaultsHitTheNextCallsOfAnyOperation() {
        control.apply("POST", "/faults", "{\"type\": \"throttling\", \"calls\": 1}");

        assertThat(converse("hi")).isEqualTo("You said: hi");
        assertThat(server.requests()).extracting(RecordedRequest::attempt).containsExactly(1, 2);
    }

    @Test
    void deletingServerFaultsForgetsThem() {
        control.apply("POST", "/faults", "[{\"type\": \"throttling\", \"calls\": 9}]");
        control.apply("DELETE", "/faults", null);

        assertThat(converse("hi")).isEqualTo("You said: hi");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aModelsFaultsComeBeforeItsReplies_andAStandingFaultLastsUntilRemoved() {
        control.apply("PUT", "/models/" + MODEL, """
                {"faults": [{"type": "error", "status": 400, "errorType": "ValidationException",
                             "message": "Bad input, says the script."}],
                 "reply": "fine"}""");

        assertThatThrownBy(() -> converse("a")).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Bad input, says the script.");
        });
        assertThat(converse("b")).isEqualTo("fine");

        control.apply("POST", "/models/" + MODEL, "{\"fault\": {\"type\": \"rateLimit\", \"perSecond\": 0.001, \"burst\": 1}}");
        assertThat(converse("c")).isEqualTo("fine");
        assertThatThrownBy(() -> converse("d")).isInstanceOf(ThrottlingException.class);

        control.apply("POST", "/models/" + MODEL, "{\"fault\": null}");
        assertThat(converse("e")).isEqualTo("fine");
    }

    @Test
    void aStreamCanEndWithAnInjectedException() {
        control.apply("PUT", "/models/" + MODEL, """
                {"reply": "one two three four five six",
                 "faults": [{"type": "inStreamException", "exceptionType": "modelStreamErrorException", "afterEvents": 2}]}""");

        Recorder recorder = new Recorder();
        assertThatThrownBy(() -> async.converseStream(LocalBedrockServerConverseTest.streamRequest("Hi"),
                recorder.handler()).join()).cause().isInstanceOf(ModelStreamErrorException.class);
        assertThat(recorder.events).hasSize(2);
    }

    // ------------------------------------------------------------------ knowledge bases and agents

    @Test
    void knowledgeBasesTakeDocumentsWithMetadata() {
        control.apply("PUT", "/knowledge-bases/KB1", """
                {"documents": [
                  {"id": "returns", "text": "Items can be returned within 30 days.", "metadata": {"category": "policy"}},
                  {"id": "shipping", "text": "Orders ship within one business day.",
                   "metadata": {"x-amz-bedrock-kb-source-uri": "s3://docs/shipping.txt"}}
                ]}""");
        control.apply("POST", "/knowledge-bases/KB1", """
                {"documents": [{"id": "warranty", "text": "The warranty covers two years."}]}""");

        RetrieveResponse response = agentSync.retrieve(r -> r.knowledgeBaseId("KB1")
                .retrievalQuery(q -> q.text("when can items be returned")));
        assertThat(response.retrievalResults()).hasSize(3);
        assertThat(response.retrievalResults().get(0).content().text()).isEqualTo("Items can be returned within 30 days.");
        assertThat(response.retrievalResults().get(0).metadata().get("category").asString()).isEqualTo("policy");

        control.apply("PUT", "/models/" + MODEL, "{\"reply\": \"Within 30 days.\"}");
        RetrieveAndGenerateResponse answer = agentSync.retrieveAndGenerate(r -> r.input(i -> i.text("Returns?"))
                .retrieveAndGenerateConfiguration(c -> c.type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
                        .knowledgeBaseConfiguration(k -> k.knowledgeBaseId("KB1").modelArn(MODEL))));
        assertThat(answer.output().text()).isEqualTo("Within 30 days.");

        control.apply("DELETE", "/knowledge-bases/KB1", null);
        assertThat(agentSync.retrieve(r -> r.knowledgeBaseId("KB1").retrievalQuery(q -> q.text("items")))
                .retrievalResults()).isEmpty();
    }

    @Test
    void agentsReturnControlThenAnswerWithCitations() {
        control.apply("PUT", "/agents/AGENT1/ALIAS1", """
                {"replies": [{"returnControl": {"actionGroup": "orders", "function": "getOrder",
                                                "parameters": {"orderId": "42"}}}],
                 "reply": {"text": "Order 42 ships tomorrow.",
                           "citations": [{"text": "Orders ship in one day.", "s3Uri": "s3://docs/shipping.txt"}]}}""");

        AgentCall first = LocalBedrockServerAgentRuntimeTest.invoke(
                LocalBedrockServerAgentRuntimeTest.agentRequest().inputText("Where is order 42?").build());
        assertThat(first.returns).singleElement().satisfies(payload -> assertThat(payload.invocationInputs().get(0)
                .functionInvocationInput().function()).isEqualTo("getOrder"));

        AgentCall second = LocalBedrockServerAgentRuntimeTest.invoke(
                LocalBedrockServerAgentRuntimeTest.agentRequest().inputText("And?").build());
        assertThat(second.text()).isEqualTo("Order 42 ships tomorrow.");
        assertThat(second.chunks.get(0).attribution().citations().get(0).retrievedReferences().get(0)
                .location().s3Location().uri()).isEqualTo("s3://docs/shipping.txt");
    }

    // ------------------------------------------------------------------ recorded requests, reset

    @Test
    void recordedRequestsComeBackAsJsonWithTheirBodiesAndWithoutCredentials() {
        converse("What is the capital of France?");
        LocalBedrockServerConverseTest.stream(LocalBedrockServerConverseTest.streamRequest("And of Spain?"));

        JsonNode all = control.get("/requests");
        assertThat(all.path("count").asInt()).isEqualTo(2);
        JsonNode first = all.path("requests").get(0);
        assertThat(first.path("operation").asText()).isEqualTo("Converse");
        assertThat(first.path("pathParameters").path("modelId").asText()).isEqualTo(MODEL);
        assertThat(first.path("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(first.path("attempt").asInt()).isEqualTo(1);
        assertThat(first.path("lastUserText").asText()).isEqualTo("What is the capital of France?");
        assertThat(first.path("body").path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("What is the capital of France?");
        assertThat(first.path("headers").path("authorization").get(0).asText())
                .contains("Credential=<redacted>/").contains("Signature=<redacted>").doesNotContain("AKIDEXAMPLE");
        assertThat(all.toString()).doesNotContain("AKIDEXAMPLE");

        JsonNode streams = control.get("/requests?operation=ConverseStream");
        assertThat(streams.path("count").asInt()).isEqualTo(1);
        assertThat(streams.path("requests").get(0).path("lastUserText").asText()).isEqualTo("And of Spain?");

        control.apply("DELETE", "/requests", null);
        assertThat(control.get("/requests").path("count").asInt()).isZero();
        assertThat(server.requests()).as("control requests are not recorded").isEmpty();
    }

    @Test
    void resetForgetsScriptsKnowledgeBasesAgentsAndRequests() {
        control.apply("PUT", "/models/" + MODEL, "{\"reply\": \"scripted\"}");
        control.apply("PUT", "/knowledge-bases/KB1", "{\"documents\": [{\"id\": \"a\", \"text\": \"A.\"}]}");
        converse("hi");

        control.apply("POST", "/reset", null);

        assertThat(server.requestCount()).isZero();
        assertThat(converse("hi")).isEqualTo("You said: hi");
        assertThatThrownBy(() -> agentSync.retrieve(r -> r.knowledgeBaseId("KB1").retrievalQuery(q -> q.text("a"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void modelIdsWithASlashArePercentEncoded() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0";
        control.apply("PUT", "/models/" + arn.replace("/", "%2F"), "{\"reply\": \"from the profile\"}");

        ConverseResponse response = sync.converse(r -> r.modelId(arn)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))));
        assertThat(response.output().message().content().get(0).text()).isEqualTo("from the profile");
    }

    @Test
    void theIndexAndHealthEndpointsAnswer() {
        assertThat(control.get("/health").path("status").asText()).isEqualTo("ok");
        assertThat(control.get("").path("endpoints").toString()).contains("PUT|POST|DELETE /_emulator/models/{modelId}");
    }

    // ------------------------------------------------------------------ mistakes

    @Test
    void mistakesAreRefusedNamingTheFieldAndTheFix_andLeaveTheScriptAsItWas() {
        control.apply("PUT", "/models/" + MODEL, "{\"reply\": \"kept\"}");

        ControlClient.Reply typo = control.send("PUT", "/models/" + MODEL, "{\"replys\": [\"x\"]}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.message()).isEqualTo("replys is not a known field; expected [fault, faults, replies, reply]");

        ControlClient.Reply noName = control.send("PUT", "/models/" + MODEL,
                "{\"replies\": [\"ok\", {\"toolUse\": {\"input\": {}}}]}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.message()).isEqualTo("replies[1].toolUse.name is missing");

        ControlClient.Reply badFault = control.send("POST", "/faults", "{\"type\": \"slow\"}");
        assertThat(badFault.status()).isEqualTo(400);
        assertThat(badFault.message()).startsWith("type: unknown fault \"slow\"; use throttling,");

        ControlClient.Reply capitalised = control.send("POST", "/faults",
                "{\"type\": \"inStreamException\", \"exceptionType\": \"ThrottlingException\"}");
        assertThat(capitalised.status()).isEqualTo(400);
        assertThat(capitalised.message()).contains("lowerCamel");

        ControlClient.Reply notJson = control.send("PUT", "/models/" + MODEL, "{reply: kept}");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.message()).startsWith("the body is not valid JSON");

        ControlClient.Reply wrongMethod = control.send("GET", "/reset", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.message()).isEqualTo("GET is not supported here; use POST");

        ControlClient.Reply unknown = control.send("GET", "/model/" + MODEL, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).contains("GET /_emulator lists them");

        ControlClient.Reply agentFault = control.send("PUT", "/agents/A/B", "{\"fault\": {\"type\": \"throttling\"}}");
        assertThat(agentFault.status()).isEqualTo(400);
        assertThat(agentFault.message()).contains("an agent takes one-shot faults only");

        assertThat(converse("hi")).isEqualTo("kept");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
