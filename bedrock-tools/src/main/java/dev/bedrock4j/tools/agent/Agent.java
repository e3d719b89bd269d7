package dev.bedrock4j.tools.agent;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.StepLimitExceededException;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolErrorMapper;
import dev.bedrock4j.tools.ToolRegistry;
import dev.bedrock4j.tools.ToolRun;
import dev.bedrock4j.tools.ToolRunner;
import dev.bedrock4j.tools.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent that runs in your process: instructions, a model, tools, and optionally a {@link Retriever}.
 * Each {@link #run(String)} retrieves passages for the input (when there is a retriever), then lets the
 * model call tools until it answers, and returns the answer with a {@link Trace} of every step.
 *
 * <pre>{@code
 * Agent support = Agent.builder(model)
 *         .instructions("You are a support agent for an online shop. Look orders up before answering.")
 *         .tools(Tool.fromMethods(new OrderTools()))
 *         .retriever(faq)
 *         .maxSteps(6)
 *         .build();
 * ToolRun run = support.run("Where is my order A-1042?");
 * System.out.println(run.text());
 * System.out.println(run.trace().format());
 * }</pre>
 *
 * <p>Runs are independent: an agent keeps no memory between them.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class Agent {
    private final String instructions;
    private final ToolRunner runner;
    private final Retriever retriever;

    private Agent(Builder builder) {
        this.instructions = builder.instructions;
        this.retriever = builder.retriever;
        this.runner = builder.runner.build();
    }

    /**
     * A builder for an agent on a model.
     *
     * @param model the model
     * @return the builder
     */
    public static Builder builder(ChatModel model) {
        return new Builder(model);
    }

    /**
     * Answers one input.
     *
     * @param input the user's message
     * @return the answer, the transcript and the trace (a retrieval step first, when there is a retriever)
     * @throws StepLimitExceededException if the model still asks for tools after the step limit; its trace
     *     includes the retrieval
     * @throws dev.bedrock4j.core.BedrockException if a model call fails
     */
    public ToolRun run(String input) {
        Objects.requireNonNull(input, "input");
        List<Step> before = new ArrayList<>();
        String userText = input;
        if (retriever != null) {
            long start = System.nanoTime();
            List<Passage> passages = List.copyOf(retriever.retrieve(input));
            before.add(new Step.Retrieval(input, passages.stream().map(Passage::source).toList(),
                    Duration.ofNanos(System.nanoTime() - start)));
            userText = withPassages(passages, input);
        }
        ChatRequest.Builder request = ChatRequest.builder().user(userText);
        if (!instructions.isEmpty()) {
            request.system(instructions);
        }
        try {
            ToolRun run = runner.run(request.build());
            return new ToolRun(run.response(), run.messages(), prepend(before, run.trace()));
        } catch (StepLimitExceededException e) {
            throw new StepLimitExceededException(e.trace().modelTurns().size(), e.messages(), prepend(before, e.trace()));
        }
    }

    private static String withPassages(List<Passage> passages, String input) {
        if (passages.isEmpty()) {
            return input;
        }
        StringBuilder text = new StringBuilder("Passages that may help:\n");
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            text.append('[').append(i + 1).append(']');
            if (!passage.source().isEmpty()) {
                text.append(" (").append(passage.source()).append(')');
            }
            text.append(' ').append(passage.text()).append('\n');
        }
        return text.append("\nQuestion: ").append(input).toString();
    }

    private static Trace prepend(List<Step> before, Trace trace) {
        if (before.isEmpty()) {
            return trace;
        }
        List<Step> steps = new ArrayList<>(before);
        steps.addAll(trace.steps());
        return new Trace(steps);
    }

    /**
     * The tools the agent may call.
     *
     * @return the registry
     */
    public ToolRegistry tools() {
        return runner.tools();
    }

    @Override
    public String toString() {
        return "Agent[" + runner.modelId() + ", " + runner.tools() + (retriever == null ? "" : ", with retriever") + "]";
    }

    /**
     * Builds an {@link Agent}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final ToolRunner.Builder runner;
        private String instructions = "";
        private Retriever retriever;

        private Builder(ChatModel model) {
            this.runner = ToolRunner.builder(model);
        }

        /**
         * Sets the instructions, sent as the system prompt.
         *
         * @param instructions who the agent is and how it works
         * @return this
         */
        public Builder instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions, "instructions");
            return this;
        }

        /**
         * Adds tools.
         *
         * @param tools the tools
         * @return this
         */
        public Builder tools(Tool<?>... tools) {
            runner.tools(tools);
            return this;
        }

        /**
         * Adds tools.
         *
         * @param tools the tools, such as those of {@link Tool#fromMethods(Object)}
         * @return this
         */
        public Builder tools(List<Tool<?>> tools) {
            runner.tools(ToolRegistry.of(tools));
            return this;
        }

        /**
         * Sets where passages for each input come from; they are put before the input in the user turn.
         *
         * @param retriever the retriever
         * @return this
         */
        public Builder retriever(Retriever retriever) {
            this.retriever = Objects.requireNonNull(retriever, "retriever");
            return this;
        }

        /**
         * Sets the most model turns one run may take (default {@value ToolRunner#DEFAULT_MAX_STEPS}).
         *
         * @param maxSteps at least 1
         * @return this
         */
        public Builder maxSteps(int maxSteps) {
            runner.maxSteps(maxSteps);
            return this;
        }

        /**
         * Sets how long a tool call may run when the tool has no timeout of its own (default 60 seconds).
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder toolTimeout(Duration timeout) {
            runner.toolTimeout(timeout);
            return this;
        }

        /**
         * Sets what the model reads when a tool throws (default {@link ToolErrorMapper#generic()}: the exception's
         * class and a generic message, never its message); the exception stays in the run's trace.
         *
         * @param errors the mapper; it must be thread-safe
         * @return this
         */
        public Builder errorMapper(ToolErrorMapper errors) {
            runner.errorMapper(errors);
            return this;
        }

        /**
         * Builds the agent.
         *
         * @return the agent
         */
        public Agent build() {
            return new Agent(this);
        }
    }
}
