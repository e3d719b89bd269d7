package dev.bedrock4j.tools.internal;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.spi.JacksonVersions;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolErrorMapper;
import dev.bedrock4j.tools.ToolRegistry;
import dev.bedrock4j.tools.ToolRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tool calls of one model turn at once on a bounded executor and returns their results in the
 * model's order. Each call has a timeout, counted from when it starts running; a call that overruns is
 * cancelled (its thread interrupted) and answered with an error result. An exception from a tool reaches the
 * model as its {@link ToolErrorMapper} says; the exception itself goes to the outcome, for the trace, and to the
 * log at DEBUG. Thread-safe.
 */
public final class ToolExecutor {
    /** Tool failures, at DEBUG, under the name users know. */
    private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Threads that wait for a streamed run's tool calls, so that SDK threads never do; idle ones end. */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bedrock4j-tool-wait-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService executor;
    private final Duration defaultTimeout;
    private final ToolErrorMapper errors;

    /**
     * An executor of tool calls on a pool, with a timeout for tools that have none of their own, and the text the
     * model reads when a tool throws.
     */
    public ToolExecutor(ExecutorService executor, Duration defaultTimeout, ToolErrorMapper errors) {
        this.executor = executor;
        this.defaultTimeout = defaultTimeout;
        this.errors = errors;
    }

    /** The same executor, pool and timeout, with another error mapper. */
    public ToolExecutor withErrors(ToolErrorMapper errors) {
        return new ToolExecutor(executor, defaultTimeout, errors);
    }

    /**
     * Returns the duration if it is positive.
     *
     * @throws IllegalArgumentException naming the setting otherwise
     */
    public static Duration requirePositive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

    /**
     * A pool of at most {@code threads} daemon threads that end when idle, so it needs no shutdown.
     */
    public static ExecutorService newPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "bedrock4j-tool-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * One finished call.
     *
     * @param use the model's call
     * @param result the result sent back
     * @param elapsed how long the tool ran
     * @param failure what the tool threw, or {@code null}
     */
    public record Outcome(ContentBlock.ToolUse use, ContentBlock.ToolResult result, Duration elapsed, Throwable failure) {
        /** The call as a trace step. */
        public Step.ToolCall step(int turn) {
            return new Step.ToolCall(turn, use.id(), use.name(), use.input(), ToolResults.text(result),
                    result.error(), elapsed, failure == null ? "" : ToolFailures.describe(failure));
        }
    }

    /**
     * Runs the calls in parallel and waits for all of them.
     *
     * @return one outcome per call, in the order of {@code uses}
     * @throws BedrockException if the calling thread is interrupted while waiting; the calls are cancelled
     */
    public List<Outcome> runAll(ToolRegistry tools, List<ContentBlock.ToolUse> uses) {
        List<Task> tasks = new ArrayList<>();
        for (ContentBlock.ToolUse use : uses) {
            Tool<?> tool = tools.find(use.name()).orElse(null);
            Task task = new Task(tool, use, errors);
            if (tool != null) {
                task.future = executor.submit(task);
            }
            tasks.add(task);
        }
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Task task : tasks) {
                outcomes.add(task.tool == null ? unknown(tools, task.use) : await(task));
            }
        } catch (InterruptedException e) {
            tasks.stream().filter(t -> t.future != null).forEach(t -> t.future.cancel(true));
            Thread.currentThread().interrupt();
            throw new BedrockException("interrupted while waiting for tools; the running tool calls were cancelled", e);
        }
        return outcomes;
    }

    /**
     * Runs the calls as {@link #runAll} does, waiting on a thread of its own, and hands the outcomes, or the
     * failure, to {@code then} on that thread.
     *
     * @return cancelling it with interruption cancels the running calls; {@code then} still runs, with the failure
     */
    public Future<?> runAllAsync(ToolRegistry tools, List<ContentBlock.ToolUse> uses,
                                 BiConsumer<List<Outcome>, Throwable> then) {
        return WAITERS.submit(() -> {
            List<Outcome> outcomes;
            try {
                outcomes = runAll(tools, uses);
            } catch (RuntimeException | JacksonVersions.MixedVersionsError e) {
                then.accept(null, e);
                return;
            }
            then.accept(outcomes, null);
        });
    }

    private static Outcome unknown(ToolRegistry tools, ContentBlock.ToolUse use) {
        return new Outcome(use, ContentBlock.ToolResult.ofError(use.id(), "there is no tool named '" + use.name()
                + "'; the available tools are " + tools.names()), Duration.ZERO, null);
    }

    private Outcome await(Task task) throws InterruptedException {
        Outcome outcome = awaitResult(task);
        if (outcome.failure() != null && LOG.isDebugEnabled()) {
            LOG.debug("tool '{}' failed on call {}; the model read: {}", task.use.name(), task.use.id(),
                    ToolResults.text(outcome.result()), outcome.failure());
        }
        return outcome;
    }

    private Outcome awaitResult(Task task) throws InterruptedException {
        long timeout = task.tool.timeout().orElse(defaultTimeout).toNanos();
        while (true) {
            long started = task.started;
            long wait = started == 0 ? timeout : started + timeout - System.nanoTime();
            try {
                ContentBlock.ToolResult result = task.future.get(Math.max(wait, 0), TimeUnit.NANOSECONDS);
                return new Outcome(task.use, result, task.elapsed(), task.failure);
            } catch (TimeoutException e) {
                if (task.started != 0 && System.nanoTime() - task.started >= timeout) {
                    task.future.cancel(true);
                    return new Outcome(task.use, ContentBlock.ToolResult.ofError(task.use.id(), "tool '" + task.use.name()
                            + "' did not finish within " + Duration.ofNanos(timeout).toMillis() + " ms and was cancelled"),
                            task.elapsed(), null);
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof JacksonVersions.MixedVersionsError classPath) {
                    // the class path is broken, not the tool: the caller reads why, the model never does
                    throw classPath;
                }
                // an Error from the tool: the tool's own call turns exceptions into results
                return new Outcome(task.use, ContentBlock.ToolResult.ofError(task.use.id(),
                        ToolFailures.text(errors, task.use.name(), e.getCause())), task.elapsed(), e.getCause());
            } catch (CancellationException e) {
                return new Outcome(task.use, ContentBlock.ToolResult.ofError(task.use.id(), "tool '" + task.use.name()
                        + "' was cancelled"), task.elapsed(), null);
            }
        }
    }

    private static final class Task implements Callable<ContentBlock.ToolResult> {
        final Tool<?> tool;
        final ContentBlock.ToolUse use;
        private final ToolErrorMapper errors;
        Future<ContentBlock.ToolResult> future;
        volatile long started;
        volatile long finished;
        /** What the tool threw; written before the result is, so the future's completion publishes it. */
        Throwable failure;

        Task(Tool<?> tool, ContentBlock.ToolUse use, ToolErrorMapper errors) {
            this.tool = tool;
            this.use = use;
            this.errors = errors;
        }

        @Override
        public ContentBlock.ToolResult call() {
            started = System.nanoTime();
            try {
                return tool.call(use.id(), use.input(), (name, error) -> {
                    failure = error;
                    return errors.toModelText(name, error);
                });
            } finally {
                finished = System.nanoTime();
            }
        }

        Duration elapsed() {
            long start = started;
            if (start == 0) {
                return Duration.ZERO;
            }
            long end = finished;
            return Duration.ofNanos((end == 0 ? System.nanoTime() : end) - start);
        }
    }
}
