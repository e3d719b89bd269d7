package dev.bedrock4j.tools;

import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.List;

/**
 * A streamed tool-use run: the events of every model turn, with the tools run between turns, ending with
 * the model's answer. {@link ToolRunner#stream(dev.bedrock4j.core.chat.ChatRequest)} makes one.
 *
 * <pre>{@code
 * ToolStream stream = runner.stream(r -> r.user("Where is my order A-1042?"));
 * ChatResponse answer = stream.forEachText(System.out::print).join();
 * System.out.println(stream.trace().format());
 * }</pre>
 *
 * <h2>Events</h2>
 * <ul>
 *   <li>Each model turn is a whole message: {@link ChatEvent.MessageStart}, its blocks (a tool call is a
 *       {@link ChatEvent.ToolUseStart} and its input fragments), {@link ChatEvent.MessageStop} and
 *       {@link ChatEvent.Metadata}. A turn that stops with {@code tool_use} is followed, once its tools have
 *       run, by the next turn's {@code MessageStart}; block indexes start again at 0 in each turn.</li>
 *   <li>Tool inputs are assembled from the streamed fragments, the tools run on the runner's pool (never on
 *       the SDK's threads), and their results go back in the next turn's request, exactly as in
 *       {@link ToolRunner#run(dev.bedrock4j.core.chat.ChatRequest)}. Each turn appears in {@link #trace()}
 *       when it ends, and its tool calls, with their results, once they have all finished.</li>
 *   <li>Each {@code Metadata} event carries the usage of the run so far, so the last one is the total.
 *       {@link #snapshot()}, {@link #collect()} and the other helpers give the answer (the last turn) with the
 *       total usage: what {@link ToolRunner#call(dev.bedrock4j.core.chat.ChatRequest)} returns.</li>
 * </ul>
 *
 * <h2>Demand, cancellation, failures</h2>
 * The {@link ChatStream} contract holds for the whole run: events are pulled from each turn's model stream
 * only as fast as the subscriber requests them; {@code cancel()} stops the model stream in progress, or
 * interrupts the tools that are running, and no further turn starts. A failed model call ends the stream
 * with its {@link dev.bedrock4j.core.BedrockException}; a model still asking for tools after the step limit
 * ends it with {@link StepLimitExceededException}.
 *
 * <p>Thread-safe: it may be subscribed from any thread, and {@link #trace()}, {@link #messages()} and
 * {@link #snapshot()} read from any thread.
 */
public interface ToolStream extends ChatStream {

    /**
     * The steps so far: each finished model turn and each finished tool call.
     *
     * @return the trace
     */
    Trace trace();

    /**
     * The transcript so far: the request's turns, then each finished assistant turn and each turn of tool
     * results.
     *
     * @return the messages
     */
    List<Message> messages();
}
