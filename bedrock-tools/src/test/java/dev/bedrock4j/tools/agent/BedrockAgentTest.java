package dev.bedrock4j.tools.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelTimeoutException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockagentruntime.model.ApiInvocationInput;
import software.amazon.awssdk.services.bedrockagentruntime.model.Attribution;
import software.amazon.awssdk.services.bedrockagentruntime.model.Citation;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionInvocationInput;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionParameter;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationInputMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationResultMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.OrchestrationTrace;
import software.amazon.awssdk.services.bedrockagentruntime.model.Rationale;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseState;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseStream;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultContent;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultLocation;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultS3Location;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievedReference;
import software.amazon.awssdk.services.bedrockagentruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockagentruntime.model.Trace;

class BedrockAgentTest {
    private final FakeAgentRuntimeClient client = new FakeAgentRuntimeClient();
    private final BedrockAgent agent = BedrockAgent.of(client, "AGENT12345", "ALIAS12345");

    /** Local tools the agent's action group returns control for. */
    public static class OrderTools {
        @ToolMethod(description = "Status of an order.")
        public String orderStatus(@Description("Order number") String orderNumber, int quantity) {
            return "order " + orderNumber + " (" + quantity + " items) shipped";
        }
    }

    static ResponseStream chunk(String text, Citation... citations) {
        var chunk = ResponseStream.chunkBuilder().bytes(SdkBytes.fromUtf8String(text));
        if (citations.length > 0) {
            chunk.attribution(Attribution.builder().citations(citations).build());
        }
        return (ResponseStream) chunk.build();
    }

    static Citation citation(String text, int start, int end, String source, String uri) {
        return Citation.builder()
                .generatedResponsePart(p -> p.textResponsePart(t -> t.text(text).span(s -> s.start(start).end(end))))
                .retrievedReferences(RetrievedReference.builder()
                        .content(RetrievalResultContent.builder().text(source).build())
                        .location(RetrievalResultLocation.builder().type("S3")
                                .s3Location(RetrievalResultS3Location.builder().uri(uri).build()).build())
                        .build())
                .build();
    }

    static ResponseStream rationale(String text) {
        return (ResponseStream) ResponseStream.traceBuilder().agentId("AGENT12345").sessionId("s-1")
                .eventTime(Instant.parse("2024-05-01T12:00:00.123Z"))
                .trace(Trace.builder().orchestrationTrace(OrchestrationTrace.builder()
                        .rationale(Rationale.builder().text(text).traceId("t-1").build()).build()).build())
                .build();
    }

    static FunctionParameter parameter(String name, String type, String value) {
        return FunctionParameter.builder().name(name).type(type).value(value).build();
    }

    @Test
    void streamsChunksWithCitationsAndTraces() {
        client.enqueue(rationale("The user asks about refunds; search the policy."),
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
            assertThat(t.eventTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
            assertThat(t.detail().at("/rationale/text").asText()).startsWith("The user asks about refunds");
        });
        InvokeAgentRequest request = client.requests().get(0);
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
        client.enqueue(rationale("I need the order status."),
                (ResponseStream) ResponseStream.returnControlBuilder().invocationId("inv-1").invocationInputs(
                        InvocationInputMember.builder().functionInvocationInput(FunctionInvocationInput.builder()
                                .actionGroup("orders").function("orderStatus")
                                .parameters(parameter("orderNumber", "string", "A-1042"),
                                        parameter("quantity", "integer", "3")).build()).build(),
                        InvocationInputMember.builder().functionInvocationInput(FunctionInvocationInput.builder()
                                .actionGroup("orders").function("cancelOrder")
                                .parameters(parameter("orderNumber", "string", "A-1042")).build()).build(),
                        InvocationInputMember.builder().apiInvocationInput(ApiInvocationInput.builder()
                                .actionGroup("billing").apiPath("/invoices/{id}").httpMethod("GET").build()).build())
                        .build());
        client.enqueue(chunk("Your order A-1042 has shipped."));
        List<String> streamed = new ArrayList<>();

        BedrockAgentReply reply = withTools.session("customer-42").invoke("Where is order A-1042?", streamed::add);

        assertThat(reply.text()).isEqualTo("Your order A-1042 has shipped.");
        assertThat(streamed).containsExactly("Your order A-1042 has shipped.");
        assertThat(reply.traces()).hasSize(1);
        assertThat(client.requests()).hasSize(2);
        InvokeAgentRequest followUp = client.requests().get(1);
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

    @Test
    void serviceErrorsAreMappedToTheLibrarysExceptions() {
        client.enqueueError(ThrottlingException.builder().message("Rate exceeded").statusCode(429).build());

        assertThatThrownBy(() -> agent.session("s-1").invoke("Hello"))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("Rate exceeded");
    }

    @Test
    void aStalledCallTimesOut() {
        client.enqueueHang();

        assertThatThrownBy(() -> agent.withTimeout(Duration.ofMillis(50)).session("s-1").invoke("Hello"))
                .isInstanceOf(ModelTimeoutException.class).hasMessageContaining("AGENT12345");
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
