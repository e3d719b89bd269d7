package dev.bedrock4j.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** Native streams, where one chunk may carry several events, still honour demand one event at a time. */
class ExpandingChatStreamTest {

    @Test
    void oneEventAtATimeAcrossChunksThatCarrySeveralEvents() {
        AtomicLong chunksRequested = new AtomicLong();
        List<JsonNode> chunks = List.of(
                JsonSupport.parse("{\"generation\":\"Hel\",\"stop_reason\":null}"),
                JsonSupport.parse("{\"generation\":\"lo\",\"stop_reason\":null}"),
                JsonSupport.parse("{\"generation\":\"!\",\"stop_reason\":\"stop\",\"amazon-bedrock-invocationMetrics\":"
                        + "{\"inputTokenCount\":3,\"outputTokenCount\":3,\"invocationLatency\":9}}"));
        Flow.Publisher<JsonNode> source = JdkFlowAdapter.publisherToFlowPublisher(
                Flux.fromIterable(chunks).doOnRequest(chunksRequested::addAndGet));
        ExpandingChatStream<JsonNode> stream = new ExpandingChatStream<>("meta.llama", source, NativeFormat.llama()::streamDecoder);

        List<ChatEvent> received = new ArrayList<>();
        stream.subscribe(new Flow.Subscriber<>() {
            Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ChatEvent event) {
                received.add(event);
                assertThat(chunksRequested.get()).as("chunks asked for never run ahead of events used")
                        .isLessThanOrEqualTo(received.size());
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(received).hasSize(7); // start, 3 deltas, block stop, message stop, metadata
        assertThat(received.get(6)).isInstanceOf(ChatEvent.Metadata.class);
        assertThat(stream.snapshot().text()).isEqualTo("Hello!");
        assertThat(stream.snapshot().usage().outputTokens()).isEqualTo(3);
    }
}
