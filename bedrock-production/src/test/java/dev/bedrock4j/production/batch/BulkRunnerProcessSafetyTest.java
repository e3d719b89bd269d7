package dev.bedrock4j.production.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.FakeChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two bulk runs, in two processes or in one, on one results or dead-letter file. */
@Timeout(60)
class BulkRunnerProcessSafetyTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static BulkRunner.Builder runner(FakeChatModel model, Path output) {
        return BulkRunner.builder(model).requests(item -> ChatRequest.of(item.text())).output(output);
    }

    @Test
    void aSecondRunJvmMeetsTheClearErrorAndEveryAcknowledgedResultIsKeptOnce() throws Exception {
        int n = 200;
        Path input = BulkRunnerTest.writeInput(dir, n);
        Path out = dir.resolve("out.jsonl");
        FakeChatModel parent = BulkRunnerTest.summariser();
        try (ChildJvm first = ChildJvm.start(BulkHoldMain.class, input.toString(), out.toString(), "doc-150")) {
            first.await("WAITING");

            try (ChildJvm second = ChildJvm.start(BulkHoldMain.class, input.toString(), out.toString(), "doc-7")) {
                assertThat(second.await("IN_USE")).contains("cannot write " + out + ": another process (pid "
                        + first.pid() + " on host ").contains("stop that process or use another file");
                assertThat(second.exitValue()).isEqualTo(BulkHoldMain.IN_USE_STATUS);
            }
            assertThatThrownBy(() -> runner(parent, out).build().run(input))
                    .isInstanceOfSatisfying(FileInUseException.class, e -> {
                        assertThat(e.file()).isEqualTo(out);
                        assertThat(e.holder()).startsWith("pid " + first.pid());
                    });
            Path deadLetter = dir.resolve("out.dead.jsonl");
            assertThatThrownBy(() -> runner(parent, dir.resolve("other.jsonl")).deadLetter(deadLetter).build().run(input))
                    .isInstanceOf(FileInUseException.class)
                    .hasMessageStartingWith("cannot write " + deadLetter + ": another process (pid " + first.pid());
            assertThat(parent.requests()).as("a refused run calls no model").isEmpty();

            first.proceedAndWait();
            assertThat(first.lines()).contains("DONE " + n + " 0");
        }
        List<JsonNode> results = BulkRunnerTest.lines(out); // every line parses: none was interleaved
        Set<String> ids = results.stream().map(r -> r.get("id").asText()).collect(Collectors.toSet());
        assertThat(results).hasSize(n);
        assertThat(ids).hasSize(n);

        BulkReport resumed = runner(parent, out).build().run(input);
        assertThat(resumed.skipped()).isEqualTo(n);
        assertThat(resumed.succeeded()).isZero();
        assertThat(parent.requests()).isEmpty();
        assertThat(Files.readAllLines(out)).hasSize(n);
    }

    @Test
    void aRunInThisProcessOnAFileAnotherRunHoldsIsRefused() throws Exception {
        Path input = BulkRunnerTest.writeInput(dir, 20);
        Path out = dir.resolve("out.jsonl");
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeChatModel slow = FakeChatModel.create().respondWith(request -> {
            inCall.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return dev.bedrock4j.core.chat.ChatResponse.ofText("ok");
        });
        Thread first = new Thread(() -> runner(slow, out).maxConcurrency(1).build().run(input));
        first.start();
        inCall.await();
        assertThatThrownBy(() -> runner(BulkRunnerTest.summariser(), out).build().run(input))
                .isInstanceOf(FileInUseException.class)
                .hasMessageContaining("this process (pid " + PID)
                .hasMessageContaining("close that instance (or let its run finish) first");
        release.countDown();
        first.join();
        assertThat(Files.readAllLines(out)).hasSize(20);
    }
}
