package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.Conversation;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import dev.bedrock4j.testkit.junit.BedrockTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A conversation shared by many threads, over the wire: each turn, sent or streamed, goes out with exactly
 * the history it ends up after, so the history reads as one consistent dialogue.
 */
@BedrockTest
class ConversationConcurrencyTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    static final int THREADS = 16;
    static final int TURNS_PER_THREAD = 4;

    @Test
    void turnsFromManyThreadsAreSerialisedAndEachSeesTheHistoryBeforeIt(LocalBedrockServer server, Bedrock bedrock)
            throws Exception {
        Conversation chat = bedrock.chat(MODEL).conversation().defaults(r -> r.maxTokens(50));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < TURNS_PER_THREAD; i++) {
                    String text = "thread " + thread + " turn " + i;
                    if (i % 2 == 0) {
                        chat.stream(text).forEachText(piece -> { }).join();
                    } else {
                        chat.send(text);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        List<Message> history = chat.history();
        assertThat(history).hasSize(2 * THREADS * TURNS_PER_THREAD);
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(THREADS * TURNS_PER_THREAD);
        int consistent = 0;
        for (int turn = 0; turn < requests.size(); turn++) {
            Message user = history.get(2 * turn);
            Message reply = history.get(2 * turn + 1);
            assertThat(user.role()).isEqualTo(Role.USER);
            assertThat(reply.role()).isEqualTo(Role.ASSISTANT);
            assertThat(reply.text()).isEqualTo("You said: " + user.text());
            ChatRequest sent = requests.get(turn).chatRequest().orElseThrow();
            if (texts(sent.messages()).equals(texts(history.subList(0, 2 * turn + 1)))) {
                consistent++;
            }
        }
        assertThat(consistent).as("turns sent with exactly the history they end up after").isEqualTo(requests.size());
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(m -> m.role() + ": " + m.text()).toList();
    }
}
