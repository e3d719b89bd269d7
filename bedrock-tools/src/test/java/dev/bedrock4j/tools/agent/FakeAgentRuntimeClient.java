package dev.bedrock4j.tools.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseStream;

/**
 * A hand-written agent runtime client: each InvokeAgent call answers with the next scripted event list
 * (delivered through the handler the way the SDK does: response, event stream, complete) or fails with
 * the next scripted error. Records every request. Thread-safe.
 */
final class FakeAgentRuntimeClient implements BedrockAgentRuntimeAsyncClient {
    private static final Object HANG = new Object();

    private final Deque<Object> script = new ArrayDeque<>();
    private final List<InvokeAgentRequest> requests = new ArrayList<>();

    synchronized FakeAgentRuntimeClient enqueue(ResponseStream... events) {
        script.add(List.of(events));
        return this;
    }

    synchronized FakeAgentRuntimeClient enqueueError(Throwable error) {
        script.add(error);
        return this;
    }

    /** The next call never answers, as a stalled connection would. */
    synchronized FakeAgentRuntimeClient enqueueHang() {
        script.add(HANG);
        return this;
    }

    synchronized List<InvokeAgentRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Void> invokeAgent(InvokeAgentRequest request, InvokeAgentResponseHandler handler) {
        Object next;
        synchronized (this) {
            requests.add(request);
            next = script.poll();
        }
        if (next == null) {
            throw new IllegalStateException("no scripted InvokeAgent answer for request #" + requests().size());
        }
        if (next == HANG) {
            return new CompletableFuture<>();
        }
        if (next instanceof Throwable error) {
            handler.exceptionOccurred(error);
            return CompletableFuture.failedFuture(error);
        }
        handler.responseReceived(InvokeAgentResponse.builder().sessionId(request.sessionId())
                .contentType("application/json").build());
        handler.onEventStream(SdkPublisher.adapt(new ListPublisher<>((List<ResponseStream>) next)));
        handler.complete();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String serviceName() {
        return "bedrock-agent-runtime";
    }

    @Override
    public void close() {
    }

    /** Emits a fixed list as demanded, then completes. */
    private static final class ListPublisher<T> implements Publisher<T> {
        private final List<T> items;

        ListPublisher(List<T> items) {
            this.items = items;
        }

        @Override
        public void subscribe(Subscriber<? super T> subscriber) {
            subscriber.onSubscribe(new Subscription() {
                private int next;
                private long demand;
                private boolean emitting;
                private boolean done;

                @Override
                public void request(long n) {
                    demand += n;
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                    while (!done && demand > 0 && next < items.size()) {
                        demand--;
                        subscriber.onNext(items.get(next++));
                    }
                    if (!done && next == items.size()) {
                        done = true;
                        subscriber.onComplete();
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }
}
