package dev.bedrock4j.tools;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Usage;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a tool-using run: the model's final answer, the whole transcript and the step trace.
 *
 * <pre>{@code
 * ToolRun run = runner.run(r -> r.user("What is 17 times 23?"));
 * System.out.println(run.text());
 * System.out.println(run.trace().format());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param response the model's final response, which ended the run
 * @param messages every turn: the request's turns, then each assistant turn and each turn of tool results
 * @param trace the steps, with tokens and timings
 */
public record ToolRun(ChatResponse response, List<Message> messages, Trace trace) {
    /**
     * Validates and copies the components.
     *
     * @param response the final response
     * @param messages the transcript
     * @param trace the trace
     */
    public ToolRun {
        Objects.requireNonNull(response, "response");
        messages = List.copyOf(messages);
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * The final answer's text.
     *
     * @return the text
     */
    public String text() {
        return response.text();
    }

    /**
     * The tokens of every model turn of the run.
     *
     * @return the summed usage
     */
    public Usage usage() {
        return trace.usage();
    }
}
