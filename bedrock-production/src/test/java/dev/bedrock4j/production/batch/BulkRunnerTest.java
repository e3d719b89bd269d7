package dev.bedrock4j.production.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.production.batch.BulkItem;
import dev.bedrock4j.production.batch.BulkProgress;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.production.resilience.Resilience;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class BulkRunnerTest {
    @TempDir
    Path dir;

    static List<BulkItem> items(int n) {
        return IntStream.range(0, n).mapToObj(i -> BulkItem.of("doc-" + i, "document number " + i)).toList();
    }

    static Path writeInput(Path dir, int n) throws IOException {
        Path input = dir.resolve("input.jsonl");
        Files.write(input, items(n).stream().map(i -> JsonSupport.write(i.data())).toList(), StandardCharsets.UTF_8);
        return input;
    }

    static List<JsonNode> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JsonSupport.parse(line));
        }
        return lines;
    }

    static FakeChatModel summariser() {
        return FakeChatModel.create().respondWith(r -> ChatResponse.builder().text("summary: " + r.lastUserText())
                .usage(Usage.of(10, 3)).build());
    }

    @Test
    void writesOneResultPerItemAndReportsProgressAndCost() throws IOException {
        Path out = dir.resolve("out.jsonl");
        List<BulkProgress> progress = new CopyOnWriteArrayList<>();
        BulkReport report = BulkRunner.builder(summariser())
                .requests(item -> ChatRequest.builder().system("Summarise.").user(item.text()).build())
                .output(out).onProgress(progress::add).progressInterval(Duration.ofMillis(20))
                .prices(dev.bedrock4j.core.cost.PriceTable.empty().with(FakeChatModel.DEFAULT_MODEL_ID,
                        dev.bedrock4j.core.cost.ModelPrice.perThousand("1", "2")))
                .build().run(writeInput(dir, 50));

        assertThat(report.succeeded()).isEqualTo(50);
        assertThat(report.failed()).isZero();
        assertThat(report.usage()).isEqualTo(Usage.of(500, 150));
        assertThat(report.cost()).isEqualByComparingTo("0.8"); // 500 * 1/1000 + 150 * 2/1000
        List<JsonNode> results = lines(out);
        assertThat(results).hasSize(50);
        assertThat(results.stream().map(r -> r.get("id").asText()).collect(Collectors.toSet())).hasSize(50);
        assertThat(results.get(0).get("text").asText()).startsWith("summary: document number");
        BulkProgress last = progress.get(progress.size() - 1);
        assertThat(last.succeeded()).isEqualTo(50);
        assertThat(last.total()).isEqualTo(50);
        assertThat(last.line()).contains("50/50 done");
    }

    @Test
    void aSecondRunSkipsWhatIsDone() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Path input = writeInput(dir, 20);
        BulkRunner.builder(summariser()).requests(i -> ChatRequest.of(i.text())).output(out).build().run(input);
        FakeChatModel second = summariser();
        BulkReport again = BulkRunner.builder(second).requests(i -> ChatRequest.of(i.text())).output(out).build().run(input);
        assertThat(again.skipped()).isEqualTo(20);
        assertThat(again.succeeded()).isZero();
        assertThat(second.requestCount()).isZero();
        assertThat(lines(out)).hasSize(20);
    }

    @Test
    void aTornLastLineFromAKillIsRepairedAndItsItemRedone() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "{\"id\":\"doc-0\",\"text\":\"done\"}\n{\"id\":\"doc-1\",\"te", StandardCharsets.UTF_8);
        BulkReport report = BulkRunner.builder(summariser()).requests(i -> ChatRequest.of(i.text())).output(out).build()
                .run(items(3).iterator());
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.succeeded()).isEqualTo(2);
        assertThat(lines(out)).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2");
    }

    @Test
    void itemsThatKeepFailingGoToTheDeadLetterFile() throws IOException {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        FakeChatModel flaky = FakeChatModel.create().respondWith(r -> {
            String text = r.lastUserText();
            int n = attempts.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
            if (text.endsWith(" 1")) {
                throw new InvalidRequestException("too long", null, "m", "req", 400);
            }
            if (text.endsWith(" 2")) {
                throw new ServiceUnavailableException("down", null, "m", "req", 503);
            }
            if (text.endsWith(" 3") && n == 1) {
                throw new ServiceUnavailableException("blip", null, "m", "req", 503);
            }
            return ChatResponse.ofText("ok");
        });
        Path out = dir.resolve("out.jsonl");
        ChatModel resilient = Resilience.of("m", ResiliencePolicy.builder().maxAttempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()).decorate(flaky);
        BulkRunner runner = BulkRunner.builder(resilient).requests(i -> ChatRequest.of(i.text())).output(out).build();
        BulkReport report = runner.run(items(5).iterator());

        assertThat(report.succeeded()).isEqualTo(3);
        assertThat(report.failed()).isEqualTo(2);
        List<JsonNode> dead = lines(runner.deadLetterFile());
        assertThat(dead).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder("doc-1", "doc-2");
        JsonNode notRetried = dead.stream().filter(n -> n.get("id").asText().equals("doc-1")).findFirst().orElseThrow();
        assertThat(notRetried.get("error").asText()).isEqualTo("InvalidRequestException");
        assertThat(notRetried.get("attempts").asInt()).isEqualTo(1);
        assertThat(notRetried.at("/item/text").asText()).isEqualTo("document number 1");
        JsonNode exhausted = dead.stream().filter(n -> n.get("id").asText().equals("doc-2")).findFirst().orElseThrow();
        assertThat(exhausted.get("attempts").asInt()).as("the dead letter says how many attempts were made").isEqualTo(3);
        assertThat(exhausted.get("retryable").asBoolean()).isTrue();
        assertThat(attempts.get("document number 2")).as("the policy's attempts, no more: the runner adds none").hasValue(3);
        assertThat(attempts.get("document number 3")).hasValue(2);

        BulkReport resumed = BulkRunner.builder(summariser()).requests(i -> ChatRequest.of(i.text())).output(out).build()
                .run(items(5).iterator());
        assertThat(resumed.skipped()).as("dead-lettered items count as handled").isEqualTo(5);
    }

    @Test
    void throttledAttemptsAreRetriedByTheModelsPolicyAndEveryItemStillCompletes() throws IOException {
        // Every third item is throttled on its first two attempts. Per item, not per global call count: with
        // eight threads a shared counter could land one item's every attempt on a throttled number.
        AtomicInteger calls = new AtomicInteger();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        FakeChatModel throttled = FakeChatModel.create().respondWith(r -> {
            calls.incrementAndGet();
            int attempt = attempts.computeIfAbsent(r.lastUserText(), k -> new AtomicInteger()).incrementAndGet();
            int index = Integer.parseInt(r.lastUserText().substring("document number ".length()));
            if (index % 3 == 0 && attempt <= 2) {
                throw new ThrottledException("slow down");
            }
            return ChatResponse.ofText("ok");
        });
        ChatModel resilient = Resilience.of("m", ResiliencePolicy.builder().maxAttempts(5)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()).decorate(throttled);
        Path out = dir.resolve("out.jsonl");
        List<BulkProgress> progress = new CopyOnWriteArrayList<>();
        BulkReport report = BulkRunner.builder(resilient).requests(i -> ChatRequest.of(i.text())).output(out)
                .initialConcurrency(8).maxConcurrency(8)
                .onProgress(progress::add).build().run(items(60).iterator());
        assertThat(report.succeeded()).isEqualTo(60);
        assertThat(report.failed()).isZero();
        assertThat(lines(out)).hasSize(60);
        assertThat(calls.get()).as("20 items throttled twice, then answered").isEqualTo(60 + 20 * 2);
    }

    @Test
    void anItemThrottledPastThePolicyShrinksConcurrencyAndIsDeadLetteredWithItsAttempts() throws IOException {
        FakeChatModel alwaysThrottled = FakeChatModel.create().respondWith(r -> {
            throw new ThrottledException("slow down");
        });
        ChatModel resilient = Resilience.of("m", ResiliencePolicy.builder().maxAttempts(2)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()).decorate(alwaysThrottled);
        Path out = dir.resolve("out.jsonl");
        List<BulkProgress> progress = new CopyOnWriteArrayList<>();
        BulkRunner runner = BulkRunner.builder(resilient).requests(i -> ChatRequest.of(i.text())).output(out)
                .initialConcurrency(8).maxConcurrency(8).onProgress(progress::add).build();
        BulkReport report = runner.run(items(10).iterator());
        assertThat(report.failed()).isEqualTo(10);
        assertThat(report.throttled()).isEqualTo(10);
        assertThat(progress.get(progress.size() - 1).concurrency()).as("throttling halves the limit").isLessThan(8);
        assertThat(lines(runner.deadLetterFile())).allSatisfy(line -> {
            assertThat(line.get("error").asText()).isEqualTo("ThrottledException");
            assertThat(line.get("attempts").asInt()).isEqualTo(2);
        });
    }

    @Test
    void badInputIsRejectedClearly() throws IOException {
        Path input = dir.resolve("bad.jsonl");
        Files.writeString(input, "{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":\"no id\"}\n");
        BulkRunner runner = BulkRunner.builder(summariser()).requests(i -> ChatRequest.of(i.text()))
                .output(dir.resolve("o.jsonl")).build();
        assertThatThrownBy(() -> runner.run(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(input + " line 2 has no \"id\"");
        assertThatThrownBy(() -> runner.run(List.of(BulkItem.of("x", "1"), BulkItem.of("x", "2")).iterator()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item 2 of the input repeats the id 'x' of item 1; ids must be unique: the results file uses"
                        + " them to know what is done");
        assertThatThrownBy(() -> BulkRunner.builder(summariser()).output(dir.resolve("o.jsonl")).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requests");
    }

    @Test
    void aRunKilledMidwayInAnotherJvmResumesWithEveryItemDoneExactlyOnce() throws Exception {
        int n = 200;
        Path input = writeInput(dir, n);
        Path out = dir.resolve("out.jsonl");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BulkRunMain.class.getName(), input.toString(), out.toString(), "20", "100")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(out).size() < 40 && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(process.isAlive()).as("the child must still be running when killed").isTrue();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long doneBeforeKill = Files.readAllLines(out).size();
        assertThat(doneBeforeKill).isBetween(40L, (long) n - 1);

        BulkReport resumed = BulkRunner.builder(summariser()).requests(i -> ChatRequest.of(i.text())).output(out).build()
                .run(input);

        List<JsonNode> results = lines(out);
        Map<String, Integer> count = new HashMap<>();
        for (JsonNode r : results) {
            count.merge(r.get("id").asText(), 1, Integer::sum);
        }
        assertThat(count).hasSize(n);
        assertThat(count.values()).allMatch(c -> c == 1);
        assertThat(resumed.skipped() + resumed.succeeded()).isEqualTo(n);
        assertThat(resumed.skipped()).isGreaterThanOrEqualTo(doneBeforeKill - 1);
    }
}
