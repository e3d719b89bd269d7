package dev.bedrock4j.tools.internal;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolRegistry;
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

/**
 * Runs the tool calls of one model turn at once on a bounded executor and returns their results in the
 * model's order. Each call has a timeout, counted from when it starts running; a call that overruns is
 * cancelled (its thread interrupted) and answered with an error result. Thread-safe.
 */
public final class ToolExecutor {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Threads that wait for a streamed run's tool calls, so that SDK threads never do; idle ones end. */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bedrock4j-tool-wait-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService executor;
    private final Duration defaultTimeout;

    /** An executor of tool calls on a pool, with a timeout for tools that have none of their own. */
    public ToolExecutor(ExecutorService executor, Duration defaultTimeout) {
        this.executor = executor;
        this.defaultTimeout = defaultTimeout;
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
     */
    public record Outcome(ContentBlock.ToolUse use, ContentBlock.ToolResult result, Duration elapsed) {
        /** The call as a trace step. */
        public Step.ToolCall step(int turn) {
            return new Step.ToolCall(turn, use.id(), use.name(), use.input(), ToolResults.text(result),
                    result.error(), elapsed);
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
            Task task = new Task(tool, use);
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
            } catch (RuntimeException e) {
                then.accept(null, e);
                return;
            }
            then.accept(outcomes, null);
        });
    }

    private static Outcome unknown(ToolRegistry tools, ContentBlock.ToolUse use) {
        return new Outcome(use, ContentBlock.ToolResult.ofError(use.id(), "there is no tool named '" + use.name()
                + "'; the available tools are " + tools.names()), Duration.ZERO);
    }

    private Outcome await(Task task) throws InterruptedException {
        long timeout = task.tool.timeout().orElse(defaultTimeout).toNanos();
        while (true) {
            long started = task.started;
            long wait = started == 0 ? timeout : started + timeout - System.nanoTime();
            try {
                return new Outcome(task.use, task.future.get(Math.max(wait, 0), TimeUnit.NANOSECONDS), task.elapsed());
            } catch (TimeoutException e) {
                if (task.started != 0 && System.nanoTime() - task.started >= timeout) {
                    task.future.cancel(true);
                    return new Outcome(task.use, ContentBlock.ToolResult.ofError(task.use.id(), "tool '" + task.use.name()
                            + "' did not finish within " + Duration.ofNanos(timeout).toMillis() + " ms and was cancelled"),
                            task.elapsed());
                }
            } catch (ExecutionException e) {
                return new Outcome(task.use, ContentBlock.ToolResult.ofError(task.use.id(), "tool '" + task.use.name()
                        + "' failed: " + ToolJson.describe(e.getCause())), task.elapsed());
            } catch (CancellationException e) {
                return new Outcome(task.use, ContentBlock.ToolResult.ofError(task.use.id(), "tool '" + task.use.name()
                        + "' was cancelled"), task.elapsed());
            }
        }
    }

    private static final class Task implements Callable<ContentBlock.ToolResult> {
        final Tool<?> tool;
        final ContentBlock.ToolUse use;
        Future<ContentBlock.ToolResult> future;
        volatile long started;
        volatile long finished;

        Task(Tool<?> tool, ContentBlock.ToolUse use) {
            this.tool = tool;
            this.use = use;
        }

        @Override
        public ContentBlock.ToolResult call() {
            started = System.nanoTime();
            try {
                return tool.call(use.id(), use.input());
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
