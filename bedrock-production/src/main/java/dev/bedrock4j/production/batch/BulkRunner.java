package dev.bedrock4j.production.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.AccessDeniedException;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ConfigurationException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.CostTracker;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.JsonlLog;
import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.production.internal.batch.AdaptiveLimiter;
import dev.bedrock4j.production.internal.batch.DeadLetterFile;
import dev.bedrock4j.production.internal.batch.JsonlInput;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 *       attempts made; the run goes on. A later run skips them too, unless built with
 *       {@link Builder#retryDeadLetters(boolean) retryDeadLetters(true)}: then it does them again, and those
 *       that succeed leave the dead-letter file.</li>
 *   <li>A failure that is not about the item stops the run: a {@link ConfigurationException} (no region, no
 *       credentials) or an {@link AccessDeniedException} would fail every item alike. The run lets the calls
 *       in flight finish, writes nothing for the items that failed so, and throws that exception; those items
 *       and the ones never started are in neither file, so the next run, once the setup is fixed, does
 *       them.</li>
 *   <li>A JSONL input file is read whole before the first call: a line that is not a JSON object with an
 *       {@code id}, or an id that appears twice, fails the run before any call, naming the file and the
 *       line.</li>
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
 *
 * @see BulkReport
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
    private final boolean retryDeadLetters;

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
        this.retryDeadLetters = b.retryDeadLetters;
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
     * Runs over a JSONL file whose lines are objects with an {@code id} (and usually a {@code text}). The whole
     * file is checked before the first call, so a bad line costs nothing.
     *
     * @param input the JSONL file, UTF-8; blank lines are ignored
     * @return the report
     * @throws IllegalArgumentException before any call, naming the file and each line that is not valid UTF-8,
     *         not a JSON object or has no {@code id}, and each id that appears twice (with the line where it
     *         first did)
     * @throws dev.bedrock4j.core.FileInUseException if another run, in any process, writes the output or
     *         dead-letter file; nothing is called then
     * @throws ConfigurationException if the AWS setup is incomplete; the items not done are left for the next
     *         run
     * @throws AccessDeniedException if the credentials may not call the model; likewise
     * @throws UncheckedIOException if the input cannot be read, or the results or dead-letter file cannot be
     *         read or written (a garbled line there is named by file and line)
     */
    public BulkReport run(Path input) {
        long total = JsonlInput.check(input);
        try (JsonlInput items = JsonlInput.open(input)) {
            return run(items, total, true);
        }
    }

    /**
     * Runs over items of unknown number.
     *
     * @param items the items; an iterator that blocks waits for new ones
     * @return the report
     * @throws IllegalArgumentException when an item repeats the id of an earlier one; items before it may
     *         have been processed
     * @throws ConfigurationException if the AWS setup is incomplete; see {@link #run(Iterator, long)}
     * @throws AccessDeniedException if the credentials may not call the model; likewise
     */
    public BulkReport run(Iterator<BulkItem> items) {
        return run(items, -1);
    }

    /**
     * Runs over items. An iterator is read as the run goes, so a repeated id is found only when reached;
     * prefer {@link #run(Path)}, which checks a whole file first.
     *
     * <p>When the run stops on a {@link ConfigurationException} or {@link AccessDeniedException}, the items
     * taken from the iterator but not finished are in neither file: an input that can be read again redoes them
     * on the next run. With an iterator that blocks, the stop takes effect when its {@code hasNext()} returns.
     *
     * @param items the items
     * @param total the number of items, for the ETA, or -1 when unknown
     * @return the report
     * @throws IllegalArgumentException when an item repeats the id of an earlier one
     * @throws dev.bedrock4j.core.FileInUseException if another run, in any process, writes the output or
     *         dead-letter file; nothing is called then
     * @throws ConfigurationException if the AWS setup is incomplete: no region or no credentials
     * @throws AccessDeniedException if the credentials may not call the model
     */
    public BulkReport run(Iterator<BulkItem> items, long total) {
        return run(items, total, false);
    }

    private BulkReport run(Iterator<BulkItem> items, long total, boolean idsChecked) {
        try (JsonlLog results = JsonlLog.open(output, "id"); JsonlLog dead = JsonlLog.open(deadLetter, "id")) {
            return new Run(results, dead, total).execute(items, idsChecked);
        }
    }

    // Failures that say nothing about the item: every other item would fail the same way.
    private static boolean stopsTheRun(BedrockException error) {
        return error instanceof ConfigurationException || error instanceof AccessDeniedException;
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
        private final Semaphore tasks = new Semaphore(maxConcurrency);

        /** The first failure that stops the run; once set, no new call starts. */
        private final AtomicReference<RuntimeException> stop = new AtomicReference<>();
        /** Ids that succeeded in this run, to drop from the dead-letter file; only when retrying it. */
        private final Set<String> succeededIds = ConcurrentHashMap.newKeySet();

        Run(JsonlLog results, JsonlLog dead, long total) {
            this.results = results;
            this.dead = dead;
            this.total = total;
            Set<String> ids = new HashSet<>(results.idsAtOpen());
            if (!retryDeadLetters) {
                ids.addAll(dead.idsAtOpen());
            }
            this.done = ids;
        }

        BulkReport execute(Iterator<BulkItem> items, boolean idsChecked) {
            ExecutorService workers = Executors.newFixedThreadPool(maxConcurrency, daemon("bedrock4j-bulk"));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bedrock4j-bulk-progress"));
            ticker.scheduleAtFixedRate(() -> {
                results.sync();
                dead.sync();
                onProgress.accept(progress());
            }, progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> seen = idsChecked ? null : new HashMap<>(); // a checked file has unique ids
            long position = 0;
            try {
                while (stop.get() == null && items.hasNext()) {
                    if (stop.get() != null) {
                        break; // stopped while the iterator waited: leave its next item in it
                    }
                    BulkItem item = items.next();
                    position++;
                    Long first = seen == null ? null : seen.putIfAbsent(item.id(), position);
                    if (first != null) {
                        throw new IllegalArgumentException("item " + position + " of the input repeats the id '" + item.id()
                                + "' of item " + first + "; ids must be unique: the results file uses them to know what is done");
                    }
                    if (done.contains(item.id())) {
                        skipped.incrementAndGet();
                        continue;
                    }
                    tasks.acquire(); // one task per worker thread: a queued task never holds a concurrency slot
                    if (stop.get() != null) {
                        tasks.release();
                        break;
                    }
                    workers.execute(() -> {
                        try {
                            process(item);
                        } finally {
                            tasks.release();
                        }
                    });
                }
            } catch (RuntimeException e) {
                stop.compareAndSet(null, e); // the input failed: finish what is in flight, then report it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.shutdownNow();
                finish(ticker);
                throw new BedrockException("the bulk run was interrupted; run it again to resume", e);
            }
            try {
                workers.shutdown();
                while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                    // keep waiting: items in flight finish or fail on their own
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.shutdownNow();
                throw new BedrockException("the bulk run was interrupted; run it again to resume", e);
            } finally {
                finish(ticker);
            }
            RuntimeException failure = stop.get();
            if (retryDeadLetters) {
                tidyDeadLetters(failure);
            }
            BulkProgress last = progress();
            onProgress.accept(last);
            if (failure != null) {
                throw failure;
            }
            return new BulkReport(succeeded.get(), failed.get(), skipped.get(), throttled.get(), last.elapsed(),
                    cost.totalUsage(), cost.totalCost());
        }

        // Not shutdownNow(): interrupting a thread inside FileChannel.force closes the channel.
        private void finish(ScheduledExecutorService ticker) {
            ticker.shutdown();
            awaitQuietly(ticker);
            results.sync();
            dead.sync();
        }

        // Drops from the dead-letter file the items that are now done, keeping one line, the latest, per item.
        private void tidyDeadLetters(RuntimeException failure) {
            Set<String> resolved = new HashSet<>(results.idsAtOpen());
            resolved.addAll(succeededIds);
            try {
                DeadLetterFile.rewrite(dead, resolved);
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }

        private void process(BulkItem item) {
            boolean holdingSlot = false;
            try {
                if (stop.get() != null) {
                    return; // left for the next run
                }
                limiter.acquire();
                holdingSlot = true;
                if (stop.get() != null) {
                    return;
                }
                ChatResponse response;
                try {
                    response = model.call(requests.apply(item));
                } catch (RuntimeException e) {
                    BedrockException error = BedrockException.from(e, model.modelId());
                    if (stopsTheRun(error)) {
                        stop.compareAndSet(null, error); // written nowhere: the next run does the item
                        return;
                    }
                    if (error instanceof ThrottledException) {
                        throttled.incrementAndGet();
                        limiter.onThrottle();
                    }
                    dead.append(deadLine(item, error));
                    failed.incrementAndGet();
                    return;
                }
                limiter.onSuccess();
                cost.record(model.modelId(), response.usage());
                results.append(resultLine(item, response));
                if (retryDeadLetters) {
                    succeededIds.add(item.id());
                }
                succeeded.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                stop.compareAndSet(null, e); // a results or dead-letter file cannot be written: stop rather than lose items
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
        private boolean retryDeadLetters;

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
         * Does the items of the dead-letter file again instead of skipping them, for example after an outage
         * or after fixing how items become requests. Items of the input that are in the dead-letter file (and
         * not in the results file) are called again; one that succeeds goes to the results file and leaves the
         * dead-letter file, one that fails again keeps a single line there, with the new error. Items of the
         * dead-letter file that this run's input does not hold stay as they are.
         *
         * <p>The dead-letter file is rewritten once, at the end of the run, into a new file that then
         * atomically replaces it. A run killed before that leaves the lines of items that have since
         * succeeded; they count as done, since the results file wins, and the next run with this option drops
         * them.
         *
         * @param retry {@code true} to do dead-lettered items again; default {@code false}
         * @return this
         */
        public Builder retryDeadLetters(boolean retry) {
            this.retryDeadLetters = retry;
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
