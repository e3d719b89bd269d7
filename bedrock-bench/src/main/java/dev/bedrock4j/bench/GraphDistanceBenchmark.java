package dev.bedrock4j.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The one operation an HNSW build spends its time in (90% of the samples of a profiled Lucene build here): Lucene's
 * own {@code VectorUtil.dotProduct} of a 1024-d query with a stored vector, either one of 8 vectors that stay in
 * cache ({@code cached}) or one drawn at random from {@code vectors} vectors that no cache holds ({@code random}, the
 * access pattern of walking a graph). Run with {@code -t 1} and then {@code -t 2}: the time per operation of each
 * thread says how far two cores slow each other down on this machine, which bounds what any parallel graph build
 * can gain (speed-up = 2 x time at one thread / time at two).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GraphDistanceBenchmark {
    static final int DIM = 1024;

    @Param({"1000000"})
    public int vectors;

    private List<float[]> data;

    @Setup(Level.Trial)
    public void setUp() {
        data = VectorData.uniform(vectors, DIM, 3);
    }

    /** Each benchmark thread's own query and random numbers (JMH gives every thread its own instance). */
    @State(Scope.Thread)
    public static class Walker {
        float[] query;
        SplittableRandom random;
        int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            query = VectorData.gaussian(-1 - thread.getThreadIndex(), DIM, 5);
            random = new SplittableRandom(17 + thread.getThreadIndex());
        }
    }

    @Benchmark
    public float cached(Walker walker) {
        walker.next = (walker.next + 1) & 7;
        return VectorUtil.dotProduct(walker.query, data.get(walker.next));
    }

    @Benchmark
    public float random(Walker walker) {
        return VectorUtil.dotProduct(walker.query, data.get(walker.random.nextInt(data.size())));
    }
}
