package dev.bedrock4j.testkit.examples;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.GuardrailReply;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.bedrock4j.testkit.junit.BedrockTestExtension;
import dev.bedrock4j.testkit.junit.SdkRetries;
import dev.bedrock4j.testkit.replay.ReplayChatModel;
import dev.bedrock4j.testkit.replay.ReplayMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * The Javadoc examples of the testkit's assertions, JUnit support and record/replay, run so that they
 * stay correct. Each test holds, between its set-up and its own checks, the snippet of the type it is
 * named after, as the Javadoc shows it.
 */
@BedrockTest(retries = SdkRetries.IMMEDIATE)
class JavadocExamplesTest {
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    LocalBedrockServer server;
    Bedrock bedrock;
    BedrockRuntimeClient client;

    /** Stands in for the application service the snippets test. */
    enum Priority { P1, P2, P3 }

    record TicketTriage(ChatModel model) {
        Priority prioritize(String ticket) {
            return Priority.valueOf(model.prompt().system("Answer with P1, P2 or P3.").user(ticket).call().text());
        }
    }

    private static FakeChatModel triagedOnce() {
        FakeChatModel model = FakeChatModel.create().enqueueText("P1");
        model.prompt().system("You triage tickets.").user("Printer on fire").maxTokens(5)
                .tools(ToolDefinition.of("lookup_customer", "Finds a customer.", JsonSupport.parse("{\"type\":\"object\"}")))
                .call();
        return model;
    }

    @Test
    void abstractChatRequestAssert() {
        FakeChatModel model = triagedOnce();
        assertThat(model).lastRequest()
                .hasSystemPromptContaining("triage")
                .hasLastUserTextContaining("Printer on fire")
                .hasToolOffered("lookup_customer")
                .hasMaxTokens(5);
    }

    @Test
    void abstractRequestsAssert() {
        FakeChatModel model = FakeChatModel.echo();
        model.prompt().user("Hi").call();
        model.prompt().user("And now?").call();

        assertThat(model).hasRequestCount(2).request(0).hasLastUserText("Hi");
        assertThat(model).lastRequest().hasLastUserText("And now?");
    }

    @Test
    void bedrockAssertions() {
        FakeChatModel model = FakeChatModel.create().enqueueText("P2");
        ChatResponse reply = model.prompt().system("Triage the ticket.").user("Printer on fire").call();

        assertThat(reply).hasText("P2");
        assertThat(model).hasRequestCount(1)
                .lastRequest()
                .hasSystemPromptContaining("Triage")
                .hasLastUserText("Printer on fire");
        assertThat(reply.text()).startsWith("P");                       // plain AssertJ, same import
    }

    @Test
    void chatRequestAssert() {
        ChatRequest request = ChatRequest.builder().system("Answer with P1, P2 or P3.").user("Printer on fire").build();
        assertThat(request).hasSystemPromptContaining("P1, P2 or P3").hasLastUserText("Printer on fire");
    }

    @Test
    void chatResponseAssert() {
        ChatModel model = FakeChatModel.create().enqueueText("7");

        ChatResponse reply = model.prompt().user("Name a prime number.").call();
        assertThat(reply).hasText("7").hasStopReason(StopReason.END_TURN).hasNoToolUse();
    }

    @Test
    void fakeChatModelAssert() {
        FakeChatModel model = triagedOnce();
        assertThat(model).hasRequestCount(1)
                .lastRequest()
                .hasSystemPromptContaining("triage")
                .hasLastUserTextContaining("Printer on fire");
        assertThat(model).hasNoRemainingReplies();
    }

    @Test
    void fakeRuntimeClientAssert() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create().enqueueConverseText("P2");
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();
        bedrock.chat("anthropic.claude-3-haiku-20240307-v1:0").prompt().system("Triage.").user("Printer on fire").call();

