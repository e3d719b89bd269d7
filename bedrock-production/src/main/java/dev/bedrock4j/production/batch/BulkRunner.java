package dev.bedrock4j.production.batch;

import dev.bedrock4j.core.spi.Preflight;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.CostTracker;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.production.internal.batch.AdaptiveLimiter;
import dev.bedrock4j.core.spi.JsonlLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a model over many items, as many at a time as Bedrock allows, and survives restarts.
 *
 * <ul>
 *   <li>Results go to a JSONL file, one line per item, written whole; the same file is the checkpoint:
 *       a run started again skips every item already in it (or in the dead-letter file), so a killed
 *       process resumes without losing or repeating an item.</li>
 *   <li>Each item is one {@code model.call}: the model's own resilience (a
 *       {@link dev.bedrock4j.production.resilience.ResilienceRegistry} on its {@code Bedrock}) retries it,
 *       so an item makes at most the policy's attempts; the runner never adds a second layer. Give bulk runs
 *       a policy with room for throttling (more attempts, short backoff); without a registry only the SDK's
 *       few retries stand between a throttle and the dead-letter file.</li>
 *   <li>Concurrency adapts: it halves when an item fails throttled and grows again while calls succeed,
 *       up to a maximum.</li>
 *   <li>Items that fail go to a dead-letter JSONL file with the error, whether it is retryable, and the
 *       attempts made; the run goes on.</li>
 *   <li>Progress (done, failed, rate, ETA) is reported at an interval; the report totals usage and
 *       estimated cost.</li>
 * </ul>
 * An input iterator that blocks for new items turns a run into a service that processes each new
 * document as it arrives.
 *
 * <pre>{@code
 * Bedrock bedrock = Bedrock.builder().decorate(ResilienceRegistry.of(ResiliencePolicy.defaults())).build();
 * BulkReport report = BulkRunner.builder(bedrock.chat("amazon.nova-lite-v1:0"))
 *         .requests(item -> ChatRequest.builder().system("Summarise in two sentences.").user(item.text()).build())
 *         .output(Path.of("summaries.jsonl"))
 *         .maxConcurrency(32)
 *         .onProgress(p -> System.out.println(p.line()))
 *         .build()
 *         .run(Path.of("documents.jsonl"));
 * }</pre>
 *
 * <h2>One run per file</h2>
 * <p>A run holds the {@link dev.bedrock4j.core.spi.WriterLock} of its results and dead-letter files while it
 * runs: a second run on either file, in another process (a second replica, a second cron job on the same volume)
 * or in this one, fails before any model call with a {@link dev.bedrock4j.core.FileInUseException} naming the
 * file and the process that holds it, so two runs never interleave their lines. The lock ends when the run
 * ends, or when its process exits, however it exits; a killed run's files resume at once.
 *
 * <p>Thread-safe: a runner may be run again (for example after a failure), one run at a time per output file.
 * Process-safe: one process runs on an output file at a time, enforced.
 */
public final class BulkRunner {
    private final ChatModel model;
    private final Function<BulkItem, ChatRequest> requests;
    private final Path output;
    private final Path deadLetter;
    private final int initialConcurrency;
    private final int maxConcurrency;
    private final Duration progressInterval;
    private final Consumer<BulkProgress> onProgress;
    private final PriceTable prices;

    private BulkRunner(Builder b) {
        this.model = b.model;
        this.requests = Objects.requireNonNull(b.requests, "requests: say how an item becomes a request");
        this.output = Objects.requireNonNull(b.output, "output: the results file is also the checkpoint");
        this.deadLetter = b.deadLetter != null ? b.deadLetter
                : output.resolveSibling(output.getFileName().toString().replaceFirst("(\\.jsonl)?$", ".dead.jsonl"));
        this.initialConcurrency = Math.min(b.initialConcurrency, b.maxConcurrency);
        this.maxConcurrency = b.maxConcurrency;
        this.progressInterval = b.progressInterval;
        this.onProgress = b.onProgress;
        this.prices = b.prices;
    }

    /**
     * A builder for runs of a model.
     *
     * @param model the model, with its own resilience: the runner makes one call per item and never retries
     * @return the builder
     */
    public static Builder builder(ChatModel model) {
        return new Builder(model);
    }

    /**
     * The dead-letter file of this runner.
     *
     * @return the path
     */
    public Path deadLetterFile() {
        return deadLetter;
    }

