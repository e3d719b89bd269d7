package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockagentruntime.model.CitationEvent;
import software.amazon.awssdk.services.bedrockagentruntime.model.ContentBody;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationResultMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultLocationType;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateType;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.ReturnControlPayload;
import software.amazon.awssdk.services.bedrockagentruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockagentruntime.model.TracePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.ValidationException;

class LocalBedrockServerAgentRuntimeTest extends LocalServerTestBase {
    static final String MODEL_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";

    @BeforeEach
    void addDocuments() {
        server.knowledgeBase("KB123")
                .add("returns", "Items can be returned within 30 days of delivery. Refunds take a week.",
                        Map.of("category", "policy", "year", 2024))
                .add("shipping", "Orders ship within one business day.",
                        Map.of("category", "logistics", "year", 2023, "x-amz-bedrock-kb-source-uri", "s3://docs/shipping.txt"))
                .add("warranty", "The warranty covers two years of normal use.", Map.of("category", "policy", "year", 2022));
    }

    // ------------------------------------------------------------------ Retrieve

    @Test
    void retrieveRanksDocumentsByTheWordsTheyShareWithTheQuery() {
        RetrieveResponse response = agentSync.retrieve(r -> r.knowledgeBaseId("KB123")
                .retrievalQuery(q -> q.text("when are items returned"))
                .retrievalConfiguration(c -> c.vectorSearchConfiguration(v -> v.numberOfResults(2))));
        List<KnowledgeBaseRetrievalResult> results = response.retrievalResults();
        assertThat(results).hasSize(2);
        KnowledgeBaseRetrievalResult best = results.get(0);
        assertThat(best.content().text()).startsWith("Items can be returned");
        assertThat(best.location().type()).isEqualTo(RetrievalResultLocationType.CUSTOM);
        assertThat(best.location().customDocumentLocation().id()).isEqualTo("returns");
        assertThat(best.metadata()).containsEntry("category", Document.fromString("policy"));
        assertThat(best.score()).isBetween(0.0, 1.0).isGreaterThan(results.get(1).score());
        assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.RETRIEVE);
        assertThat(server.lastRequest().pathParameters()).containsEntry("knowledgeBaseId", "KB123");
    }

    @Test
    void retrieveAppliesMetadataFilters() {
        RetrieveResponse logistics = agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("items"))
                .retrievalConfiguration(c -> c.vectorSearchConfiguration(v -> v.filter(f -> f.equalsValue(
                        a -> a.key("category").value(Document.fromString("logistics")))))));
        assertThat(logistics.retrievalResults()).singleElement().satisfies(result -> {
            assertThat(result.location().type()).isEqualTo(RetrievalResultLocationType.S3);
            assertThat(result.location().s3Location().uri()).isEqualTo("s3://docs/shipping.txt");
        });

        RetrieveResponse recentPolicies = agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("items"))
                .retrievalConfiguration(c -> c.vectorSearchConfiguration(v -> v.filter(f -> f.andAll(
                        a -> a.equalsValue(x -> x.key("category").value(Document.fromString("policy"))),
                        a -> a.greaterThanOrEquals(x -> x.key("year").value(Document.fromNumber(2023))))))));
        assertThat(recentPolicies.retrievalResults()).extracting(r -> r.content().text())
                .containsExactly("Items can be returned within 30 days of delivery. Refunds take a week.");
    }

    @Test
    void asyncRetrieveWorksToo() {
        RetrieveResponse response = agentAsync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("warranty years"))).join();
        assertThat(response.retrievalResults().get(0).content().text()).contains("warranty");
        assertThat(response.retrievalResults()).hasSize(3);
    }

    @Test
    void anUnknownKnowledgeBaseIsNotFound() {
        assertThatThrownBy(() -> agentSync.retrieve(r -> r.knowledgeBaseId("NOPE").retrievalQuery(q -> q.text("x"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("NOPE");
                });
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aMissingQueryIsAValidationError() {
        assertThatThrownBy(() -> agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.type("TEXT"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("retrievalQuery.text");
    }

    @Test
    void agentRuntimeFaultsAreRetriedLikeRuntimeOnes() {
        server.faultNext(2, Fault.throttling());
        assertThat(agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("x"))).retrievalResults()).isNotEmpty();
        assertThat(server.requests()).extracting(RecordedRequest::attempt).containsExactly(1, 2, 3);

        server.faultNext(4, Fault.throttling());
        assertThatThrownBy(() -> agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("x"))))
                .isInstanceOf(ThrottlingException.class);
    }

    // ------------------------------------------------------------------ RetrieveAndGenerate

    @Test
    void retrieveAndGenerateAnswersFromTheSourcesAndCitesEach() {
        RetrieveAndGenerateResponse response = agentSync.retrieveAndGenerate(r -> r.input(i -> i.text("can items be returned"))
                .retrieveAndGenerateConfiguration(c -> c.type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
                        .knowledgeBaseConfiguration(k -> k.knowledgeBaseId("KB123").modelArn(MODEL_ARN)
                                .retrievalConfiguration(rc -> rc.vectorSearchConfiguration(v -> v.numberOfResults(2))))));
        assertThat(response.output().text()).startsWith("Items can be returned within 30 days of delivery.");
        assertThat(response.sessionId()).isNotBlank();
        assertThat(response.citations()).hasSize(2);
        var first = response.citations().get(0);
        var part = first.generatedResponsePart().textResponsePart();
        assertThat(response.output().text().substring(part.span().start(), part.span().end() + 1)).isEqualTo(part.text());
        assertThat(first.retrievedReferences().get(0).content().text()).startsWith("Items can be returned");
    }

    @Test
    void retrieveAndGenerateUsesTheModelsScriptAndKeepsTheSession() {
        server.model("anthropic.claude-3-haiku-20240307-v1:0").respondWith(request ->
                ChatResponse.ofText("Within 30 days. [" + request.system().size() + " system block]"));
        RetrieveAndGenerateResponse response = agentSync.retrieveAndGenerate(r -> r.sessionId("session-7")
                .input(i -> i.text("return window?"))
                .retrieveAndGenerateConfiguration(c -> c.type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
                        .knowledgeBaseConfiguration(k -> k.knowledgeBaseId("KB123").modelArn(MODEL_ARN))));
        assertThat(response.output().text()).isEqualTo("Within 30 days. [1 system block]");
        assertThat(response.sessionId()).isEqualTo("session-7");
        assertThat(response.citations()).singleElement()
                .satisfies(c -> assertThat(c.retrievedReferences()).hasSize(3));
    }

    @Test
    void retrieveAndGenerateReadsExternalSources() {
        RetrieveAndGenerateResponse response = agentSync.retrieveAndGenerate(r -> r.input(i -> i.text("what colour is the sky"))
                .retrieveAndGenerateConfiguration(c -> c.type(RetrieveAndGenerateType.EXTERNAL_SOURCES)
                        .externalSourcesConfiguration(e -> e.modelArn(MODEL_ARN).sources(s -> s.sourceType("BYTE_CONTENT")
                                .byteContent(b -> b.identifier("sky.txt").contentType("text/plain")
                                        .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("The sky is blue. It has clouds.")))))));
        assertThat(response.output().text()).isEqualTo("The sky is blue.");
    }

    @Test
    void retrieveAndGenerateStreamsOutputAndCitations() {
        List<String> output = new CopyOnWriteArrayList<>();
        List<CitationEvent> citations = new CopyOnWriteArrayList<>();
        AtomicReference<String> session = new AtomicReference<>();
        agentAsync.retrieveAndGenerateStream(RetrieveAndGenerateStreamRequest.builder().input(i -> i.text("can items be returned"))
                        .retrieveAndGenerateConfiguration(c -> c.type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
                                .knowledgeBaseConfiguration(k -> k.knowledgeBaseId("KB123").modelArn(MODEL_ARN))).build(),
                RetrieveAndGenerateStreamResponseHandler.builder().onResponse(r -> session.set(r.sessionId()))
                        .subscriber(RetrieveAndGenerateStreamResponseHandler.Visitor.builder()
                                .onOutput(o -> output.add(o.text())).onCitation(citations::add).build()).build()).join();
        assertThat(output).hasSizeGreaterThan(3);
        assertThat(String.join("", output)).startsWith("Items can be returned within 30 days of delivery.");
        assertThat(citations).hasSize(3);
        assertThat(citations.get(0).retrievedReferences().get(0).location().customDocumentLocation().id()).isEqualTo("returns");
        assertThat(session.get()).isNotBlank();
        assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.RETRIEVE_AND_GENERATE_STREAM);
    }

    // ------------------------------------------------------------------ InvokeAgent

    /** What an InvokeAgent handler received. */
    static final class AgentCall {
        final List<PayloadPart> chunks = new CopyOnWriteArrayList<>();
        final List<TracePart> traces = new CopyOnWriteArrayList<>();
        final List<ReturnControlPayload> returns = new CopyOnWriteArrayList<>();
        final AtomicReference<InvokeAgentResponse> response = new AtomicReference<>();

        String text() {
            StringBuilder text = new StringBuilder();
            chunks.forEach(c -> text.append(c.bytes().asUtf8String()));
            return text.toString();
        }
    }

    static AgentCall invoke(InvokeAgentRequest request) {
        AgentCall call = new AgentCall();
        agentAsync.invokeAgent(request, InvokeAgentResponseHandler.builder().onResponse(call.response::set)
                .subscriber(InvokeAgentResponseHandler.Visitor.builder().onChunk(call.chunks::add).onTrace(call.traces::add)
                        .onReturnControl(call.returns::add).build()).build()).join();
        return call;
    }

    static InvokeAgentRequest.Builder agentRequest() {
        return InvokeAgentRequest.builder().agentId("AGENT1").agentAliasId("ALIAS1").sessionId("sess-1:x");
    }

    @Test
    void anUnscriptedAgentRepeatsTheInputInSeveralChunks() {
        server.agent("AGENT1", "ALIAS1");
        AgentCall call = invoke(agentRequest().inputText("hello agent, how are you").build());
        assertThat(call.text()).isEqualTo("You said: hello agent, how are you");
        assertThat(call.chunks).hasSizeGreaterThan(2);
        assertThat(call.traces).isEmpty();
        assertThat(call.response.get().sessionId()).isEqualTo("sess-1:x");
        assertThat(call.response.get().contentType()).isEqualTo("application/json");
        RecordedRequest recorded = server.lastRequest();
        assertThat(recorded.operation()).isEqualTo(BedrockOperation.INVOKE_AGENT);
        assertThat(recorded.path()).contains("sess-1%3Ax");
        assertThat(recorded.pathParameters()).containsEntry("sessionId", "sess-1:x").containsEntry("agentId", "AGENT1");
        assertThat(recorded.httpVersion()).isEqualTo("HTTP/1.1");
    }

    @Test
    void aCitedReplyCarriesAnAttributionAndTracesWhenAsked() {
        server.agent("AGENT1", "ALIAS1").reply(AgentReply.text("Orders ship in a day.")
                .citing("Orders ship within one business day.", "s3://docs/shipping.txt"));
        AgentCall call = invoke(agentRequest().inputText("shipping?").enableTrace(true).memoryId("mem-1").build());
        assertThat(call.text()).isEqualTo("Orders ship in a day.");
        var citation = call.chunks.get(0).attribution().citations().get(0);
        assertThat(citation.generatedResponsePart().textResponsePart().text()).isEqualTo("Orders ship in a day.");
        assertThat(citation.retrievedReferences().get(0).location().s3Location().uri()).isEqualTo("s3://docs/shipping.txt");
        assertThat(call.traces).hasSize(2);
        assertThat(call.traces.get(0).trace().orchestrationTrace().rationale().text()).isNotBlank();
        assertThat(call.traces.get(0).agentId()).isEqualTo("AGENT1");
        assertThat(call.traces.get(0).eventTime()).isNotNull();
        assertThat(call.traces.get(1).trace().orchestrationTrace().observation().finalResponse().text())
                .isEqualTo("Orders ship in a day.");
        assertThat(call.response.get().memoryId()).isEqualTo("mem-1");
    }

    @Test
    void returnOfControlAndTheFollowUpWithTheResults() {
        server.agent("AGENT1", "ALIAS1").enqueue(AgentReply.returnControl("orders", "getOrder", Map.of("orderId", "42")));
        AgentCall first = invoke(agentRequest().inputText("where is order 42?").build());
        assertThat(first.chunks).isEmpty();
        ReturnControlPayload control = first.returns.get(0);
        var input = control.invocationInputs().get(0).functionInvocationInput();
        assertThat(input.actionGroup()).isEqualTo("orders");
        assertThat(input.function()).isEqualTo("getOrder");
        assertThat(input.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("orderId");
            assertThat(p.value()).isEqualTo("42");
        });

        AgentCall second = invoke(agentRequest().sessionState(s -> s.invocationId(control.invocationId())
                .returnControlInvocationResults(InvocationResultMember.builder().functionResult(f -> f.actionGroup("orders")
                        .function("getOrder").responseBody(Map.of("TEXT", ContentBody.builder().body("shipped").build())))
                        .build())).build());
        assertThat(second.text()).isEqualTo("Thanks, I received the results: getOrder returned shipped.");
        var results = server.lastRequest().json().path("sessionState");
        assertThat(results.path("invocationId").asText()).isEqualTo(control.invocationId());
        assertThat(results.path("returnControlInvocationResults").path(0).path("functionResult").path("function").asText())
                .isEqualTo("getOrder");
    }

    @Test
    void aFunctionReplyReadsTheRequest() {
        server.agent("AGENT1", "ALIAS1").reply(AgentReply.respond(body ->
                AgentReply.text("Hi " + body.path("sessionState").path("sessionAttributes").path("name").asText())));
        AgentCall call = invoke(agentRequest().inputText("hi").sessionState(s -> s.sessionAttributes(Map.of("name", "Ada"))).build());
        assertThat(call.text()).isEqualTo("Hi Ada");
    }

    @Test
    void anUnknownAgentIsNotFound() {
        assertThatThrownBy(() -> invoke(agentRequest().agentId("OTHER").inputText("hi").build()))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anInStreamExceptionEndsTheAgentsStream() {
        server.agent("AGENT1", "ALIAS1").faultNext(1, Fault.inStreamException("dependencyFailedException", 1));
        AgentCall call = new AgentCall();
        assertThatThrownBy(() -> agentAsync.invokeAgent(agentRequest().inputText("one two three four").build(),
                InvokeAgentResponseHandler.builder().subscriber(InvokeAgentResponseHandler.Visitor.builder()
                        .onChunk(call.chunks::add).build()).build()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(software.amazon.awssdk.services.bedrockagentruntime.model.DependencyFailedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(424));
        assertThat(call.chunks).hasSize(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
