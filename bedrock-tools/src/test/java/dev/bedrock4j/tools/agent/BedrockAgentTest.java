package dev.bedrock4j.tools.agent;

import static dev.bedrock4j.tools.agent.AgentEventsJson.api;
import static dev.bedrock4j.tools.agent.AgentEventsJson.chunk;
import static dev.bedrock4j.tools.agent.AgentEventsJson.citation;
import static dev.bedrock4j.tools.agent.AgentEventsJson.function;
import static dev.bedrock4j.tools.agent.AgentEventsJson.rationale;
import static dev.bedrock4j.tools.agent.AgentEventsJson.returnControl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.FakeBedrockAgentRuntimeAsyncClient;
import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationResultMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseState;
import software.amazon.awssdk.services.bedrockagentruntime.model.ThrottlingException;

/** BedrockAgent over the testkit's fake agent runtime client: the SDK requests it builds and the events it reads. */
class BedrockAgentTest {
    private final FakeBedrockAgentRuntimeAsyncClient client = FakeBedrockAgentRuntimeAsyncClient.create();
    private final BedrockAgent agent = BedrockAgent.of(client, "AGENT12345", "ALIAS12345");

    /** Local tools the agent's action group returns control for. */
    public static class OrderTools {
        @ToolMethod(description = "Status of an order.")
        public String orderStatus(@Description("Order number") String orderNumber, int quantity) {
            return "order " + orderNumber + " (" + quantity + " items) shipped";
        }
    }

