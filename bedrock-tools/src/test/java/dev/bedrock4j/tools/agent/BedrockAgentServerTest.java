package dev.bedrock4j.tools.agent;

import static dev.bedrock4j.tools.agent.AgentEventsJson.api;
import static dev.bedrock4j.tools.agent.AgentEventsJson.function;
import static dev.bedrock4j.tools.agent.AgentEventsJson.rationale;
import static dev.bedrock4j.tools.agent.AgentEventsJson.returnControl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.ModelTimeoutException;
import dev.bedrock4j.core.ResourceNotFoundException;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import dev.bedrock4j.tools.LocalBedrock;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;

/** InvokeAgent through the real async agent runtime client and the local Bedrock server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockAgentServerTest {
    private final LocalBedrockServer server = LocalBedrockServer.start();
    private final BedrockAgentRuntimeAsyncClient client = LocalBedrock.agentRuntime(server);
    private final BedrockAgent agent = BedrockAgent.of(client, "AGENT12345", "ALIAS12345")
            .withTools(Tool.fromMethods(new BedrockAgentTest.OrderTools()));

    @BeforeEach
    void reset() {
        server.reset();
    }

    @AfterAll
    void close() {
        client.close();
        server.close();
    }

    private List<RecordedRequest> invocations() {
        return server.requests(BedrockOperation.INVOKE_AGENT);
    }

    @Test
    void chunksCitationsAndTracesArriveThroughTheRealClient() {
        server.agent("AGENT12345", "ALIAS12345")
                .enqueue(AgentReply.text("Refunds are accepted within 30 days.").citing("Returns within 30 days.",
                        "s3://docs/policy.md"))
                .enqueue(AgentReply.text("Orders ship within two working days."));
        BedrockAgentSession session = agent.session("customer-42").withAttributes(Map.of("tier", "gold"));
        List<String> streamed = new CopyOnWriteArrayList<>();

        BedrockAgentReply cited = session.invoke("What is the refund policy?");
        BedrockAgentReply plain = session.invoke("How fast do orders ship?", streamed::add);

        assertThat(cited.text()).isEqualTo("Refunds are accepted within 30 days.");
        assertThat(cited.sessionId()).isEqualTo("customer-42");
        assertThat(cited.citations()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Refunds are accepted within 30 days.");
            assertThat(c.references()).singleElement().satisfies(ref -> {
                assertThat(ref.source()).isEqualTo("s3://docs/policy.md");
                assertThat(ref.sourceContent()).containsExactly("Returns within 30 days.");
            });
        });
        assertThat(cited.traces()).extracting(AgentTrace::type).containsOnly("orchestrationTrace").hasSize(2);
        assertThat(cited.traces().get(0).detail().at("/rationale/text").asText()).isNotBlank();
        assertThat(cited.traces().get(1).detail().at("/observation/finalResponse/text").asText())
                .isEqualTo("Refunds are accepted within 30 days.");
        assertThat(cited.traces()).allSatisfy(t -> assertThat(t.eventTime()).isNotNull());
        assertThat(streamed).hasSizeGreaterThan(1);
        assertThat(String.join("", streamed)).isEqualTo(plain.text()).isEqualTo("Orders ship within two working days.");

        RecordedRequest first = invocations().get(0);
        assertThat(first.path()).isEqualTo("/agents/AGENT12345/agentAliases/ALIAS12345/sessions/customer-42/text");
        assertThat(first.json().get("inputText").asText()).isEqualTo("What is the refund policy?");
        assertThat(first.json().get("enableTrace").asBoolean()).isTrue();
        assertThat(first.json().at("/sessionState/sessionAttributes/tier").asText()).isEqualTo("gold");
    }

    /** The local server declares every parameter a string; the tool's schema says quantity is an integer. */
    @Test
    void returnOfControlIsAnsweredByLocalToolsAndAcknowledgedByTheFollowUpCall() {
        server.agent("AGENT12345", "ALIAS12345")
                .enqueue(AgentReply.returnControl("orders", "orderStatus", Map.of("orderNumber", "A-1042", "quantity", "2")));

        BedrockAgentReply reply = agent.session("customer-42").invoke("Where is order A-1042?");

        assertThat(reply.text()).isEqualTo("Thanks, I received the results: orderStatus returned order A-1042 (2 items) shipped.");
        assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.tool()).isEqualTo("orderStatus");
            assertThat(call.input().get("orderNumber").asText()).isEqualTo("A-1042");
            assertThat(call.error()).isFalse();
        });
        assertThat(reply.traces()).extracting(t -> t.detail().at("/rationale/text").asText())
                .contains("To answer, I need the result of orderStatus.");
        assertThat(invocations()).hasSize(2);
        JsonNode followUp = invocations().get(1).json();
        assertThat(followUp.has("inputText")).isFalse();
        assertThat(followUp.at("/sessionState/invocationId").asText()).startsWith("local-invocation-");
        JsonNode result = followUp.at("/sessionState/returnControlInvocationResults/0/functionResult");
        assertThat(result.get("actionGroup").asText()).isEqualTo("orders");
        assertThat(result.get("function").asText()).isEqualTo("orderStatus");
        assertThat(result.at("/responseBody/TEXT/body").asText()).isEqualTo("order A-1042 (2 items) shipped");
        assertThat(result.has("responseState")).isFalse();
    }

    @Test
    void typedParametersUnknownFunctionsAndApiOperationsOverTheWire() {
        server.agent("AGENT12345", "ALIAS12345")
                .enqueue(AgentReply.events(rationale("I need the order status."), returnControl("inv-7",
                        function("orders", "orderStatus", "orderNumber", "string", "A-1042", "quantity", "integer", "3"),
                        function("orders", "cancelOrder", "orderNumber", "string", "A-1042"),
                        api("billing", "GET", "/invoices/{id}"))))
                .enqueue(AgentReply.respond(request -> AgentReply.text("Answered "
                        + request.at("/sessionState/returnControlInvocationResults").size() + " requests.")));

        BedrockAgentReply reply = agent.session("customer-42").invoke("Where is order A-1042?");

        assertThat(reply.text()).isEqualTo("Answered 3 requests.");
        assertThat(reply.toolCalls()).extracting(Step.ToolCall::error).containsExactly(false, true);
        assertThat(reply.toolCalls().get(0).input().get("quantity").isIntegralNumber()).isTrue();
        JsonNode results = invocations().get(1).json().at("/sessionState/returnControlInvocationResults");
        assertThat(invocations().get(1).json().at("/sessionState/invocationId").asText()).isEqualTo("inv-7");
        assertThat(results.at("/0/functionResult/responseBody/TEXT/body").asText()).isEqualTo("order A-1042 (3 items) shipped");
        assertThat(results.at("/1/functionResult/responseState").asText()).isEqualTo("FAILURE");
        assertThat(results.at("/1/functionResult/responseBody/TEXT/body").asText()).contains("no tool named 'cancelOrder'");
        assertThat(results.at("/2/apiResult/httpStatusCode").asInt()).isEqualTo(501);
        assertThat(results.at("/2/apiResult/responseState").asText()).isEqualTo("FAILURE");
    }

    @Test
    void anUnknownAgentIsResourceNotFound() {
        assertThatThrownBy(() -> BedrockAgent.of(client, "MISSING123", "ALIAS12345").session("s-1").invoke("Hello"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("MISSING123");
        assertThat(invocations()).hasSize(1);
    }

    @Test
    void aStalledCallTimesOut() {
        server.agent("AGENT12345", "ALIAS12345").faultNext(1, Fault.latency(Duration.ofSeconds(5))).reply("Late.");

        assertThatThrownBy(() -> agent.withTimeout(Duration.ofMillis(200)).session("s-1").invoke("Hello"))
                .isInstanceOf(ModelTimeoutException.class).hasMessageContaining("AGENT12345");
    }
}
