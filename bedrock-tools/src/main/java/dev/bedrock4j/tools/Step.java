package dev.bedrock4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of a tool-using run: a model turn, a tool call, or a retrieval. A {@link Trace} lists them in
 * the order they happened.
 *
 * <pre>{@code
 * for (Step step : run.trace().steps()) {
 *     if (step instanceof Step.ToolCall call && call.error()) {
 *         log.warn("tool {} failed: {}", call.tool(), call.result());   // what the model read
 *         log.debug("tool {} threw: {}", call.tool(), call.failure());  // the exception itself, for you
 *     }
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Step {

    /**
     * How long the step took, by the wall clock.
     *
     * @return the duration
     */
    Duration elapsed();

    /**
     * A call to the model.
     *
     * @param turn the model turn, from 1
     * @param stopReason why the model stopped
     * @param text the text the model wrote in this turn; empty when it only called tools
     * @param toolCalls the names of the tools it asked for, in its order
     * @param usage the tokens of this turn
     * @param elapsed how long the call took
     */
    record ModelTurn(int turn, StopReason stopReason, String text, List<String> toolCalls, Usage usage,
                     Duration elapsed) implements Step {
        /**
         * Validates and copies the components.
         *
         * @param turn the model turn
         * @param stopReason the stop reason
         * @param text the text
         * @param toolCalls the tool names
         * @param usage the usage
         * @param elapsed the duration
         */
        public ModelTurn {
            Objects.requireNonNull(stopReason, "stopReason");
            Objects.requireNonNull(text, "text");
            toolCalls = List.copyOf(toolCalls);
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * A tool call the model asked for, and its result.
     *
     * @param turn the model turn that asked for it
     * @param toolUseId the model's id for the call
     * @param tool the tool's name
     * @param input the arguments the model gave
     * @param result the result as text, or the error message, exactly as the model read it
     * @param error whether the call failed (invalid input, exception, timeout, unknown tool)
     * @param elapsed how long the tool ran
     * @param failure when the tool threw, the exception's class and message and those of its causes, which the
     *                model did not read (see {@link ToolErrorMapper}); empty otherwise. It may hold whatever the
     *                exception held, so treat it as you treat your logs
     */
    record ToolCall(int turn, String toolUseId, String tool, JsonNode input, String result, boolean error,
                    Duration elapsed, String failure) implements Step {
        /**
         * Validates and copies the components.
         *
         * @param turn the model turn
         * @param toolUseId the call's id
         * @param tool the tool's name
         * @param input the arguments
         * @param result the result text
         * @param error whether it failed
         * @param elapsed the duration
         * @param failure the exception, or empty
         */
        public ToolCall {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(tool, "tool");
            input = Objects.requireNonNull(input, "input").deepCopy();
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(failure, "failure");
        }

        /**
         * A call that did not throw, or whose exception is not kept.
         *
         * @param turn the model turn
         * @param toolUseId the call's id
         * @param tool the tool's name
         * @param input the arguments
         * @param result the result text
         * @param error whether it failed
         * @param elapsed the duration
         */
        public ToolCall(int turn, String toolUseId, String tool, JsonNode input, String result, boolean error,
                        Duration elapsed) {
            this(turn, toolUseId, tool, input, result, error, elapsed, "");
        }

        /**
         * A copy of the arguments.
         *
         * @return the arguments
         */
        @Override
        public JsonNode input() {
            return input.deepCopy();
        }
    }

    /**
     * Passages fetched for the question before the model was called.
     *
     * @param query what was searched for
     * @param sources where each passage came from, one entry per passage (empty text when unknown)
     * @param elapsed how long the search took
     */
    record Retrieval(String query, List<String> sources, Duration elapsed) implements Step {
        /**
         * Validates and copies the components.
         *
         * @param query the query
         * @param sources the passages' sources
         * @param elapsed the duration
         */
        public Retrieval {
            Objects.requireNonNull(query, "query");
            sources = List.copyOf(sources);
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }
}