    @Test
    void streamsChunksWithCitationsAndTraces() {
        client.enqueueStream(rationale("The user asks about refunds; search the policy."),
                chunk("Refunds are accepted ", citation("Refunds are accepted", 0, 19, "Returns within 30 days.",
                        "s3://docs/policy.md")),
                chunk("within 30 days."));
        List<String> streamed = new CopyOnWriteArrayList<>();

        BedrockAgentReply reply = agent.session("customer-42").withAttributes(Map.of("tier", "gold"))
                .withPromptAttributes(Map.of("today", "2024-05-01"))
                .invoke("What is the refund policy?", streamed::add);

        assertThat(streamed).containsExactly("Refunds are accepted ", "within 30 days.");
        assertThat(reply.text()).isEqualTo("Refunds are accepted within 30 days.");
        assertThat(reply.sessionId()).isEqualTo("customer-42");
        assertThat(reply.citations()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Refunds are accepted");
            assertThat(c.start()).isZero();
            assertThat(c.end()).isEqualTo(19);
            assertThat(c.references()).singleElement().satisfies(ref -> {
                assertThat(ref.source()).isEqualTo("s3://docs/policy.md");
                assertThat(ref.sourceContent()).containsExactly("Returns within 30 days.");
                assertThat(ref.location().at("/s3Location/uri").asText()).isEqualTo("s3://docs/policy.md");
            });
        });
        assertThat(reply.traces()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("orchestrationTrace");
            assertThat(t.eventTime()).isEqualTo(Instant.parse(AgentEventsJson.EVENT_TIME));
            assertThat(t.detail().at("/rationale/text").asText()).startsWith("The user asks about refunds");
        });
        InvokeAgentRequest request = client.invokeAgentRequests().get(0);
        assertThat(request.agentId()).isEqualTo("AGENT12345");
        assertThat(request.agentAliasId()).isEqualTo("ALIAS12345");
        assertThat(request.sessionId()).isEqualTo("customer-42");
        assertThat(request.enableTrace()).isTrue();
        assertThat(request.inputText()).isEqualTo("What is the refund policy?");
        assertThat(request.sessionState().sessionAttributes()).containsEntry("tier", "gold");
        assertThat(request.sessionState().promptSessionAttributes()).containsEntry("today", "2024-05-01");
        assertThat(reply.toString()).doesNotContain("Refunds");
    }

    @Test
    void returnOfControlIsAnsweredByLocalToolsInTheSameInvocation() {
        BedrockAgent withTools = agent.withTools(Tool.fromMethods(new OrderTools()));
        client.enqueueStream(rationale("I need the order status."), returnControl("inv-1",
                function("orders", "orderStatus", "orderNumber", "string", "A-1042", "quantity", "integer", "3"),
                function("orders", "cancelOrder", "orderNumber", "string", "A-1042"),
                api("billing", "GET", "/invoices/{id}")));
        client.enqueueStream(chunk("Your order A-1042 has shipped."));
        List<String> streamed = new ArrayList<>();

        BedrockAgentReply reply = withTools.session("customer-42").invoke("Where is order A-1042?", streamed::add);

        assertThat(reply.text()).isEqualTo("Your order A-1042 has shipped.");
        assertThat(streamed).containsExactly("Your order A-1042 has shipped.");
        assertThat(reply.traces()).hasSize(1);
        assertThat(client.invokeAgentRequests()).hasSize(2);
        InvokeAgentRequest followUp = client.invokeAgentRequests().get(1);
        assertThat(followUp.inputText()).isNull();
        assertThat(followUp.sessionId()).isEqualTo("customer-42");
        assertThat(followUp.sessionState().invocationId()).isEqualTo("inv-1");
        List<InvocationResultMember> results = followUp.sessionState().returnControlInvocationResults();
        assertThat(results).hasSize(3);
        FunctionResult status = results.get(0).functionResult();
        assertThat(status.actionGroup()).isEqualTo("orders");
        assertThat(status.function()).isEqualTo("orderStatus");
        assertThat(status.responseBody().get("TEXT").body()).isEqualTo("order A-1042 (3 items) shipped");
        assertThat(status.responseState()).isNull();
        FunctionResult cancel = results.get(1).functionResult();
        assertThat(cancel.responseState()).isEqualTo(ResponseState.FAILURE);
        assertThat(cancel.responseBody().get("TEXT").body()).contains("no tool named 'cancelOrder'");
        assertThat(results.get(2).apiResult().responseState()).isEqualTo(ResponseState.FAILURE);
        assertThat(results.get(2).apiResult().httpStatusCode()).isEqualTo(501);
        assertThat(reply.toolCalls()).extracting(Step.ToolCall::tool).containsExactly("orderStatus", "cancelOrder");
        assertThat(reply.toolCalls().get(0).input().toString()).isEqualTo("{\"orderNumber\":\"A-1042\",\"quantity\":3}");
        assertThat(reply.toolCalls().get(0).error()).isFalse();
        assertThat(reply.toolCalls().get(1).error()).isTrue();
    }

    /** A tool whose exception message holds a secret. */
    public static class LeakyTools {
        @ToolMethod(description = "Status of an order.")
        public String orderStatus(@Description("Order number") String orderNumber) {
            throw new IllegalStateException("db password=hunter2 rejected");
        }
    }

    @Test
    void aToolsExceptionReachesTheAgentAsTheErrorMapperSays() {
        client.enqueueStream(returnControl("inv-1", function("orders", "orderStatus", "orderNumber", "string", "A-1")));
        client.enqueueStream(chunk("Sorry."));
        client.enqueueStream(returnControl("inv-2", function("orders", "orderStatus", "orderNumber", "string", "A-1")));
        client.enqueueStream(chunk("Sorry."));
        BedrockAgent leaky = agent.withTools(Tool.fromMethods(new LeakyTools()));

        BedrockAgentReply reply = leaky.session("s-1").invoke("Where is A-1?");
        leaky.withErrorMapper((tool, error) -> "mapped " + error.getClass().getSimpleName()).session("s-2").invoke("Again?");

        String generic = client.invokeAgentRequests().get(1).sessionState().returnControlInvocationResults().get(0)
                .functionResult().responseBody().get("TEXT").body();
        assertThat(generic).isEqualTo("tool 'orderStatus' failed with IllegalStateException; the details are not shown."
                + " Try again with other input, or answer without this tool.");
        assertThat(reply.toolCalls().get(0).failure()).isEqualTo("IllegalStateException: db password=hunter2 rejected");
        assertThat(client.invokeAgentRequests().get(3).sessionState().returnControlInvocationResults().get(0)
                .functionResult().responseBody().get("TEXT").body()).isEqualTo("mapped IllegalStateException");
    }

    @Test
    void serviceErrorsAreMappedToTheLibrarysExceptions() {
        client.enqueue(ThrottlingException.builder().message("Rate exceeded").statusCode(429).build());

        assertThatThrownBy(() -> agent.session("s-1").invoke("Hello"))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("Rate exceeded");
    }

    @Test
    void anAgentThatKeepsReturningControlIsStopped() {
        client.onInvokeAgent(request -> AgentReply.returnControl("orders", "orderStatus",
                Map.of("orderNumber", "A-1042", "quantity", "1")));
        BedrockAgent withTools = agent.withTools(Tool.fromMethods(new OrderTools()));

        assertThatThrownBy(() -> withTools.session("s-1").invoke("Where is my order?"))
                .isInstanceOf(BedrockException.class).hasMessageContaining("returned control more than 10 times");
        assertThat(client.invokeAgentRequests()).hasSize(BedrockAgentSession.MAX_RETURN_CONTROL_ROUNDS + 1);
    }

    @Test
    void badInputIsRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> BedrockAgent.of(client, "agent-1", "ALIAS12345"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("agentId"));
        assertThatThrownBy(() -> agent.session("a session"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("sessionId"));
        assertThatThrownBy(() -> agent.session("s-1").invoke(" "))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("text"));
        assertThatThrownBy(() -> agent.session("s-1").invoke("x".repeat(25_001)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("25000");
        assertThat(client.requests()).isEmpty();
        assertThat(agent.newSession().id()).hasSize(36);
    }
}
