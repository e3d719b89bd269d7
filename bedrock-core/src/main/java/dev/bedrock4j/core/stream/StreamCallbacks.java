package dev.bedrock4j.core.stream;

import dev.bedrock4j.core.chat.ChatResponse;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Callbacks for a {@link ChatStream}: text as it arrives, the whole response at the end, or the error.
 *
 * <pre>{@code
 * CompletableFuture<ChatResponse> done = model.prompt().user("Summarise this").stream()
 *         .subscribe(StreamCallbacks.onText(ui::append)
 *                 .onComplete(response -> ui.showUsage(response.usage()))
 *                 .onError(error -> ui.showError(error.getMessage())));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the callbacks run on SDK threads.
 *
 * @param onText receives text pieces
 * @param onEvent receives every event
 * @param onComplete receives the assembled response
 * @param onError receives the failure, a {@link dev.bedrock4j.core.BedrockException}
 */
public record StreamCallbacks(Consumer<String> onText, Consumer<ChatEvent> onEvent, Consumer<ChatResponse> onComplete,
                              Consumer<Throwable> onError) {
    private static final Consumer<Object> NOTHING = x -> { };

    /**
     * Validates the callbacks.
     *
     * @param onText receives text pieces
     * @param onEvent receives every event
     * @param onComplete receives the response
     * @param onError receives the failure
     */
    public StreamCallbacks {
        Objects.requireNonNull(onText, "onText");
        Objects.requireNonNull(onEvent, "onEvent");
        Objects.requireNonNull(onComplete, "onComplete");
        Objects.requireNonNull(onError, "onError");
    }

    /**
     * Callbacks that do nothing yet.
     *
     * @return the callbacks
     */
    @SuppressWarnings("unchecked")
    public static StreamCallbacks none() {
        return new StreamCallbacks((Consumer<String>) (Consumer<?>) NOTHING, (Consumer<ChatEvent>) (Consumer<?>) NOTHING,
                (Consumer<ChatResponse>) (Consumer<?>) NOTHING, (Consumer<Throwable>) (Consumer<?>) NOTHING);
    }

    /**
     * Callbacks starting with a text consumer.
     *
     * @param onText receives text pieces
     * @return the callbacks
     */
    public static StreamCallbacks onText(Consumer<String> onText) {
        return none().withText(onText);
    }

    /**
     * These callbacks with another text consumer.
     *
     * @param onText receives text pieces
     * @return a copy
     */
    public StreamCallbacks withText(Consumer<String> onText) {
        return new StreamCallbacks(onText, onEvent, onComplete, onError);
    }

    /**
     * These callbacks with an event consumer.
     *
     * @param onEvent receives every event
     * @return a copy
     */
    public StreamCallbacks onEvent(Consumer<ChatEvent> onEvent) {
        return new StreamCallbacks(onText, onEvent, onComplete, onError);
    }

    /**
     * These callbacks with a completion consumer.
     *
     * @param onComplete receives the response
     * @return a copy
     */
    public StreamCallbacks onComplete(Consumer<ChatResponse> onComplete) {
        return new StreamCallbacks(onText, onEvent, onComplete, onError);
    }

    /**
     * These callbacks with an error consumer.
     *
     * @param onError receives the failure
     * @return a copy
     */
    public StreamCallbacks onError(Consumer<Throwable> onError) {
        return new StreamCallbacks(onText, onEvent, onComplete, onError);
    }
}