    /**
     * Runs over a JSONL file whose lines are objects with an {@code id} (and usually a {@code text}).
     *
     * @param input the JSONL file
     * @return the report
     * @throws dev.bedrock4j.core.FileInUseException if another run, in any process, writes the output or
     *         dead-letter file; nothing is called then
     * @throws UncheckedIOException if the input cannot be read
     */
    public BulkReport run(Path input) {
        long total;
        try (java.util.stream.Stream<String> lines = Files.lines(input, StandardCharsets.UTF_8)) {
            total = lines.filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            return run(jsonl(reader, input.toString()), total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs over items of unknown number.
     *
     * @param items the items; an iterator that blocks waits for new ones
     * @return the report
     */
    public BulkReport run(Iterator<BulkItem> items) {
        return run(items, -1);
    }

    /**
     * Runs over items.
     *
     * @param items the items
     * @param total the number of items, for the ETA, or -1 when unknown
     * @return the report
     * @throws dev.bedrock4j.core.FileInUseException if another run, in any process, writes the output or
     *         dead-letter file; nothing is called then
     */
    public BulkReport run(Iterator<BulkItem> items, long total) {
        try (JsonlLog results = JsonlLog.open(output, "id"); JsonlLog dead = JsonlLog.open(deadLetter, "id")) {
            return new Run(results, dead, total).execute(items);
        }
    }

    private static Iterator<BulkItem> jsonl(BufferedReader reader, String source) {
        return new Iterator<>() {
            private BulkItem next;
            private long lineNumber;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String line;
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (line == null) {
                        return false;
                    }
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode json;
                    try {
                        json = JsonSupport.parse(line);
                    } catch (UncheckedIOException e) {
                        throw new IllegalArgumentException(source + " line " + lineNumber + " is not JSON: " + e.getMessage(), e);
                    }
                    if (!json.hasNonNull("id")) {
                        throw new IllegalArgumentException(source + " line " + lineNumber
                                + " has no \"id\"; every item needs a unique id so a resumed run knows what is done");
                    }
                    next = new BulkItem(json.get("id").asText(), json);
                }
                return true;
            }

            @Override
            public BulkItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BulkItem item = next;
                next = null;
                return item;
            }
        };
    }

    /** One execution: the checkpoint's skip set, the pool, counters and the progress reporter. */
    private final class Run {
        private final JsonlLog results;
        private final JsonlLog dead;
        private final Set<String> done;
        private final long total;
        private final AdaptiveLimiter limiter = new AdaptiveLimiter(initialConcurrency, maxConcurrency);
        private final CostTracker cost = CostTracker.create(prices);
        private final AtomicLong succeeded = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong throttled = new AtomicLong();
        private final long started = System.nanoTime();
        private final java.util.concurrent.Semaphore tasks = new java.util.concurrent.Semaphore(maxConcurrency);

        Run(JsonlLog results, JsonlLog dead, long total) {
            this.results = results;
            this.dead = dead;
            this.total = total;
            java.util.HashSet<String> ids = new java.util.HashSet<>(results.idsAtOpen());
            ids.addAll(dead.idsAtOpen());
            this.done = ids;
        }

