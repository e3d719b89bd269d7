package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateStreamResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.ReturnControlPayload;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

class FakeClientsTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    static ConverseStreamRequest streamRequest() {
        return ConverseStreamRequest.builder().modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi"))).build();
    }

    static List<Object> stream(FakeBedrockRuntimeAsyncClient fake, List<Object> events, AtomicReference<Throwable> failure) {
        fake.converseStream(streamRequest(), ConverseStreamResponseHandler.builder()
                .onError(failure::set)
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockStart(events::add).onContentBlockDelta(events::add).onMessageStop(events::add)
                        .build()).build()).join();
        return events;
    }

    // ------------------------------------------------------------------ runtime async

    @Test
    void theAsyncFakeAnswersConverseAndRecords() {
        FakeBedrockRuntimeAsyncClient fake = FakeBedrockRuntimeAsyncClient.create().enqueueConverseText("Hello!");
        var response = fake.converse(ConverseRequest.builder().modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))).build()).join();
        assertThat(response.output().message().content().get(0).text()).isEqualTo("Hello!");
        assertThat(fake.converseRequests()).singleElement().satisfies(r -> assertThat(r.modelId()).isEqualTo(MODEL));
    }

    @Test
    void theAsyncFakeStreamsAScriptedTextAsSeveralDeltas() {
        FakeBedrockRuntimeAsyncClient fake = FakeBedrockRuntimeAsyncClient.create().enqueueConverseText("one two three four");
        List<Object> events = stream(fake, new CopyOnWriteArrayList<>(), new AtomicReference<>());
        StringBuilder text = new StringBuilder();
        events.stream().filter(ContentBlockDeltaEvent.class::isInstance)
                .forEach(e -> text.append(((ContentBlockDeltaEvent) e).delta().text()));
        assertThat(text.toString()).isEqualTo("one two three four");
        assertThat(events.stream().filter(ContentBlockDeltaEvent.class::isInstance).count()).isGreaterThan(2);
        assertThat(fake.converseStreamRequests()).hasSize(1);
    }

    @Test
    void theAsyncFakeStreamsToolUseFromAResponseOrAResponder() {
        FakeBedrockRuntimeAsyncClient fake = FakeBedrockRuntimeAsyncClient.create().onConverse(request ->
                FakeBedrockRuntimeClient.converseResponse(ChatResponse.builder().message(new Message(Role.ASSISTANT,
                        List.of(new ContentBlock.ToolUse("t1", "lookup", JsonSupport.parse("{\"q\":\"" + request.modelId() + "\"}")))))
                        .stopReason(StopReason.TOOL_USE).build()));
        List<Object> events = stream(fake, new CopyOnWriteArrayList<>(), new AtomicReference<>());
        assertThat(events.get(0)).isInstanceOfSatisfying(ContentBlockStartEvent.class,
                e -> assertThat(e.start().toolUse().name()).isEqualTo("lookup"));
        StringBuilder input = new StringBuilder();
        events.stream().filter(ContentBlockDeltaEvent.class::isInstance)
                .forEach(e -> input.append(((ContentBlockDeltaEvent) e).delta().toolUse().input()));
        assertThat(JsonSupport.parse(input.toString()).path("q").asText()).isEqualTo(MODEL);
    }

    @Test
    void theAsyncFakeEndsAStreamWithTheSdksModeledException() {
        FakeBedrockRuntimeAsyncClient fake = FakeBedrockRuntimeAsyncClient.create()
                .enqueueStream(WireEvent.messageStart(), WireEvent.textDelta(0, "Hi"), WireEvent.exception("throttlingException", "Slow down"));
        List<Object> events = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        assertThatThrownBy(() -> stream(fake, events, failure)).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ThrottlingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Slow down");
                });
        assertThat(events).hasSize(1);
        assertThat(failure.get()).isInstanceOf(ThrottlingException.class);
    }

    @Test
    void theAsyncFakeFailsScriptedExceptionsAndUnscriptedCallsLoudly() {
        FakeBedrockRuntimeAsyncClient fake = FakeBedrockRuntimeAsyncClient.create().enqueue(FakeBedrockRuntimeClient.throttling());
        assertThatThrownBy(() -> fake.converse(ConverseRequest.builder().modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))).build()).join())
                .hasCauseInstanceOf(ThrottlingException.class);
        assertThatThrownBy(() -> fake.converse(ConverseRequest.builder().modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))).build()).join())
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("no scripted response for request #2");
        fake.close();
        assertThat(fake.closed()).isTrue();
        assertThatThrownBy(() -> fake.converse(ConverseRequest.builder().build()).join()).hasMessageContaining("closed");
    }

    @Test
    void theAsyncFakeStreamsANativeBodyAsOneChunk() {
        FakeBedrockRuntimeAsyncClient fake = FakeBedrockRuntimeAsyncClient.create().enqueueInvokeJson("{\"generation\":\"hey\"}");
        List<String> chunks = new CopyOnWriteArrayList<>();
        fake.invokeModelWithResponseStream(r -> r.modelId("meta.llama3-8b-instruct-v1:0"),
                InvokeModelWithResponseStreamResponseHandler.builder().subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor
                        .builder().onChunk(p -> chunks.add(p.bytes().asUtf8String())).build()).build()).join();
        assertThat(chunks).containsExactly("{\"generation\":\"hey\"}");
        assertThat(fake.invokeModelWithResponseStreamRequests()).hasSize(1);
    }

    // ------------------------------------------------------------------ agent runtime

    @Test
    void theAgentRuntimeFakeAnswersRetrieveAndRetrieveAndGenerate() {
        FakeBedrockAgentRuntimeClient fake = FakeBedrockAgentRuntimeClient.create()
                .enqueue(FakeBedrockAgentRuntimeClient.retrieved("first passage", "second passage"))
                .enqueue(FakeBedrockAgentRuntimeClient.generated("The answer.", "s-1"))
                .enqueue(FakeBedrockAgentRuntimeClient.exception("ResourceNotFoundException", 404, "no KB"));
        RetrieveResponse retrieved = fake.retrieve(r -> r.knowledgeBaseId("KB").retrievalQuery(q -> q.text("q")));
        assertThat(retrieved.retrievalResults()).extracting(r -> r.content().text()).containsExactly("first passage", "second passage");
        assertThat(retrieved.retrievalResults().get(0).score()).isGreaterThan(retrieved.retrievalResults().get(1).score());
        assertThat(fake.retrieveAndGenerate(r -> r.input(i -> i.text("q"))).output().text()).isEqualTo("The answer.");
        assertThatThrownBy(() -> fake.retrieve(r -> r.knowledgeBaseId("X")))
                .isInstanceOf(software.amazon.awssdk.services.bedrockagentruntime.model.ResourceNotFoundException.class);
        assertThat(fake.retrieveRequests()).hasSize(2);
        assertThat(fake.retrieveAndGenerateRequests()).hasSize(1);
    }

    @Test
    void theAgentRuntimeFakeRejectsAnEntryOfTheWrongType() {
        FakeBedrockAgentRuntimeClient fake = FakeBedrockAgentRuntimeClient.create()
                .enqueue(FakeBedrockAgentRuntimeClient.generated("x", "s"));
        assertThatThrownBy(() -> fake.retrieve(r -> r.knowledgeBaseId("KB")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RetrieveAndGenerateResponse");
        fake.onRetrieve(r -> FakeBedrockAgentRuntimeClient.retrieved("from " + r.knowledgeBaseId()));
        assertThat(fake.retrieve(r -> r.knowledgeBaseId("KB")).retrievalResults().get(0).content().text()).isEqualTo("from KB");
    }

    @Test
    void theAsyncAgentFakeStreamsRepliesAndReturnsControl() {
        FakeBedrockAgentRuntimeAsyncClient fake = FakeBedrockAgentRuntimeAsyncClient.create()
                .enqueueAgentReply(AgentReply.returnControl("orders", "getOrder", Map.of("orderId", "42")))
                .enqueueAgentReply(AgentReply.text("Shipped.").citing("Order 42 shipped.", "s3://orders/42"));
        List<PayloadPart> chunks = new CopyOnWriteArrayList<>();
        List<ReturnControlPayload> returns = new CopyOnWriteArrayList<>();
        InvokeAgentRequest request = InvokeAgentRequest.builder().agentId("A").agentAliasId("B").sessionId("s").inputText("hi").build();
        for (int i = 0; i < 2; i++) {
            fake.invokeAgent(request, InvokeAgentResponseHandler.builder().subscriber(InvokeAgentResponseHandler.Visitor.builder()
                    .onChunk(chunks::add).onReturnControl(returns::add).build()).build()).join();
        }
        assertThat(returns).singleElement().satisfies(r ->
                assertThat(r.invocationInputs().get(0).functionInvocationInput().function()).isEqualTo("getOrder"));
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.bytes().asUtf8String()).isEqualTo("Shipped.");
            assertThat(c.attribution().citations().get(0).retrievedReferences().get(0).location().s3Location().uri())
                    .isEqualTo("s3://orders/42");
        });
        assertThat(fake.invokeAgentRequests()).hasSize(2);
    }

    @Test
    void theAsyncAgentFakeStreamsRetrieveAndGenerate() {
        FakeBedrockAgentRuntimeAsyncClient fake = FakeBedrockAgentRuntimeAsyncClient.create()
                .enqueue(FakeBedrockAgentRuntimeClient.generated("A streamed answer with words.", "s-9"));
        List<String> output = new CopyOnWriteArrayList<>();
        AtomicReference<String> session = new AtomicReference<>();
        fake.retrieveAndGenerateStream(RetrieveAndGenerateStreamRequest.builder().input(i -> i.text("q")).build(),
                RetrieveAndGenerateStreamResponseHandler.builder().onResponse(r -> session.set(r.sessionId()))
                        .subscriber(RetrieveAndGenerateStreamResponseHandler.Visitor.builder().onOutput(o -> output.add(o.text())).build())
                        .build()).join();
        assertThat(String.join("", output)).isEqualTo("A streamed answer with words.");
        assertThat(output).hasSizeGreaterThan(2);
        assertThat(session.get()).isEqualTo("s-9");
        assertThat(fake.retrieve(r -> r.knowledgeBaseId("KB"))).isCompletedExceptionally();
    }
}
