package dev.bedrock4j.tools.internal;

import dev.bedrock4j.tools.agent.AgentCitation;
import dev.bedrock4j.tools.agent.AgentTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockagentruntime.model.Citation;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseStream;
import software.amazon.awssdk.services.bedrockagentruntime.model.ReturnControlPayload;
import software.amazon.awssdk.services.bedrockagentruntime.model.TracePart;

/**
 * Collects the events of one InvokeAgent call: answer chunks (passed on to a listener as they arrive),
 * citations, traces, and a return-of-control request. {@link #done()} completes once every event has
 * been seen. Events arrive one at a time on the SDK's thread; read the results after {@link #done()}.
 */
public final class AgentRound implements InvokeAgentResponseHandler, InvokeAgentResponseHandler.Visitor {
    private final Consumer<String> onChunk;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final List<String> chunks = new ArrayList<>();
    private final List<AgentCitation> citations = new ArrayList<>();
    private final List<AgentTrace> traces = new ArrayList<>();
    private volatile String sessionId;
    private ReturnControlPayload returnControl;

    /** A round that passes each chunk's text to a listener. */
    public AgentRound(Consumer<String> onChunk) {
        this.onChunk = onChunk;
    }

    @Override
    public void responseReceived(InvokeAgentResponse response) {
        sessionId = response.sessionId();
    }

    @Override
    public void onEventStream(SdkPublisher<ResponseStream> publisher) {
        publisher.subscribe(event -> event.accept(this)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void complete() {
        // done completes when the event stream has been consumed
    }

    @Override
    public void visitChunk(PayloadPart chunk) {
        String text = chunk.bytes() == null ? "" : chunk.bytes().asUtf8String();
        chunks.add(text);
        if (chunk.attribution() != null) {
            for (Citation citation : chunk.attribution().citations()) {
                citations.add(AgentWire.citation(citation));
            }
        }
        onChunk.accept(text);
    }

    @Override
    public void visitTrace(TracePart trace) {
        traces.add(AgentWire.trace(trace));
    }

    @Override
    public void visitReturnControl(ReturnControlPayload payload) {
        returnControl = payload;
    }

    /** Completes when all events were seen, or fails with the call's error. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** The session id the service reported, or {@code null}. */
    public String sessionId() {
        return sessionId;
    }

    /** The answer chunks. */
    public List<String> chunks() {
        return chunks;
    }

    /** The citations. */
    public List<AgentCitation> citations() {
        return citations;
    }

    /** The trace events. */
    public List<AgentTrace> traces() {
        return traces;
    }

    /** What the agent wants run locally, or {@code null}. */
    public ReturnControlPayload returnControl() {
        return returnControl;
    }
}
