package dev.bedrock4j.production.batch;

import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.FakeChatModel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A bulk run in its own JVM, to be killed mid-way by a test: summarises the input with a fake model that
 * takes {@code delayMillis} per item.
 */
public final class BulkRunMain {
    private BulkRunMain() {
    }

    /**
     * Runs.
     *
     * @param args input JSONL, output JSONL, delay in milliseconds per item
     */
    public static void main(String[] args) {
        long delay = Long.parseLong(args[2]);
        FakeChatModel model = FakeChatModel.create().respondWith(request -> {
            try {
                Thread.sleep(delay);
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
