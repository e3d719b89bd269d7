package dev.bedrock4j.bench;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.production.batch.BulkItem;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import java.time.Duration;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A bulk run of {@code items} documents against the testkit server throttling above {@code rate} calls a
 * second (a token bucket with one second of burst). Each operation is one whole run; the sustained rate
 * is items / (seconds per run), and the run fails if anything is lost. The model's resilience policy
 * (up to 20 attempts, 50 ms to 1 s backoff with jitter) retries throttled attempts, with the SDK's own
 * retries off; the runner makes one call per item and adapts its concurrency.
 *
 * <pre>
 * java -jar bedrock-bench/target/benchmarks.jar BulkThrottleBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkThrottleBenchmark {
    static final String MODEL = "amazon.nova-lite-v1:0";

    /** The server's rate limit, calls per second. */
    @Param({"200"})
    public int rate;

    /** Documents per run. */
    @Param({"2000"})
    public int items;

    LocalBedrockServer server;
    Bedrock bedrock;
    List<BulkItem> documents;
    Path dir;

    /** Starts the throttling server. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = LocalBedrockServer.start();
        server.model(MODEL).reply("a summary").fault(Fault.rateLimit(rate));
        bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .decorate(ResilienceRegistry.of(ResiliencePolicy.builder().maxAttempts(20)
                        .backoff(Duration.ofMillis(50), Duration.ofSeconds(1)).build()))
                .build();
        documents = IntStream.range(0, items).mapToObj(i -> BulkItem.of("doc-" + i, "document " + i)).toList();
        dir = Files.createTempDirectory("bulk-bench");
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        bedrock.close();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One whole run; fails if an item is missing or failed. */
    @Benchmark
    public BulkReport bulkRun() {
        Path output = dir.resolve("run-" + System.nanoTime() + ".jsonl");
        BulkReport report = BulkRunner.builder(bedrock.chat(MODEL))
                .requests(item -> ChatRequest.of(item.text()))
                .output(output)
                .initialConcurrency(4).maxConcurrency(32)
                .build()
                .run(documents.iterator());
        try {
            long lines = Files.readAllLines(output).size();
            if (report.succeeded() != items || report.failed() != 0 || lines != items) {
                throw new IllegalStateException("lost items: " + report + ", " + lines + " result lines");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }
}
