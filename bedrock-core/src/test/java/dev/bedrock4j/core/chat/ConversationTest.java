package dev.bedrock4j.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.ThrottledException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConversationTest {
    /** A model that records requests and answers with a reasoning block plus "reply N". */
    static final class CountingModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        boolean failNext;

        @Override
        public String modelId() {
            return "test-model";
        }

        @Override
        public synchronized ChatResponse call(ChatRequest request) {
            if (failNext) {
                failNext = false;
                throw new ThrottledException("slow down");
            }
            requests.add(request);
            return ChatResponse.builder()
                    .message(Message.assistant(new ContentBlock.Reasoning("thinking " + requests.size(), "sig"),
                            ContentBlock.text("reply " + requests.size())))
                    .build();
        }
    }

    @Test
    void eachTurnSendsTheHistoryAndAppendsTheReplyWithItsReasoning() {
        CountingModel model = new CountingModel();
        Conversation chat = model.conversation().defaults(r -> r.system("Be a tutor.").maxTokens(300));

        assertThat(chat.send("What is a prime?").text()).isEqualTo("reply 1");
        assertThat(chat.send("Is 91 one?").text()).isEqualTo("reply 2");

        ChatRequest second = model.requests.get(1);
        assertThat(second.system()).containsExactly(ContentBlock.text("Be a tutor."));
        assertThat(second.maxTokens()).hasValue(300);
        assertThat(second.messages()).hasSize(3);
        assertThat(second.messages().get(1).content()).contains(new ContentBlock.Reasoning("thinking 1", "sig"));
        assertThat(chat.history()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
    }

    @Test
    void aFailedTurnLeavesTheHistoryUnchanged() {
        CountingModel model = new CountingModel();
        Conversation chat = model.conversation();
        chat.send("one");
        model.failNext = true;
        assertThatThrownBy(() -> chat.send("two")).isInstanceOf(ThrottledException.class);
        assertThat(chat.history()).hasSize(2);
        chat.send("two");
        assertThat(chat.history()).hasSize(4);
    }

    @Test
    void copiesAreIndependentAndClearKeepsDefaults() {
        CountingModel model = new CountingModel();
        Conversation chat = model.conversation().defaults(r -> r.system("S"));
        chat.send("one");
        Conversation branch = chat.copy();
        branch.send("two");
        assertThat(chat.history()).hasSize(2);
        assertThat(branch.history()).hasSize(4);

        chat.clear();
        assertThat(chat.history()).isEmpty();
        chat.send("again");
        assertThat(model.requests.get(model.requests.size() - 1).system()).containsExactly(ContentBlock.text("S"));
    }

    @Test
    void concurrentTurnsNeverInterleave() throws Exception {
        CountingModel model = new CountingModel();
        Conversation chat = model.conversation();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ChatResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            futures.add(pool.submit(() -> chat.send("question " + n)));
        }
        for (Future<ChatResponse> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<Message> history = chat.history();
        assertThat(history).hasSize(40);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).role()).isEqualTo(i % 2 == 0 ? Role.USER : Role.ASSISTANT);
        }
        for (int i = 0; i < model.requests.size(); i++) {
            assertThat(model.requests.get(i).messages()).hasSize(2 * i + 1);
        }
    }

    @Test
    void sendRejectsAssistantTurns() {
        Conversation chat = new CountingModel().conversation();
        assertThatThrownBy(() -> chat.send(Message.assistant("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user turn");
    }
}
