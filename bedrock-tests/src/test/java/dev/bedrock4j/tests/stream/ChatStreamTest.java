package dev.bedrock4j.tests.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Conversation;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.core.stream.StreamCallbacks;
import dev.bedrock4j.testkit.FakeChatModel;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** The stream helpers and contract, over the fake model's replayed streams. */
class ChatStreamTest {
    static final ChatResponse ANSWER = ChatResponse.builder()
            .message(Message.assistant(new ContentBlock.Reasoning("Think first.", "sig-9"),
                    ContentBlock.text("The answer is 42."),
                    ContentBlock.toolUse("tu_1", "lookup", JsonSupport.parse("{\"q\":\"life\",\"n\":[1,2]}"))))
            .stopReason(StopReason.TOOL_USE)
            .usage(new Usage(10, 7, 3, 0))
            .latency(Duration.ofMillis(250))
            .build();

    static FakeChatModel model() {
        return FakeChatModel.create().enqueue(ANSWER);
    }

    @Test
    void collectAssemblesTheSameResponseCallWouldReturn() {
        ChatResponse collected = model().prompt().user("q").stream().collect().join();
        assertThat(collected.message()).isEqualTo(ANSWER.message());
        assertThat(collected.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(collected.usage()).isEqualTo(ANSWER.usage());
        assertThat(collected.latency()).isEqualTo(ANSWER.latency());
        assertThat(collected.modelId()).hasValue(FakeChatModel.DEFAULT_MODEL_ID);
    }

    @Test
    void textOnlyAndForEachText() {
        List<String> pieces = new ArrayList<>();
        Flowable.fromPublisher(FlowAdapters.toPublisher(model().prompt().user("q").stream().text()))
                .blockingForEach(pieces::add);
        assertThat(String.join("", pieces)).isEqualTo("The answer is 42.");
        assertThat(pieces).hasSizeGreaterThan(1);

        StringBuilder text = new StringBuilder();
        ChatResponse whole = model().prompt().user("q").stream().forEachText(text::append).join();
        assertThat(text).hasToString("The answer is 42.");
        assertThat(whole.text()).isEqualTo("The answer is 42.");
    }

    @Test
    void callbacksSeeTextEventsAndCompletion() {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        List<ChatResponse> completed = new CopyOnWriteArrayList<>();
        ChatResponse whole = model().prompt().user("q").stream()
                .subscribe(StreamCallbacks.none().onEvent(events::add).onComplete(completed::add)).join();
        assertThat(events.get(0)).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Metadata.class);
        assertThat(events).filteredOn(ChatEvent.ToolUseStart.class::isInstance).singleElement()
                .isEqualTo(new ChatEvent.ToolUseStart(2, "tu_1", "lookup"));
        assertThat(completed).containsExactly(whole);
    }

    @Test
    void errorsArriveOnceAsTheTypedExceptionThroughEveryHelper() {
        FakeChatModel failing = FakeChatModel.create().enqueueError(new ThrottledException("slow down"))
                .enqueueError(new ThrottledException("slow down"));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> failing.prompt().user("q").stream()
                .subscribe(StreamCallbacks.none().onError(errors::add)).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ThrottledException.class);
        assertThat(errors).singleElement().isInstanceOf(ThrottledException.class);

        assertThatThrownBy(() -> failing.prompt().user("q").stream().toStream().count())
                .isInstanceOf(ThrottledException.class);
    }

    @Test
    void aBlockingStreamForCodeThatIsNotReactive() {
        try (Stream<ChatEvent> events = model().prompt().user("q").stream().toStream()) {
            String text = events.filter(ChatEvent.TextDelta.class::isInstance)
                    .map(e -> ((ChatEvent.TextDelta) e).text()).collect(Collectors.joining());
            assertThat(text).isEqualTo("The answer is 42.");
        }
    }

    @Test
    void aSecondSubscriberGetsAClearError() {
        ChatStream stream = model().prompt().user("q").stream();
        stream.collect().join();
        assertThatThrownBy(() -> stream.collect().join()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("single-use");
    }

    @Test
    void theCallStartsOnSubscribe() {
        FakeChatModel model = model();
        ChatStream stream = model.prompt().user("q").stream();
        assertThat(model.requestCount()).isZero();
        stream.collect().join();
        assertThat(model.requestCount()).isEqualTo(1);
    }

    @Test
    void reactorAndRxJavaConsumeItThroughTheirStandardAdapters() {
        Flux<ChatEvent> flux = JdkFlowAdapter.flowPublisherToFlux(model().prompt().user("q").stream());
        List<ChatEvent> viaReactor = flux.collectList().block(java.time.Duration.ofSeconds(5));
        assertThat(viaReactor).first().isInstanceOf(ChatEvent.MessageStart.class);

        List<ChatEvent> viaRx = Flowable.fromPublisher(FlowAdapters.toPublisher(model().prompt().user("q").stream()))
                .toList().blockingGet();
        assertThat(viaRx).isEqualTo(viaReactor);
    }

    @Test
    void aConversationAppendsTheStreamedTurnWhenItCompletes() throws Exception {
        FakeChatModel model = FakeChatModel.create().enqueue(ANSWER).enqueueText("Next.");
        Conversation chat = model.conversation();
        ChatStream turn = chat.stream("What is the answer?");
        assertThat(chat.history()).isEmpty();
        turn.collect().get(5, TimeUnit.SECONDS);
        assertThat(chat.history()).hasSize(2);
        assertThat(chat.history().get(1).content()).contains(new ContentBlock.Reasoning("Think first.", "sig-9"));

        FakeChatModel failing = FakeChatModel.create().enqueueError(new ThrottledException("no"));
        Conversation other = failing.conversation();
        assertThatThrownBy(() -> other.stream("x").collect().join()).hasCauseInstanceOf(ThrottledException.class);
        assertThat(other.history()).isEmpty();
    }
}
