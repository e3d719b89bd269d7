package dev.bedrock4j.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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

    // ------------------------------------------------------------------ one turn in flight, streams included

    /** A model whose answer to the n-th request (from 1) waits until the test opens its gate. */
    static final class GatedModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
        final Map<Integer, CountDownLatch> arrived = new ConcurrentHashMap<>();
        volatile boolean failNext;

        CountDownLatch gate(int request) {
            arrived.computeIfAbsent(request, n -> new CountDownLatch(1));
            return gates.computeIfAbsent(request, n -> new CountDownLatch(1));
        }

        void awaitArrival(int request) throws InterruptedException {
            assertThat(arrived.computeIfAbsent(request, n -> new CountDownLatch(1)).await(10, TimeUnit.SECONDS))
                    .as("request " + request + " arrived").isTrue();
        }

        @Override
        public String modelId() {
            return "gated-model";
        }

        @Override
        public ChatResponse call(ChatRequest request) {
            int n;
            synchronized (this) {
                if (failNext) {
                    failNext = false;
                    throw new ThrottledException("slow down");
                }
                requests.add(request);
                n = requests.size();
            }
            arrived.computeIfAbsent(n, k -> new CountDownLatch(1)).countDown();
            CountDownLatch gate = gates.get(n);
            try {
                if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate " + n + " never opened");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ChatResponse.ofText("reply to " + request.lastUserText());
        }

        synchronized List<String> texts(int request) {
            return requests.get(request - 1).messages().stream().map(Message::text).toList();
        }
    }

    @Test
    void aStreamedTurnInFlightHoldsUpTheNextTurnWhichThenSeesItsExchange() throws Exception {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        CountDownLatch first = model.gate(1);
        CompletableFuture<ChatResponse> streamed = CompletableFuture.supplyAsync(() -> chat.stream("one").collect().join());
        model.awaitArrival(1);

        CompletableFuture<ChatResponse> sent = CompletableFuture.supplyAsync(() -> chat.send("two"));
        Thread.sleep(100);
        assertThat(sent).as("waits for the streamed turn").isNotDone();
        assertThat(model.requests).hasSize(1);

        first.countDown();
        assertThat(streamed.get(10, TimeUnit.SECONDS).text()).isEqualTo("reply to one");
        assertThat(sent.get(10, TimeUnit.SECONDS).text()).isEqualTo("reply to two");
        assertThat(model.texts(2)).containsExactly("one", "reply to one", "two");
    }

    @Test
    void aStreamTakesTheHistoryAsItIsWhenItsCallStarts() {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        ChatStream later = chat.stream("two");
        chat.send("one");

        assertThat(later.collect().join().text()).isEqualTo("reply to two");
        assertThat(model.texts(2)).containsExactly("one", "reply to one", "two");
        assertThat(chat.history()).extracting(Message::text).containsExactly("one", "reply to one", "two", "reply to two");
    }

    @Test
    void aStreamNeverSubscribedHoldsUpNothing() {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        chat.stream("forgotten");

        assertThat(chat.send("one").text()).isEqualTo("reply to one");
        assertThat(chat.history()).hasSize(2);
    }

    @Test
    void aWaitingStreamThatIsCancelledLeavesTheQueueAndIsNeverSent() throws Exception {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        CountDownLatch first = model.gate(1);
        CompletableFuture<ChatResponse> inFlight = CompletableFuture.supplyAsync(() -> chat.send("one"));
        model.awaitArrival(1);
        ChatStream waiting = chat.stream("never sent");
        CompletableFuture<ChatResponse> waitingAnswer = waiting.collect();

        waiting.cancel();
        first.countDown();

        assertThat(waitingAnswer).isCancelled();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).text()).isEqualTo("reply to one");
        assertThat(chat.send("three").text()).isEqualTo("reply to three");
        assertThat(model.requests).hasSize(2);
        assertThat(chat.history()).extracting(Message::text).containsExactly("one", "reply to one", "three", "reply to three");
    }

    @Test
    void aCancelledStreamInFlightReleasesTheTurnAndLeavesTheHistoryUnchanged() throws Exception {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        model.gate(1);
        ChatStream stream = chat.stream("one");
        CompletableFuture<ChatResponse> answer = CompletableFuture.supplyAsync(() -> stream.collect().join());
        model.awaitArrival(1);

        stream.cancel();
        model.gates.get(1).countDown();

        assertThat(chat.send("two").text()).isEqualTo("reply to two");
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CancellationException.class);
        assertThat(chat.history()).extracting(Message::text).containsExactly("two", "reply to two");
    }

    @Test
    void aFailedStreamReleasesTheTurnAndLeavesTheHistoryUnchanged() {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        model.failNext = true;

        assertThatThrownBy(() -> chat.stream("one").collect().join()).cause().isInstanceOf(ThrottledException.class);

        assertThat(chat.send("two").text()).isEqualTo("reply to two");
        assertThat(chat.history()).extracting(Message::text).containsExactly("two", "reply to two");
    }

    @Test
    void aSendInterruptedWhileWaitingSendsNothingAndLeavesTheTurnToOthers() throws Exception {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        CountDownLatch first = model.gate(1);
        CompletableFuture<ChatResponse> inFlight = CompletableFuture.supplyAsync(() -> chat.stream("one").collect().join());
        model.awaitArrival(1);
        CompletableFuture<Throwable> interrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                chat.send("never sent");
                interrupted.complete(null);
            } catch (RuntimeException e) {
                interrupted.complete(e);
            }
        });
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(waiter.getState()).as("the second turn waits for the first").isIn(Thread.State.WAITING,
                Thread.State.TIMED_WAITING);

        waiter.interrupt();

        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isInstanceOf(BedrockException.class)
                .hasMessageContaining("interrupted while waiting for the turn in flight").hasMessageContaining("nothing was sent");
        first.countDown();
        inFlight.get(10, TimeUnit.SECONDS);
        assertThat(chat.send("two").text()).isEqualTo("reply to two");
        assertThat(model.requests).hasSize(2);
    }

    @Test
    void manyThreadsStreamingAndSendingGetOneConsistentDialogue() throws Exception {
        GatedModel model = new GatedModel();
        Conversation chat = model.conversation();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    String text = thread + "/" + i;
                    if (i % 2 == 0) {
                        chat.stream(text).forEachText(piece -> { }).join();
                    } else {
                        chat.send(text);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<String> history = chat.history().stream().map(Message::text).toList();
        assertThat(history).hasSize(2 * 192);
        for (int turn = 1; turn <= 192; turn++) {
            assertThat(model.texts(turn)).as("turn " + turn).isEqualTo(history.subList(0, 2 * turn - 1));
            assertThat(history.get(2 * turn - 1)).isEqualTo("reply to " + history.get(2 * turn - 2));
        }
    }
}
