package dev.bedrock4j.production.batch;

import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.FakeChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bulk run in its own JVM, to be killed mid-way by a test: summarises the input with a fake model that
 * takes {@code delayMillis} per item and, after {@code answers} answers, never answers again, so the run cannot
 * finish before the test kills it however slowly the test gets to it.
 */
public final class BulkRunMain {
    private BulkRunMain() {
    }

    /**
     * Runs.
     *
     * @param args input JSONL, output JSONL, delay in milliseconds per item, how many items are answered
     */
    public static void main(String[] args) {
        long delay = Long.parseLong(args[2]);
        int answers = Integer.parseInt(args[3]);
        AtomicInteger answered = new AtomicInteger();
        FakeChatModel model = FakeChatModel.create().respondWith(request -> {
            try {
                Thread.sleep(delay);
                if (answered.incrementAndGet() > answers) {
                    new CountDownLatch(1).await(); // hangs until the test kills this JVM
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ChatResponse.ofText("summary of " + request.lastUserText());
        });
        BulkRunner.builder(model)
                .requests(item -> ChatRequest.of(item.text()))
                .output(Path.of(args[1]))
                .initialConcurrency(4).maxConcurrency(4)
                .progressInterval(Duration.ofMillis(50))
                .build()
                .run(Path.of(args[0]));
    }
}
