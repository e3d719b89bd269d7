package dev.bedrock4j.core.stream;

import dev.bedrock4j.core.chat.ChatResponse;
import java.util.concurrent.CancellationException;
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
 *   <li>{@link #cancel()} (or the subscription's {@code cancel()}, or cancelling a helper's future) stops the
 *       HTTP stream. Failures arrive once, as {@code onError} with a typed
 *       {@link dev.bedrock4j.core.BedrockException} whose {@code isRetryable()} says whether to try again;
 *       no signal follows a terminal one.</li>
 *   <li>Signals arrive on SDK threads: never block in {@code onNext}.</li>
 * </ul>
 *
 * <pre>{@code
 * ChatResponse full = model.prompt().user("Tell me a story").stream()
 *         .forEachText(System.out::print)
 *         .join();
 *
 * Flux<ChatEvent> flux = JdkFlowAdapter.flowPublisherToFlux(model.prompt().user("Hi").stream()); // Reactor
 *
 * ChatStream story = model.prompt().user("Tell me a long story").stream();
 * story.forEachText(System.out::print);
 * story.cancel();                                   // from any thread, e.g. when the user clicks "stop"
 * }</pre>
 *
 * <p>Thread-safe: it may be subscribed and cancelled from any thread, and {@link #snapshot()} read from any thread.
 */
public interface ChatStream extends Flow.Publisher<ChatEvent> {

    /**
     * Cancels the stream, however it was subscribed: the HTTP stream is closed and no further event is
     * delivered. Then {@link #collect()}, {@link #forEachText(Consumer)} and {@link #subscribe(StreamCallbacks)}
     * return futures that are cancelled ({@code join()} throws {@link CancellationException}), the
     * {@link #toStream()} stream throws {@code CancellationException} after the events already received, and a
     * subscriber of {@link #subscribe(Flow.Subscriber)} receives no further signal, as after its subscription's
     * {@code cancel()}. A stream cancelled before it is subscribed starts no call: its subscriber receives
     * {@code onError(CancellationException)}. Cancelling a finished stream, or cancelling twice, does nothing.
     * {@link #snapshot()} keeps what arrived, with the stop reason {@code "incomplete"}.
     *
     * <p>Equivalent ways: {@code forEachText(...).cancel(true)} on the helper's future, or closing the
     * {@code toStream()} stream.
     */
    void cancel();

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
