package dev.bedrock4j.tools.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelTimeoutException;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.internal.AgentRound;
import dev.bedrock4j.tools.internal.AgentWire;
import dev.bedrock4j.tools.internal.ToolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionInvocationInput;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationInputMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationResultMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.ReturnControlPayload;
import software.amazon.awssdk.services.bedrockagentruntime.model.SessionState;

/**
 * A conversation with a {@link BedrockAgent}, identified by its session id, with the session attributes
 * sent on every invocation.
 *
 * <pre>{@code
 * BedrockAgentSession session = agent.session("customer-42")
 *         .withAttributes(Map.of("customerId", "42", "tier", "gold"));
 * BedrockAgentReply first = session.invoke("Where is my order A-1042?");
 * BedrockAgentReply second = session.invoke("Can I change its address?", System.out::print);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the agent keeps the session's memory, so send one message
 * of a session at a time.
 */
public final class BedrockAgentSession {
    /** Return-of-control rounds allowed in one invocation. */
    public static final int MAX_RETURN_CONTROL_ROUNDS = 10;
    private static final int MAX_INPUT_CHARS = 25_000;

    private final BedrockAgent agent;
    private final String id;
    private final Map<String, String> attributes;
    private final Map<String, String> promptAttributes;

    BedrockAgentSession(BedrockAgent agent, String id, Map<String, String> attributes, Map<String, String> promptAttributes) {
        this.agent = agent;
        this.id = id;
        this.attributes = Map.copyOf(attributes);
        this.promptAttributes = Map.copyOf(promptAttributes);
    }

    /**
     * The session id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The same session with session attributes, which the agent keeps for the whole session and passes to
     * its action groups.
     *
     * @param attributes the attributes
     * @return a copy with the attributes
     */
    public BedrockAgentSession withAttributes(Map<String, String> attributes) {
        return new BedrockAgentSession(agent, id, attributes, promptAttributes);
    }

    /**
     * The same session with prompt session attributes, which the agent puts into its prompt for each turn.
     *
     * @param promptAttributes the attributes
     * @return a copy with the attributes
     */
    public BedrockAgentSession withPromptAttributes(Map<String, String> promptAttributes) {
        return new BedrockAgentSession(agent, id, attributes, promptAttributes);
    }

