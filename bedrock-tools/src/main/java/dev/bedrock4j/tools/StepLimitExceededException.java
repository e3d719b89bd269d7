package dev.bedrock4j.tools;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.Message;
import java.util.List;

/**
 * The model was still asking for tools when the run reached its step limit. The partial transcript and
 * trace show what happened; the tools of the last turn were not run.
 *
 * <pre>{@code
 * try {
 *     runner.run(request);
 * } catch (StepLimitExceededException e) {
 *     log.warn("gave up: {}", e.trace());
 *     e.messages();   // the transcript so far, ending with the model's last tool request
 * }
 * }</pre>
 *
 * <p>Not retryable as is: raise the limit, or simplify the task or the tools.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StepLimitExceededException extends BedrockException {
    private static final long serialVersionUID = 1L;

    private final transient List<Message> messages;
    private final transient Trace trace;

    /**
     * Creates the exception.
     *
     * @param maxSteps the limit that was reached
     * @param messages the transcript so far
     * @param trace the steps so far
     */
    public StepLimitExceededException(int maxSteps, List<Message> messages, Trace trace) {
        super("the model still asked for tools after " + maxSteps + " model turns, the step limit;"
                + " raise maxSteps or simplify the task (the partial transcript is in messages())");
        this.messages = List.copyOf(messages);
        this.trace = trace;
    }

    /**
     * The transcript so far.
     *
     * @return the messages, ending with the model's last tool request
     */
    public List<Message> messages() {
        return messages;
    }

    /**
     * The steps so far.
     *
     * @return the trace
     */
    public Trace trace() {
        return trace;
    }
}
