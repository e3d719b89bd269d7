package dev.bedrock4j.tools;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.tools.internal.ToolExecutor;
import dev.bedrock4j.tools.internal.ToolLoop;
import dev.bedrock4j.tools.internal.ToolLoopStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The tool-use loop over any {@link ChatModel}: offers the tools, and while the model asks for tools
 * ({@link StopReason#TOOL_USE}), runs them and sends the results back, until the model answers.
 *
 * <pre>{@code
 * ToolRunner runner = ToolRunner.of(model, weather, clock);
 * ChatResponse answer = runner.call(r -> r.user("Do I need an umbrella in Paris today?"));
 * }</pre>
 *
 * <p>Each turn's tool calls run in parallel on a bounded pool and their results go back in the model's
 * order. A tool's exception, an input that fails the tool's schema, an unknown tool name and a call that
 * overruns its timeout all become error results the model reads, never exceptions. For a tool's exception the
 * model reads what the {@link Builder#errorMapper(ToolErrorMapper) error mapper} says, by default its class and
 * a generic message but never its message; the exception is kept in the {@link Trace} and logged at DEBUG under
 * this class's name. The loop stops with {@link StepLimitExceededException} after
 * {@link Builder#maxSteps(int)} model turns.
 *
 * <p>A forced tool choice ({@link ToolChoice#any()} or {@link ToolChoice#tool(String)}), set on the request
 * or the builder, applies to the first model turn only; later turns use auto, so the model can answer.
 *
 * <p>A runner is itself a {@link ChatModel}: {@link #call(ChatRequest)} returns the final response with the
 * usage of all turns summed, so prompts and conversations work with tools unchanged. {@link #run(ChatRequest)}
 * also returns the transcript and the {@link Trace}. {@link #stream(ChatRequest)} runs the same loop over the
 * model's streams, passing every turn's events on as they are generated (a {@link ToolStream}).
 *
 * <p>Thread-safe; create one and share it.
 */
public final class ToolRunner implements ChatModel {
    /** Model turns allowed by default. */
    public static final int DEFAULT_MAX_STEPS = 10;
    /** Tool calls that run at once by default. */
    public static final int DEFAULT_PARALLELISM = 8;
    /** How long a tool call may run by default. */
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(60);

    private final ChatModel model;
    private final ToolRegistry tools;
    private final int maxSteps;
    private final ToolChoice toolChoice;
    private final ToolExecutor executor;

    private ToolRunner(Builder builder) {
        this.model = builder.model;
        this.tools = builder.tools;
        this.maxSteps = builder.maxSteps;
        this.toolChoice = builder.toolChoice;
        this.executor = new ToolExecutor(builder.executor != null ? builder.executor
                : ToolExecutor.newPool(builder.parallelism), builder.toolTimeout, builder.errors);
    }

    /**
     * A runner with default settings.
     *
     * @param model the model
     * @param tools the tools to offer
     * @return the runner
     */
    public static ToolRunner of(ChatModel model, Tool<?>... tools) {
        return builder(model).tools(tools).build();
    }

    /**
     * A runner with default settings.
     *
     * @param model the model
     * @param tools the tools to offer
     * @return the runner
     */
    public static ToolRunner of(ChatModel model, Collection<? extends Tool<?>> tools) {
        return builder(model).tools(ToolRegistry.of(tools)).build();
    }

    /**
     * A builder for a runner over a model.
     *
     * @param model the model
     * @return the builder
     */
    public static Builder builder(ChatModel model) {
        return new Builder(model);
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    /**
     * The tools offered.
     *
     * @return the registry
     */
    public ToolRegistry tools() {
        return tools;
    }

    /**
     * Runs the loop and returns the final response, with the usage of all model turns summed.
     *
     * @param request the request; the runner's tools are offered in addition to any it carries
     * @return the model's final answer
     * @throws StepLimitExceededException if the model still asks for tools after the step limit
     * @throws dev.bedrock4j.core.BedrockException if a model call fails
     */
    @Override
    public ChatResponse call(ChatRequest request) {
        ToolRun run = run(request);
        return run.response().toBuilder().usage(run.usage()).build();
    }

    /**
     * Runs the loop with a request built by a consumer.
     *
     * @param request sets up the request
     * @return the final answer, transcript and trace
     * @throws StepLimitExceededException if the model still asks for tools after the step limit
     */
    public ToolRun run(Consumer<ChatRequest.Builder> request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        return run(builder.build());
    }

    /**
     * Runs the loop.
     *
     * <pre>{@code
     * ToolRun run = runner.run(ChatRequest.of("What is the weather in Paris and in Rome?"));
     * run.text();             // the answer
     * run.trace().format();   // each model turn and tool call
     * }</pre>
     *
     * @param request the request; the runner's tools are offered in addition to any it carries
     * @return the final answer, transcript and trace
     * @throws StepLimitExceededException if the model still asks for tools after the step limit
     * @throws dev.bedrock4j.core.BedrockException if a model call fails
     */
    public ToolRun run(ChatRequest request) {
        ToolLoop loop = new ToolLoop(request, tools, toolChoice, maxSteps);
        while (true) {
            long start = System.nanoTime();
            ChatResponse response = model.call(loop.nextRequest());
            List<ContentBlock.ToolUse> uses = loop.turnEnded(response, Duration.ofNanos(System.nanoTime() - start));
            if (uses.isEmpty()) {
                return loop.result();
            }
            loop.toolsRan(executor.runAll(tools, uses));
        }
    }

    /**
     * Runs the loop streaming: the events of every model turn as they are generated, the tools run between
     * turns, ending with the answer (see {@link ToolStream} for the events and the contract).
     *
     * <pre>{@code
     * ToolStream stream = runner.stream(ChatRequest.of("What is the weather in Paris?"));
     * ChatResponse answer = stream.forEachText(System.out::print).join();   // every turn's text
     * stream.trace().format();                                              // each turn and tool call
     * }</pre>
     *
     * <p>The stream is cold: nothing is sent until it is subscribed.
     *
     * @param request the request; the runner's tools are offered in addition to any it carries
     * @return the stream of the run
     * @throws dev.bedrock4j.core.InvalidRequestException if the model rejects the first turn's request before
     *     any call, for example because it cannot stream tool use
     */
    @Override
    public ToolStream stream(ChatRequest request) {
        return new ToolLoopStream(model, tools, executor, new ToolLoop(request, tools, toolChoice, maxSteps));
    }

    /**
     * Runs the loop streaming, with a request built by a consumer.
     *
     * @param request sets up the request
     * @return the stream of the run
     * @throws dev.bedrock4j.core.InvalidRequestException if the model rejects the request before any call
     */
    @Override
    public ToolStream stream(Consumer<ChatRequest.Builder> request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        return stream(builder.build());
    }

    @Override
    public String toString() {
        return "ToolRunner[" + model.modelId() + ", " + tools + ", maxSteps=" + maxSteps + "]";
    }

    /**
     * Builds a {@link ToolRunner}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final ChatModel model;
        private ToolRegistry tools = ToolRegistry.empty();
        private int maxSteps = DEFAULT_MAX_STEPS;
        private ToolChoice toolChoice;
        private ExecutorService executor;
        private int parallelism = DEFAULT_PARALLELISM;
        private Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;
        private ToolErrorMapper errors = ToolErrorMapper.generic();

        private Builder(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Adds tools.
         *
         * @param tools the tools
         * @return this
         * @throws dev.bedrock4j.core.InvalidRequestException if a name is already taken
         */
        public Builder tools(Tool<?>... tools) {
            this.tools = this.tools.with(tools);
            return this;
        }

        /**
         * Adds the tools of a registry.
         *
         * @param tools the tools
         * @return this
         * @throws dev.bedrock4j.core.InvalidRequestException if a name is already taken
         */
        public Builder tools(ToolRegistry tools) {
            this.tools = this.tools.with(tools.tools());
            return this;
        }

        /**
         * Sets the most model turns one run may take (default {@value #DEFAULT_MAX_STEPS}).
         *
         * @param maxSteps at least 1
         * @return this
         */
        public Builder maxSteps(int maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * Sets the tool choice for the first model turn, unless the request sets one (default: the model decides).
         *
         * @param toolChoice auto, any, or a named tool
         * @return this
         */
        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        /**
         * Sets how many tool calls run at once, on a pool the runner owns whose idle threads end on their own
         * (default {@value #DEFAULT_PARALLELISM}).
         *
         * @param parallelism at least 1
         * @return this
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Runs tools on an executor of your own instead; it stays yours to shut down. Tool timeouts cancel
         * calls by interrupting them.
         *
         * @param executor the executor
         * @return this
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how long a tool call may run when the tool has no timeout of its own (default 60 seconds).
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder toolTimeout(Duration timeout) {
            this.toolTimeout = ToolExecutor.requirePositive("toolTimeout", timeout);
            return this;
        }

        /**
         * Sets what the model reads when a tool throws (default {@link ToolErrorMapper#generic()}: the exception's
         * class and a generic message, never its message).
         *
         * <pre>{@code
         * ToolRunner runner = ToolRunner.builder(model).tools(orders)
         *         .errorMapper((tool, e) -> e instanceof OrderNotFoundException ? e.getMessage()
         *                 : ToolErrorMapper.generic().toModelText(tool, e))
         *         .build();
         * }</pre>
         *
         * @param errors the mapper; it must be thread-safe
         * @return this
         */
        public Builder errorMapper(ToolErrorMapper errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public ToolRunner build() {
            return new ToolRunner(this);
        }
    }
}
