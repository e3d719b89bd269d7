package dev.bedrock4j.tools;

import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.tools.internal.ToolJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened during a tool-using run, step by step: each model turn with its tokens and timing, each
 * tool call with its input, result and timing, and any retrieval.
 *
 * <p>{@link #format()} prints all of it, inputs, results and the exceptions tools threw included, for
 * debugging; {@link #toString()} prints only counts, so that a trace can be logged without leaking prompts,
 * data or exception messages.
 *
 * <pre>{@code
 * ToolRun run = runner.run(r -> r.user("Do I need an umbrella in Paris?"));
 * System.out.println(run.trace().format());
 * // 1. model  tool_use  -> get_weather  (in 310, out 42 tokens, 820 ms)
 * //    1.1 tool get_weather {"city":"Paris"} -> rain, 14 C  (3 ms)
 * // 2. model  end_turn  "Yes, take an umbrella: rain is expected."  (in 380, out 15 tokens, 610 ms)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param steps the steps, in the order they happened
 */
public record Trace(List<Step> steps) {
    private static final int SHOWN = 160;

    /**
     * Copies the steps.
     *
     * @param steps the steps
     */
    public Trace {
        steps = List.copyOf(steps);
    }

    /**
     * The model turns.
     *
     * @return the model-turn steps, in order
     */
    public List<Step.ModelTurn> modelTurns() {
        return only(Step.ModelTurn.class);
    }

    /**
     * The tool calls.
     *
     * @return the tool-call steps, in order
     */
    public List<Step.ToolCall> toolCalls() {
        return only(Step.ToolCall.class);
    }

    private <S extends Step> List<S> only(Class<S> kind) {
        List<S> matching = new ArrayList<>();
        for (Step step : steps) {
            if (kind.isInstance(step)) {
                matching.add(kind.cast(step));
            }
        }
        return List.copyOf(matching);
    }

    /**
     * The tokens of all model turns.
     *
     * @return the summed usage
     */
    public Usage usage() {
        Usage total = Usage.ZERO;
        for (Step.ModelTurn turn : modelTurns()) {
            total = total.plus(turn.usage());
        }
        return total;
    }

    /**
     * Every step on its own line, with inputs, results, the exceptions tools threw, tokens and timings. It holds
     * prompts, data and exception messages: keep it out of logs above DEBUG.
     *
     * @return the readable trace
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        int toolIndex = 0;
        for (Step step : steps) {
            if (step instanceof Step.Retrieval r) {
                out.append("0. retrieve ").append(quote(r.query())).append(" -> ").append(r.sources().size())
                        .append(" passages").append(r.sources().isEmpty() ? "" : " " + r.sources())
                        .append("  (").append(r.elapsed().toMillis()).append(" ms)\n");
            } else if (step instanceof Step.ModelTurn m) {
                toolIndex = 0;
                out.append(m.turn()).append(". model  ").append(m.stopReason());
                if (!m.toolCalls().isEmpty()) {
                    out.append("  -> ").append(String.join(", ", m.toolCalls()));
                }
                if (!m.text().isBlank()) {
                    out.append("  ").append(quote(m.text()));
                }
                out.append("  (in ").append(m.usage().inputTokens()).append(", out ").append(m.usage().outputTokens())
                        .append(" tokens, ").append(m.elapsed().toMillis()).append(" ms)\n");
            } else if (step instanceof Step.ToolCall t) {
                toolIndex++;
                out.append("   ").append(t.turn()).append('.').append(toolIndex).append(" tool ").append(t.tool())
                        .append(' ').append(abbreviate(ToolJson.text(t.input()))).append(" -> ")
                        .append(t.error() ? "ERROR " : "").append(abbreviate(t.result()))
                        .append(t.failure().isEmpty() ? "" : "  [threw " + abbreviate(t.failure()) + "]")
                        .append("  (").append(t.elapsed().toMillis()).append(" ms)\n");
            }
        }
        Usage usage = usage();
        out.append("total: ").append(counts()).append(", ").append(usage.inputTokens()).append(" input / ")
                .append(usage.outputTokens()).append(" output tokens");
        return out.toString();
    }

    private String counts() {
        long failed = toolCalls().stream().filter(Step.ToolCall::error).count();
        return modelTurns().size() + " model turns, " + toolCalls().size() + " tool calls"
                + (failed == 0 ? "" : " (" + failed + " failed)");
    }

    private static String quote(String text) {
        return "\"" + abbreviate(text) + "\"";
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= SHOWN ? flat : flat.substring(0, SHOWN - 3) + "...";
    }

    /** Counts and tokens only, never inputs or results: safe to log. */
    @Override
    public String toString() {
        Usage usage = usage();
        return "Trace[" + counts() + ", tokens in=" + usage.inputTokens() + " out=" + usage.outputTokens() + "]";
    }
}
