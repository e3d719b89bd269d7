package dev.bedrock4j.tools.internal;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.StepLimitExceededException;
import dev.bedrock4j.tools.ToolRegistry;
import dev.bedrock4j.tools.ToolRun;
import dev.bedrock4j.tools.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one run of the tool-use loop, shared by the blocking and the streaming runner: the request
 * of each model turn, the transcript, the steps, and when to stop. A run goes
 * {@link #nextRequest()}, {@link #turnEnded}, {@link #toolsRan}, {@link #nextRequest()}, ... until
 * {@link #turnEnded} returns no tool calls. Thread-safe: the turns of a streamed run end on SDK threads and
 * its tools finish on pool threads, while the trace may be read from any thread.
 */
public final class ToolLoop {
    private final ChatRequest request;
    private final List<ToolDefinition> offered;
    private final ToolChoice firstChoice;
    private final int maxSteps;
    private final List<Message> messages;
    private final List<Step> steps = new ArrayList<>();
    private ChatResponse answer;
    private int turn = 1;

    /**
     * A run of a request.
     *
     * @param request the caller's request
     * @param tools the runner's tools, offered besides those the request carries
     * @param defaultChoice the runner's tool choice for the first turn, or {@code null}; the request's wins
     * @param maxSteps the most model turns
     */
    public ToolLoop(ChatRequest request, ToolRegistry tools, ToolChoice defaultChoice, int maxSteps) {
        this.request = request;
        this.offered = offered(request, tools);
        this.firstChoice = request.toolChoice().orElse(defaultChoice);
        this.maxSteps = maxSteps;
        this.messages = new ArrayList<>(request.messages());
    }

    private static List<ToolDefinition> offered(ChatRequest request, ToolRegistry tools) {
        Set<String> present = new HashSet<>();
        request.tools().forEach(tool -> present.add(tool.name()));
        List<ToolDefinition> added = new ArrayList<>();
        for (ToolDefinition definition : tools.definitions()) {
            if (!present.contains(definition.name())) {
                added.add(definition);
            }
        }
        return added;
    }

    /**
     * The request of the current model turn: the transcript so far, the tools, and the tool choice (a forced
     * choice applies to the first turn only, so that the model can answer afterwards).
     *
     * @return the request
     */
    public synchronized ChatRequest nextRequest() {
        ChatRequest.Builder next = request.toBuilder().messages(messages);
        next.toolChoice(turn == 1 ? firstChoice : null);
        if (!offered.isEmpty()) {
            next.tools(offered);
        }
        return next.build();
    }

    /**
     * Records the model's response to the current turn.
     *
     * @param response the response
     * @param elapsed how long the turn took
     * @return the tool calls to run before the next turn; empty when the response is the answer
     * @throws StepLimitExceededException if the model asks for tools in the last turn allowed
     */
    public synchronized List<ContentBlock.ToolUse> turnEnded(ChatResponse response, Duration elapsed) {
        messages.add(response.message());
        List<ContentBlock.ToolUse> uses = response.toolUses();
        steps.add(new Step.ModelTurn(turn, response.stopReason(), response.text(),
                uses.stream().map(ContentBlock.ToolUse::name).toList(), response.usage(), elapsed));
        if (!response.stopReason().equals(StopReason.TOOL_USE) || uses.isEmpty()) {
            answer = response;
            return List.of();
        }
        if (turn == maxSteps) {
            throw new StepLimitExceededException(maxSteps, messages, new Trace(steps));
        }
        return uses;
    }

    /**
     * Records the results of the tool calls of the current turn and moves to the next turn.
     *
     * @param outcomes one per call, in the model's order
     */
    public synchronized void toolsRan(List<ToolExecutor.Outcome> outcomes) {
        List<ContentBlock> results = new ArrayList<>();
        for (ToolExecutor.Outcome outcome : outcomes) {
            steps.add(outcome.step(turn));
            results.add(outcome.result());
        }
        messages.add(new Message(Role.USER, results));
        turn++;
    }

    /**
     * The finished run.
     *
     * @return the answer, transcript and trace
     * @throws IllegalStateException if the model has not answered yet
     */
    public synchronized ToolRun result() {
        if (answer == null) {
            throw new IllegalStateException("the run has not ended");
        }
        return new ToolRun(answer, messages, new Trace(steps));
    }

    /**
     * The steps so far.
     *
     * @return the trace
     */
    public synchronized Trace trace() {
        return new Trace(steps);
    }

    /**
     * The transcript so far.
     *
     * @return the messages
     */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }
}
