package dev.bedrock4j.tools;

/**
 * Decides what the model reads when a tool throws. An exception's message is written for developers and can
 * hold anything: a connection string, a password, a customer's data. The model's context is not a safe place for
 * it (it may be logged by the service, echoed in the answer, or steer the model), so by default the model reads
 * only the exception's class and a generic message; the full exception stays in the run's {@link Trace}
 * ({@link Step.ToolCall#failure()}) and is logged at DEBUG by {@code dev.bedrock4j.tools.ToolRunner}.
 *
 * <p>Map the exceptions whose messages are written for the model, and leave the rest to the default:
 * <pre>{@code
 * ToolErrorMapper errors = (tool, error) -> error instanceof OrderNotFoundException
 *         ? error.getMessage()                                   // "no order A-1042; order ids look like A-1234"
 *         : ToolErrorMapper.generic().toModelText(tool, error);
 * ToolRunner runner = ToolRunner.builder(model).tools(orders).errorMapper(errors).build();
 * }</pre>
 *
 * <p>It applies to exceptions a tool's function throws. Inputs that fail the tool's schema, unknown tool names
 * and timeouts are described by the library, from the model's own input, and are not mapped. If a mapper
 * throws or returns {@code null}, the model reads {@link #generic()}'s text.
 *
 * <p>Implementations must be thread-safe: tools run in parallel.
 */
@FunctionalInterface
public interface ToolErrorMapper {

    /**
     * The text the model reads for a call that threw.
     *
     * @param tool the tool's name
     * @param error what the tool threw; for a {@link ToolMethod} that throws a checked exception, that exception
     * @return the text for the model
     */
    String toModelText(String tool, Throwable error);

    /**
     * The default: the exception's class and a generic message, nothing of the exception's own message, such as
     * {@code tool 'get_order' failed with IllegalStateException; the details are not shown. Try again with other
     * input, or answer without this tool.}
     *
     * @return the mapper
     */
    static ToolErrorMapper generic() {
        return (tool, error) -> "tool '" + tool + "' failed with " + error.getClass().getSimpleName()
                + "; the details are not shown. Try again with other input, or answer without this tool.";
    }

    /**
     * The exception's class and message, verbatim: {@code tool 'get_order' failed: IllegalStateException: ...}.
     * Use it only for tools whose every exception message is fit for the model to read, and safe to leave the
     * application; prefer mapping the exceptions you wrote for the model and leaving the rest generic.
     *
     * @return the mapper
     */
    static ToolErrorMapper verbatim() {
        return (tool, error) -> {
            String message = error.getMessage();
            String name = error.getClass().getSimpleName();
            return "tool '" + tool + "' failed: " + (message == null || message.isBlank() ? name : name + ": " + message);
        };
    }
}
