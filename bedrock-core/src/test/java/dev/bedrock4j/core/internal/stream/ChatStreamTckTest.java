package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.stream.ChatEvent;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/** The Reactive Streams TCK (Flow flavour) against the publisher that bridges the SDK's event stream. */
public class ChatStreamTckTest extends FlowPublisherVerification<ChatEvent> {

    public ChatStreamTckTest() {
        super(new TestEnvironment(300, 50));
    }

    @Override
    public Flow.Publisher<ChatEvent> createFlowPublisher(long elements) {
        return new InMemorySdkStream().chatStream(elements);
    }

    @Override
    public Flow.Publisher<ChatEvent> createFailedFlowPublisher() {
        return new InMemorySdkStream().failingChatStream();
    }
}