        BulkReport execute(Iterator<BulkItem> items) {
            ExecutorService workers = Executors.newFixedThreadPool(maxConcurrency, daemon("bedrock4j-bulk"));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bedrock4j-bulk-progress"));
            ticker.scheduleAtFixedRate(() -> {
                results.sync();
                dead.sync();
                onProgress.accept(progress());
            }, progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
            java.util.Set<String> seen = new java.util.HashSet<>();
            try {
                while (items.hasNext()) {
                    BulkItem item = items.next();
                    if (!seen.add(item.id())) {
                        throw new IllegalArgumentException("item id '" + item.id() + "' appears twice in the input;"
                                + " ids must be unique for the checkpoint to work");
                    }
                    if (done.contains(item.id())) {
                        skipped.incrementAndGet();
                        continue;
                    }
                    tasks.acquire(); // one task per worker thread: a queued task never holds a concurrency slot
                    workers.execute(() -> {
                        try {
                            process(item);
                        } finally {
                            tasks.release();
                        }
                    });
                }
                workers.shutdown();
                while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                    // keep waiting: items in flight finish or fail on their own
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.shutdownNow();
                throw new BedrockException("the bulk run was interrupted; run it again to resume", e);
            } finally {
                // not shutdownNow(): interrupting a thread inside FileChannel.force closes the channel
                ticker.shutdown();
                awaitQuietly(ticker);
                results.sync();
                dead.sync();
            }
            BulkProgress last = progress();
            onProgress.accept(last);
            return new BulkReport(succeeded.get(), failed.get(), skipped.get(), throttled.get(), last.elapsed(),
                    cost.totalUsage(), cost.totalCost());
        }

        private void process(BulkItem item) {
            boolean holdingSlot = false;
            try {
                limiter.acquire();
                holdingSlot = true;
                try {
                    ChatResponse response = model.call(requests.apply(item));
                    limiter.onSuccess();
                    cost.record(model.modelId(), response.usage());
                    results.append(resultLine(item, response));
                    succeeded.incrementAndGet();
                } catch (RuntimeException e) {
                    BedrockException error = BedrockException.from(e, model.modelId());
                    if (error instanceof ThrottledException) {
                        throttled.incrementAndGet();
                        limiter.onThrottle();
                    }
                    dead.append(deadLine(item, error));
                    failed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (holdingSlot) {
                    limiter.release();
                }
            }
        }

        private JsonNode resultLine(BulkItem item, ChatResponse response) {
            ObjectNode line = JsonSupport.object();
            line.put("id", item.id());
            line.put("text", response.text());
            line.put("stopReason", response.stopReason().value());
            line.set("usage", ConverseCodec.usage(response.usage()));
            line.put("latencyMs", response.latency().toMillis());
            return line;
        }

        private JsonNode deadLine(BulkItem item, BedrockException error) {
            ObjectNode line = JsonSupport.object();
            line.put("id", item.id());
            line.put("error", error.getClass().getSimpleName());
            line.put("message", String.valueOf(error.getMessage()));
            line.put("retryable", error.isRetryable());
            line.put("attempts", error.attempts());
            line.set("item", item.data());
            return line;
        }

        private BulkProgress progress() {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            long finished = succeeded.get() + failed.get();
            double rate = elapsed.toMillis() == 0 ? 0 : finished * 1000.0 / elapsed.toMillis();
            return new BulkProgress(succeeded.get(), failed.get(), skipped.get(), limiter.inFlight(), limiter.limit(),
                    throttled.get(), rate, total, elapsed);
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Builds a {@link BulkRunner}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final ChatModel model;
        private Function<BulkItem, ChatRequest> requests;
        private Path output;
        private Path deadLetter;
        private int initialConcurrency = 4;
        private int maxConcurrency = 16;
        private Duration progressInterval = Duration.ofSeconds(5);
        private Consumer<BulkProgress> onProgress = p -> { };
        private PriceTable prices = PriceTable.defaults();

        private Builder(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Says how an item becomes a request.
         *
         * @param requests builds the request for an item
         * @return this
         */
        public Builder requests(Function<BulkItem, ChatRequest> requests) {
            this.requests = Objects.requireNonNull(requests, "requests");
            return this;
        }

        /**
         * Sets the results file, which is also the checkpoint.
         *
         * @param output a JSONL file; created if missing, appended to otherwise
         * @return this
         */
        public Builder output(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Sets the dead-letter file.
         *
         * @param deadLetter a JSONL file; default: beside the output, named {@code <output>.dead.jsonl}
         * @return this
         */
        public Builder deadLetter(Path deadLetter) {
            this.deadLetter = Objects.requireNonNull(deadLetter, "deadLetter");
            return this;
        }

        /**
         * Sets the most calls in flight; the runner starts lower and adapts.
         *
         * @param maxConcurrency at least 1; default 16
         * @return this
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = Preflight.atLeastOne("maxConcurrency", maxConcurrency);
            return this;
        }

        /**
         * Sets the concurrency to start with.
         *
         * @param initialConcurrency at least 1; default 4
         * @return this
         */
        public Builder initialConcurrency(int initialConcurrency) {
            this.initialConcurrency = Preflight.atLeastOne("initialConcurrency", initialConcurrency);
            return this;
        }




        /**
         * Reports progress at an interval, and once at the end.
         *
         * @param onProgress receives progress, on a background thread
         * @return this
         */
        public Builder onProgress(Consumer<BulkProgress> onProgress) {
            this.onProgress = Objects.requireNonNull(onProgress, "onProgress");
            return this;
        }

        /**
         * Sets the progress interval, which is also how often the files are forced to disk.
         *
         * @param interval positive; default 5 s
         * @return this
         */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = Preflight.positive("progressInterval", interval);
            return this;
        }

        /**
         * Sets the prices for the report's cost.
         *
         * @param prices the price table
         * @return this
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         * @throws NullPointerException if requests or output is missing
         */
        public BulkRunner build() {
            return new BulkRunner(this);
        }
    }
}
