package dev.bedrock4j.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;

/**
 * The bridge from the SDK's event stream to a {@link ChatStream}: demand, cancellation and the snapshot, over an
 * SDK event stream held in memory.
 */
class SdkChatStreamTest {

    @Test
    void oneEventAtATimeHonoursDemandEndToEnd() throws Exception {
        InMemorySdkStream sdk = new InMemorySdkStream();
        ChatStream stream = sdk.chatStream(200);
        List<ChatEvent> seen = new ArrayList<>();
        TestSubscriber oneByOne = TestSubscriber.oneAtATime(event -> {
            assertThat(sdk.emitted.get()).isEqualTo(seen.size() + 1L);
            seen.add(event);
        });
        stream.subscribe(oneByOne);
        oneByOne.done().join();
        List<String> received = new ArrayList<>();
        oneByOne.received.forEach(e -> received.add(((ChatEvent.TextDelta) e).text()));
        received.add("done");
        assertThat(received).hasSize(201).endsWith("done");
        assertThat(received.subList(0, 3)).containsExactly("t0", "t1", "t2");
        assertThat(sdk.maxOutstanding.get()).as("never more than one event asked of the SDK").isEqualTo(1);
    }

    @Test
    void cancellingStopsTheSdkStream() {
        InMemorySdkStream sdk = new InMemorySdkStream();
        TestSubscriber subscriber = TestSubscriber.cancellingAfter(5, 3);
        sdk.chatStream(1000).subscribe(subscriber);
        List<ChatEvent> received = subscriber.received;
        assertThat(received).hasSize(3);
        assertThat(sdk.upstreamCancelled).isTrue();
        assertThat(sdk.emitted.get()).isLessThanOrEqualTo(5);
    }

    @Test
    void reactorTakesOnlyWhatItNeedsThroughTheStandardAdapter() {
        List<String> limited = JdkFlowAdapter.flowPublisherToFlux(new InMemorySdkStream().chatStream(100))
                .take(3).map(e -> ((ChatEvent.TextDelta) e).text()).collectList().block(Duration.ofSeconds(5));
        assertThat(limited).containsExactly("t0", "t1", "t2");
    }

    @Test
    void snapshotHoldsThePartialAnswerAfterAFailure() {
        InMemorySdkStream sdk = new InMemorySdkStream();
        ChatStream stream = sdk.chatStream(50);
        List<ChatEvent> first = JdkFlowAdapter.flowPublisherToFlux(stream).take(4).collectList()
                .block(Duration.ofSeconds(5));
        assertThat(first).hasSize(4);
        assertThat(stream.snapshot().text()).isEqualTo("t0t1t2t3");
        assertThat(stream.snapshot().stopReason().value()).isEqualTo("incomplete");
    }
}
