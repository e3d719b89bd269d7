package dev.bedrock4j.production.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.AccessDeniedException;
import dev.bedrock4j.core.ConfigurationException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.production.resilience.Resilience;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bulk run does with failures that are not about the item (it stops, writing nothing for them), and
 * how it does dead-lettered items again on request.
 */
@Timeout(60)
class BulkRunnerFailuresTest {
    static final ResiliencePolicy FOUR_FAST = ResiliencePolicy.builder().maxAttempts(4)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();

    @TempDir
    Path dir;

    Path out() {
        return dir.resolve("out.jsonl");
    }

    BulkRunner.Builder runner(ChatModel model) {
        return BulkRunner.builder(model).requests(i -> ChatRequest.of(i.text())).output(out());
    }

    static Set<String> ids(Path file) throws IOException {
        return BulkRunnerTest.lines(file).stream().map(n -> n.get("id").asText()).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aConfigurationErrorStopsTheRunUnretriedAndTheNextRunDoesEveryItem() throws IOException {
        ConfigurationException noCredentials = new ConfigurationException("No AWS credentials were found. Fix: ...", null);
        FakeChatModel misconfigured = FakeChatModel.create().respondWith(r -> {
            throw noCredentials;
        });
        Path input = BulkRunnerTest.writeInput(dir, 50);
        List<BulkProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        BulkRunner runner = runner(Resilience.of("m", FOUR_FAST).decorate(misconfigured))
                .initialConcurrency(2).maxConcurrency(2).onProgress(progress::add).build();

        assertThatThrownBy(() -> runner.run(input)).isSameAs(noCredentials);

        assertThat(noCredentials.isRetryable()).isFalse();
        assertThat(noCredentials.attempts()).as("the policy did not retry it").isEqualTo(1);
        assertThat(misconfigured.requestCount()).as("at most the calls in flight when it came; one call each")
                .isBetween(1, 2);
        assertThat(BulkRunnerTest.lines(runner.deadLetterFile())).as("nothing dead-lettered").isEmpty();
        assertThat(BulkRunnerTest.lines(out())).isEmpty();
        assertThat(progress).last().satisfies(p -> assertThat(p.failed()).isZero());

        FakeChatModel fixed = BulkRunnerTest.summariser();
        BulkReport next = runner(fixed).build().run(input);
        assertThat(next.skipped()).isZero();
        assertThat(next.succeeded()).isEqualTo(50);
        assertThat(fixed.requestCount()).isEqualTo(50);
    }

    @Test
    void accessDeniedStopsTheRunButLetsTheCallsInFlightFinish() throws IOException {
        AtomicBoolean revoked = new AtomicBoolean();
        FakeChatModel model = FakeChatModel.create().respondWith(r -> {
            if (r.lastUserText().endsWith(" 5")) {
                revoked.set(true);
            }
            if (revoked.get()) {
                throw new AccessDeniedException("You don't have access to the model with the specified model ID.",
                        null, "m", "req", 403);
            }
            return ChatResponse.ofText("ok");
        });
        BulkRunner runner = runner(Resilience.of("m", FOUR_FAST).decorate(model)).initialConcurrency(1).maxConcurrency(1).build();

        assertThatThrownBy(() -> runner.run(BulkRunnerTest.items(20).iterator()))
                .isInstanceOf(AccessDeniedException.class)
                .satisfies(e -> assertThat(((AccessDeniedException) e).isRetryable()).isFalse());

        assertThat(model.requestCount()).as("items 0 to 5, one call each; none after the stop").isEqualTo(6);
        assertThat(ids(out())).containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2", "doc-3", "doc-4");
        assertThat(BulkRunnerTest.lines(runner.deadLetterFile())).isEmpty();
    }

    @Test
    void itemErrorsStillGoToTheDeadLetterFileAndTheRunGoesOn() throws IOException {
        FakeChatModel model = FakeChatModel.create().respondWith(r -> {
            if (r.lastUserText().endsWith(" 3")) {
                throw new InvalidRequestException("Input is too long for requested model.", null, "m", "req", 400);
            }
            return ChatResponse.ofText("ok");
        });
        BulkRunner runner = runner(model).build();
        BulkReport report = runner.run(BulkRunnerTest.items(10).iterator());
        assertThat(report.succeeded()).isEqualTo(9);
        assertThat(ids(runner.deadLetterFile())).containsExactly("doc-3");
    }

    @Test
    void retryDeadLettersDoesThemAgainAndKeepsOnlyThoseThatFailAgain() throws IOException {
        Path input = BulkRunnerTest.writeInput(dir, 10);
        FakeChatModel outage = FakeChatModel.create().respondWith(r -> {
            String text = r.lastUserText();
            if (text.endsWith(" 1") || text.endsWith(" 2") || text.endsWith(" 7")) {
                throw new ServiceUnavailableException("down", null, "m", "req", 503);
            }
            return ChatResponse.ofText("ok");
        });
        BulkRunner first = runner(outage).build();
        assertThat(first.run(input).failed()).isEqualTo(3);
        assertThat(ids(first.deadLetterFile())).containsExactlyInAnyOrder("doc-1", "doc-2", "doc-7");

        FakeChatModel plainRerun = BulkRunnerTest.summariser();
        assertThat(runner(plainRerun).build().run(input).skipped()).as("by default dead letters count as done").isEqualTo(10);
        assertThat(plainRerun.requestCount()).isZero();

        FakeChatModel recovered = FakeChatModel.create().respondWith(r -> {
            if (r.lastUserText().endsWith(" 2")) {
                throw new ServiceUnavailableException("still down", null, "m", "req", 503);
            }
            return ChatResponse.ofText("recovered");
        });
        BulkRunner retry = runner(recovered).retryDeadLetters(true).build();
        BulkReport report = retry.run(input);

        assertThat(recovered.requestCount()).as("only the dead-lettered items were called").isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(7);
        assertThat(report.succeeded()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(ids(out())).hasSize(9).contains("doc-1", "doc-7");
        List<JsonNode> dead = BulkRunnerTest.lines(retry.deadLetterFile());
        assertThat(dead).singleElement().satisfies(line -> {
            assertThat(line.get("id").asText()).isEqualTo("doc-2");
            assertThat(line.get("message").asText()).as("the latest error").startsWith("still down");
        });
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aRetryRunKilledBeforeItsRewriteLeavesNothingLostOrDoneTwice() throws IOException {
        // The files as a retry run leaves them when killed after doc-1 succeeded and doc-2 failed again,
        // before it rewrote the dead-letter file: doc-1 is in both files, doc-2 has two lines.
        Files.writeString(out(), "{\"id\":\"doc-0\",\"text\":\"ok\"}\n{\"id\":\"doc-1\",\"text\":\"ok\"}\n", StandardCharsets.UTF_8);
        BulkRunner runner = runner(BulkRunnerTest.summariser()).build();
        Files.writeString(runner.deadLetterFile(), String.join("\n",
                "{\"id\":\"doc-1\",\"message\":\"down\"}",
                "{\"id\":\"doc-2\",\"message\":\"down\"}",
                "{\"id\":\"doc-9\",\"message\":\"not in this input\"}",
                "{\"id\":\"doc-2\",\"message\":\"still down\"}") + "\n", StandardCharsets.UTF_8);

        FakeChatModel plain = BulkRunnerTest.summariser();
        BulkReport normal = runner(plain).build().run(BulkRunnerTest.items(3).iterator());
        assertThat(normal.skipped()).as("the results file wins: doc-1 is done").isEqualTo(3);
        assertThat(plain.requestCount()).isZero();

        Set<String> called = ConcurrentHashMap.newKeySet();
        FakeChatModel model = FakeChatModel.create().respondWith(r -> {
            called.add(r.lastUserText());
            return ChatResponse.ofText("ok");
        });
        BulkReport retried = runner(model).retryDeadLetters(true).build().run(BulkRunnerTest.items(3).iterator());

        assertThat(called).as("doc-1 is done; only doc-2 is called again").containsExactly("document number 2");
        assertThat(retried.skipped()).isEqualTo(2);
        assertThat(BulkRunnerTest.lines(runner.deadLetterFile())).extracting(n -> n.get("id").asText())
                .as("the retried and the already done leave; what this input did not hold stays").containsExactly("doc-9");
        assertThat(BulkRunnerTest.lines(out())).extracting(n -> n.get("id").asText())
                .containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2");
    }

    @Test
    void aRetryRunStoppedByAConfigurationErrorKeepsTheDeadLettersItDidNotResolve() throws IOException {
        Path input = BulkRunnerTest.writeInput(dir, 4);
        BulkRunner runner = runner(BulkRunnerTest.summariser()).build();
        Files.writeString(runner.deadLetterFile(), "{\"id\":\"doc-1\",\"message\":\"down\"}\n{\"id\":\"doc-3\",\"message\":\"down\"}\n");
        Files.writeString(out(), "{\"id\":\"doc-0\",\"text\":\"ok\"}\n{\"id\":\"doc-2\",\"text\":\"ok\"}\n");
        FakeChatModel misconfigured = FakeChatModel.create().respondWith(r -> {
            throw new ConfigurationException("No AWS region is configured. Fix: ...", null);
        });

        assertThatThrownBy(() -> runner(misconfigured).retryDeadLetters(true).initialConcurrency(1).maxConcurrency(1).build()
                .run(input)).isInstanceOf(ConfigurationException.class);

        assertThat(ids(runner.deadLetterFile())).containsExactlyInAnyOrder("doc-1", "doc-3");
        assertThat(ids(out())).containsExactlyInAnyOrder("doc-0", "doc-2");
    }
}