        assertThat(sdk).hasRequestCount(1).lastRequest().hasSystemPrompt("Triage.").hasLastUserText("Printer on fire");
    }

    @Test
    void localBedrockServerAssert() {
        bedrock.chat(CLAUDE).prompt().user("Hello").call();
        bedrock.chat(CLAUDE).prompt().user("Printer on fire, again").call();

        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2)
                .lastRequest()
                .hasModelId("anthropic.claude-3-haiku-20240307-v1:0")
                .hasLastUserTextContaining("Printer on fire");
    }

    @Test
    void localGuardrail() {
        server.guardrail("gr7abc123xyz", "1")
                .blockWords("confidential")
                .denyTopic("investment advice", "stocks", "crypto")
                .blockPii("US_SOCIAL_SECURITY_NUMBER");

        ApplyGuardrailResponse response = client.applyGuardrail(r -> r
                .guardrailIdentifier("gr7abc123xyz").guardrailVersion("1")
                .source(GuardrailContentSource.OUTPUT)
                .content(c -> c.text(t -> t.text("Write to jane@example.com"))));

        assertThat(response.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(response.outputs().get(0).text()).isEqualTo("Write to {EMAIL}");
    }

    @Test
    void guardrailReply() {
        server.guardrail("gr7abc123xyz", "1").enqueue(GuardrailReply.rawBody("""
                {"action":"GUARDRAIL_INTERVENED","actionReason":"Guardrail blocked.",
                 "outputs":[{"text":"Sorry, the model cannot answer this question."}],
                 "assessments":[{"contentPolicy":{"filters":[{"type":"HATE","confidence":"HIGH",
                                 "filterStrength":"HIGH","action":"BLOCKED","detected":true}]}}],
                 "usage":{"topicPolicyUnits":0,"contentPolicyUnits":1,"wordPolicyUnits":0,
                          "sensitiveInformationPolicyUnits":0,"sensitiveInformationPolicyFreeUnits":0,
                          "contextualGroundingPolicyUnits":0}}"""));

        ApplyGuardrailResponse response = client.applyGuardrail(r -> r.guardrailIdentifier("gr7abc123xyz")
                .guardrailVersion("1").source(GuardrailContentSource.INPUT).content(c -> c.text(t -> t.text("hi"))));
        assertThat(response.assessments().get(0).contentPolicy().filters().get(0).action())
                .isEqualTo(GuardrailContentPolicyAction.BLOCKED);
    }

    @Test
    void localBedrockServerGuardrail() {
        server.guardrail("gr7abc123xyz", "DRAFT").blockWords("confidential");

        assertThat(client.applyGuardrail(r -> r.guardrailIdentifier("gr7abc123xyz").guardrailVersion("DRAFT")
                .source(GuardrailContentSource.INPUT).content(c -> c.text(t -> t.text("All confidential.")))).action())
                .isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
    }

    @Test
    void recordedRequestAssert() {
        bedrock.chat(CLAUDE).prompt().user("Hi").call();

        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 1)
                .lastRequest()
                .hasModelId("anthropic.claude-3-haiku-20240307-v1:0")
                .hasLastUserText("Hi")
                .hasAttempt(1);
    }

    @Test
    void replayChatModel(@TempDir Path directory) {
        Path recordings = directory.resolve("src/test/resources/bedrock-recordings");
        server.anyModel().reply("P1");
        Priority recorded = new TicketTriage(ReplayChatModel.of(bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0"),
                recordings, ReplayMode.RECORD)).prioritize("Printer on fire");
        server.reset();

        ChatModel real = bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0");
        ChatModel model = ReplayChatModel.of(real, recordings,
                ReplayMode.fromSystemProperty("bedrock4j.replay", ReplayMode.REPLAY));

        Priority priority = new TicketTriage(model).prioritize("Printer on fire");   // from the recording

        assertThat(priority).isEqualTo(recorded).isEqualTo(Priority.P1);
        assertThat(server).hasNoRequests();
    }

    @Test
    void replayMode() {
        // replay by default; `mvn test -Dbedrock4j.replay=record_missing` records what is missing
        ReplayMode mode = ReplayMode.fromSystemProperty("bedrock4j.replay", ReplayMode.REPLAY);

        assertThat(mode).isEqualTo(ReplayMode.REPLAY);
    }

    @Nested
    class GreeterTest {           // BedrockTest: a nested class shares the enclosing class's server
        @Test
        void greets(LocalBedrockServer server, Bedrock bedrock) {
            server.model("amazon.nova-lite-v1:0").reply("Hello!");

            String text = bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hi").call().text();

            assertThat(text).isEqualTo("Hello!");
        }
    }

    @Nested
    @ExtendWith(BedrockTestExtension.class)
    class AnswerServiceTest {     // BedrockTestExtension
        LocalBedrockServer server;                    // injected
        BedrockRuntimeClient client;                  // injected

        @Test
        void answers() {
            server.model("amazon.nova-lite-v1:0").reply("42");

            ConverseResponse response = client.converse(r -> r.modelId("amazon.nova-lite-v1:0")
                    .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("The answer?"))));

            assertThat(response.output().message().content().get(0).text()).isEqualTo("42");
        }
    }

    @Nested
    class ThrottlingTest {        // SdkRetries: the enclosing class sets retries = SdkRetries.IMMEDIATE
        @Test
        void retriesThrottling(LocalBedrockServer server, Bedrock bedrock) {
            server.faultNext(1, Fault.throttling());
            bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hi").call();
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Nested
    @BedrockTest(serverPerTest = true)
    @Execution(ExecutionMode.CONCURRENT)
    class ManyCallsTest {         // BedrockTest, parallel execution: a server per test
        @RepeatedTest(3)
        void answers(LocalBedrockServer server, Bedrock bedrock) {        // a new server for each repetition
            server.model("amazon.nova-lite-v1:0").reply("Hello!");
            assertThat(bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hi").call().text()).isEqualTo("Hello!");
        }
    }
}
