package dev.bedrock4j.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
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

/**
 * This machine's memory read bandwidth from Java, on every core: one pass over {@code megabytes} of
 * 1 MiB arrays that no cache holds, split across a fork/join pool like the store's scan. Two read
 * loops, both vectorised by the JIT: summing longs, and adding float rows into a small accumulator
 * (the access pattern of the exact scan). GB/s = megabytes * 2^20 / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MemoryBandwidthBenchmark {
    @Param({"2048"})
    public int megabytes;

    private long[][] longs;
    private float[][] floats;
    private ForkJoinPool pool;

    @Setup(Level.Trial)
    public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (params.getBenchmark().endsWith("sumLongs")) {
            longs = new long[megabytes][1 << 17];
            for (long[] a : longs) {
                java.util.Arrays.fill(a, 1L);
            }
        } else {
            floats = new float[megabytes * 1024][256];
            for (float[] a : floats) {
                java.util.Arrays.fill(a, 1f);
            }
        }
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public long sumLongs() {
        return pool.invoke(new Sum(longs, 0, longs.length));
    }

    @Benchmark
    public float addFloatRows() {
        return pool.invoke(new AddRows(floats, 0, megabytes));
    }

    static final class Sum extends RecursiveTask<Long> {
        private final long[][] arrays;
        private final int from;
        private final int to;

        Sum(long[][] arrays, int from, int to) {
            this.arrays = arrays;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= 16) {
                long sum = 0;
                for (int a = from; a < to; a++) {
                    long[] array = arrays[a];
                    for (int i = 0; i < array.length; i++) {
                        sum += array[i];
                    }
                }
                return sum;
            }
            int mid = (from + to) >>> 1;
            Sum left = new Sum(arrays, from, mid);
            left.fork();
            return new Sum(arrays, mid, to).compute() + left.join();
        }
    }

    // each unit is 1024 rows of 256 floats = 1 MiB; same index on both sides, so the JIT vectorises it
    static final class AddRows extends RecursiveTask<Float> {
        private final float[][] rows;
        private final int from;
        private final int to;

        AddRows(float[][] rows, int from, int to) {
            this.rows = rows;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Float compute() {
            if (to - from <= 16) {
                float[] acc = new float[256];
                for (int r = from * 1024; r < to * 1024; r++) {
                    float[] row = rows[r];
                    for (int j = 0; j < 256; j++) {
                        acc[j] += row[j];
                    }
                }
                return acc[0];
            }
            int mid = (from + to) >>> 1;
            AddRows left = new AddRows(rows, from, mid);
            left.fork();
            return new AddRows(rows, mid, to).compute() + left.join();
        }
    }
}
