package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.stream.ChatEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A subscriber for stream tests: asks for {@code initial} events, then {@code perEvent} more after each
 * one (0 for none), cancels after {@code cancelAfter} events (0 for never), records what it receives and
 * completes {@link #done()} on the terminal signal.
 */
final class TestSubscriber implements Flow.Subscriber<ChatEvent> {
    final List<ChatEvent> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long initial;
    private final long perEvent;
    private final int cancelAfter;
    private final Consumer<ChatEvent> onEvent;
    private Flow.Subscription subscription;

    private TestSubscriber(long initial, long perEvent, int cancelAfter, Consumer<ChatEvent> onEvent) {
        this.initial = initial;
        this.perEvent = perEvent;
        this.cancelAfter = cancelAfter;
        this.onEvent = onEvent;
    }

    /** Requests one event at a time; {@code check} runs on each event before the next is requested. */
    static TestSubscriber oneAtATime(Consumer<ChatEvent> check) {
        return new TestSubscriber(1, 1, 0, check);
    }

    /** Requests {@code initial} events and cancels after {@code cancelAfter} of them. */
    static TestSubscriber cancellingAfter(long initial, int cancelAfter) {
        return new TestSubscriber(initial, 0, cancelAfter, e -> { });
    }

    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(initial);
    }

    @Override
    public void onNext(ChatEvent event) {
        onEvent.accept(event);
        received.add(event);
        if (cancelAfter > 0 && received.size() == cancelAfter) {
            subscription.cancel();
        } else if (perEvent > 0) {
            subscription.request(perEvent);
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }
}
