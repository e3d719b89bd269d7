package dev.bedrock4j.core.stream;

import dev.bedrock4j.core.chat.ChatResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A streamed answer: a {@link Flow.Publisher} of {@link ChatEvent}s with helpers for code that only
 * wants the text, the whole response, a blocking {@link Stream}, or callbacks.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Cold and single-use: the call starts when the (one) subscriber subscribes; a second subscriber
 *       receives {@code onError(IllegalStateException)}. Each helper below subscribes, so use one of them
 *       or {@link #subscribe(Flow.Subscriber)}, not both.</li>
 *   <li>Demand is honoured end to end: events are pulled from the HTTP stream only as fast as the
 *       subscriber requests them; nothing is buffered without bound.</li>
 *   <li>{@code cancel()} stops the HTTP stream. Failures arrive once, as {@code onError} with a typed
 *       {@link dev.bedrock4j.core.BedrockException}; no signal follows a terminal one.</li>
 *   <li>Signals arrive on SDK threads: never block in {@code onNext}.</li>
 * </ul>
 *
 * <pre>{@code
 * ChatResponse full = model.prompt().user("Tell me a story").stream()
 *         .forEachText(System.out::print)
 *         .join();
 *
 * Flux<ChatEvent> flux = JdkFlowAdapter.flowPublisherToFlux(model.prompt().user("Hi").stream()); // Reactor
 * }</pre>
 *
 * <p>Thread-safe: it may be subscribed from any thread, and {@link #snapshot()} read from any thread.
 */
public interface ChatStream extends Flow.Publisher<ChatEvent> {

    /**
     * The response assembled from the events delivered so far: text, reasoning and tool calls (their
     * input parsed from the joined fragments). After a failure this is the partial answer; before
     * {@link ChatEvent.MessageStop} its stop reason is {@code "incomplete"}.
     *
     * @return the response so far
     */
    ChatResponse snapshot();

    /**
     * Only the text, as a publisher of text pieces. Subscribes to this stream when it is subscribed.
     *
     * @return the text publisher
     */
    Flow.Publisher<String> text();

    /**
     * Subscribes and collects every event into the same response {@code call()} returns.
     *
     * @return completes with the response, or exceptionally with a {@link dev.bedrock4j.core.BedrockException}
     */
    CompletableFuture<ChatResponse> collect();

    /**
     * Subscribes and hands each piece of text to a consumer as it arrives.
     *
     * @param onText receives text pieces, on an SDK thread
     * @return completes with the whole response
     */
    CompletableFuture<ChatResponse> forEachText(Consumer<String> onText);

    /**
     * Subscribes with callbacks.
     *
     * @param callbacks what to do with text, completion and errors
     * @return completes with the whole response, or exceptionally with the error also given to {@code onError}
     */
    CompletableFuture<ChatResponse> subscribe(StreamCallbacks callbacks);

    /**
     * Subscribes and returns the events as a blocking {@link Stream}, for code that is not reactive.
     * Events are requested a few at a time as the stream is consumed. Close the stream (or use
     * try-with-resources) to cancel the call early; a failure is thrown from the stream's terminal
     * operation as the typed {@link dev.bedrock4j.core.BedrockException}.
     *
     * @return the events
     */
    Stream<ChatEvent> toStream();
}