    /**
     * Sends a message and waits for the whole answer.
     *
     * @param text the user's message, at most 25,000 characters
     * @return the answer with citations, traces and the local tool calls made
     * @throws InvalidRequestException if the text is empty or too long; nothing was sent
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    public BedrockAgentReply invoke(String text) {
        return invoke(text, chunk -> { });
    }

    /**
     * Sends a message, passing each chunk of the answer to a listener as it arrives, and waits for the whole
     * answer. When the agent returns control, the local tools run and their results are sent back; the answer
     * continues in the same reply.
     *
     * @param text the user's message, at most 25,000 characters
     * @param onChunk receives each chunk of text on the SDK's thread; it must not block
     * @return the answer with citations, traces and the local tool calls made
     * @throws InvalidRequestException if the text is empty or too long; nothing was sent
     * @throws ModelTimeoutException if a call took longer than the agent's timeout
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    public BedrockAgentReply invoke(String text, Consumer<String> onChunk) {
        Objects.requireNonNull(onChunk, "onChunk");
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("text", "the message to the agent is empty; say something");
        }
        if (text.length() > MAX_INPUT_CHARS) {
            throw new InvalidRequestException("text", "the message has " + text.length() + " characters; Bedrock Agents"
                    + " take at most " + MAX_INPUT_CHARS + ", so shorten it or send a file");
        }
        List<String> chunks = new ArrayList<>();
        List<AgentCitation> citations = new ArrayList<>();
        List<AgentTrace> traces = new ArrayList<>();
        List<Step.ToolCall> toolCalls = new ArrayList<>();
        String sessionId = id;
        InvokeAgentRequest request = request(b -> b.inputText(text), null, List.of());
        for (int round = 1; ; round++) {
            AgentRound events = send(request, onChunk);
            chunks.addAll(events.chunks());
            citations.addAll(events.citations());
            traces.addAll(events.traces());
            if (events.sessionId() != null) {
                sessionId = events.sessionId();
            }
            ReturnControlPayload returnControl = events.returnControl();
            if (returnControl == null) {
                return new BedrockAgentReply(sessionId, chunks, citations, traces, toolCalls);
            }
            if (round > MAX_RETURN_CONTROL_ROUNDS) {
                throw new BedrockException("agent " + agent.agentId + " returned control more than "
                        + MAX_RETURN_CONTROL_ROUNDS + " times in one invocation; check its action groups");
            }
            request = request(b -> { }, returnControl.invocationId(), answer(returnControl, round, toolCalls));
        }
    }

    private List<InvocationResultMember> answer(ReturnControlPayload returnControl, int round, List<Step.ToolCall> toolCalls) {
        List<ContentBlock.ToolUse> uses = new ArrayList<>();
        List<InvocationInputMember> inputs = returnControl.invocationInputs();
        for (int i = 0; i < inputs.size(); i++) {
            FunctionInvocationInput function = inputs.get(i).functionInvocationInput();
            if (function != null) {
                JsonNode schema = agent.tools.find(String.valueOf(function.function()))
                        .map(tool -> tool.definition().inputSchema()).orElse(null);
                uses.add(AgentWire.toolUse(returnControl.invocationId() + "/" + i, function, schema));
            }
        }
        List<ToolExecutor.Outcome> outcomes = agent.executor.runAll(agent.tools, uses);
        List<InvocationResultMember> results = new ArrayList<>();
        int next = 0;
        for (InvocationInputMember input : inputs) {
            if (input.functionInvocationInput() != null) {
                ToolExecutor.Outcome outcome = outcomes.get(next++);
                toolCalls.add(outcome.step(round));
                results.add(AgentWire.functionResult(input.functionInvocationInput(), outcome.result()));
            } else if (input.apiInvocationInput() != null) {
                results.add(AgentWire.apiResult(input.apiInvocationInput()));
            }
        }
        return results;
    }

    private InvokeAgentRequest request(Consumer<InvokeAgentRequest.Builder> input, String invocationId,
                                       List<InvocationResultMember> results) {
        InvokeAgentRequest.Builder request = InvokeAgentRequest.builder()
                .agentId(agent.agentId).agentAliasId(agent.aliasId).sessionId(id).enableTrace(agent.traces);
        input.accept(request);
        if (invocationId != null || !attributes.isEmpty() || !promptAttributes.isEmpty()) {
            SessionState.Builder state = SessionState.builder();
            if (!attributes.isEmpty()) {
                state.sessionAttributes(attributes);
            }
            if (!promptAttributes.isEmpty()) {
                state.promptSessionAttributes(promptAttributes);
            }
            if (invocationId != null) {
                state.invocationId(invocationId).returnControlInvocationResults(results);
            }
            request.sessionState(state.build());
        }
        return request.build();
    }

    private AgentRound send(InvokeAgentRequest request, Consumer<String> onChunk) {
        AgentRound round = new AgentRound(onChunk);
        CompletableFuture<Void> call;
        try {
            call = agent.client.invokeAgent(request, round);
        } catch (RuntimeException e) {
            throw BedrockException.from(e, null);
        }
        try {
            call.thenCombine(round.done(), (a, b) -> b).get(agent.timeout.toNanos(), TimeUnit.NANOSECONDS);
            return round;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ModelTimeoutException("agent " + agent.agentId + " did not finish answering within "
                    + agent.timeout.toSeconds() + " s (raise it with BedrockAgent.withTimeout)", e, null, null, 0);
        } catch (ExecutionException e) {
            throw BedrockException.from(e.getCause(), null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new BedrockException("interrupted while waiting for agent " + agent.agentId, e);
        }
    }

    @Override
    public String toString() {
        return "BedrockAgentSession[" + id + " with " + agent.agentId + "/" + agent.aliasId + "]";
    }
}
