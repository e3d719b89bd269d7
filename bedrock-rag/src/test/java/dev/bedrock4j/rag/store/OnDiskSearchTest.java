package dev.bedrock4j.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.rag.ChildJvm;
import dev.bedrock4j.rag.store.internal.StoreFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** {@link PersistentVectorStore.Builder#vectorsOnDisk()}: codes in the heap, vectors in the mapped file. */
class OnDiskSearchTest {
    private static final int DIM = 48;

    @TempDir
    Path dir;

    private PersistentVectorStore.Builder onDisk() {
        return PersistentVectorStore.builder(dir, DIM).vectorsOnDisk();
    }

    private PersistentVectorStore.Builder onDisk(Quantization codes) {
        return onDisk().quantization(codes);
    }

    private static List<float[]> queries(Random random, int n) {
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] q = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                q[d] = (float) random.nextGaussian();
            }
            queries.add(q);
        }
        return queries;
    }

    private static void check(VectorStore store, BruteForce reference, List<float[]> queries, SearchOptions options) {
        List<List<SearchResult>> batch = store.searchBatch(queries, options);
        for (int q = 0; q < queries.size(); q++) {
            List<SearchResult> expected = reference.search(queries.get(q), options);
            InMemorySearchTest.assertSame(store.search(queries.get(q), options), expected);
            assertThat(batch.get(q)).isEqualTo(store.search(queries.get(q), options));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Quantization.class, names = {"INT8", "INT4"})
    void reRankedResultsEqualBruteForceBeforeAndAfterReopeningWithChangesOnTopOfTheFile(Quantization codes) {
        Random random = new Random(5);
        List<BruteForce.Entry> entries = BruteForce.randomEntries(random, 1500, DIM, 30);
        BruteForce reference = new BruteForce(DIM);
        List<float[]> queries = queries(random, 15);
        queries.add(entries.get(entries.size() - 1).unit());
        // topK x oversample covers every entry: the re-ranking sees all of them, so the answer must be exact
        SearchOptions all = SearchOptions.top(10);
        List<SearchOptions> options = List.of(all, SearchOptions.top(5).withMinScore(0.2),
                SearchOptions.top(10).withFilter(Filter.eq("color", "red").negate()));
        try (PersistentVectorStore store = onDisk(codes).oversample(200).open()) {
            String bits = codes == Quantization.INT8 ? "int8" : "int4";
            assertThat(store.kernel()).endsWith(bits + (store.kernel().startsWith("plain") ? "-swar" : ""));
            for (BruteForce.Entry e : entries) {
                store.add(e.id(), e.unit(), e.text(), e.metadata());
                reference.upsert(e.id(), e.unit(), e.text(), e.metadata());
            }
            for (SearchOptions o : options) {
                check(store, reference, queries, o);
            }
            store.save();
            // after the save the vectors come from the mapped file; change some on top of it
            for (SearchOptions o : options) {
                check(store, reference, queries, o);
            }
            for (int i = 0; i < 200; i++) {
                String id = String.format("id-%05d", random.nextInt(1500));
                assertThat(store.delete(id)).isEqualTo(reference.contains(id));
                reference.delete(id);
            }
            for (int i = 0; i < 60; i++) {
                String id = String.format("id-%05d", random.nextInt(1500));
                float[] v = queries.get(i % queries.size());
                store.upsert(id, v, "new " + i, Map.of("color", "red"));
                reference.upsert(id, v, "new " + i, Map.of("color", "red"));
            }
            for (SearchOptions o : options) {
                check(store, reference, queries, o);
            }
        }
        try (PersistentVectorStore reopened = onDisk(codes).oversample(200).open()) {
            assertThat(reopened.count()).isEqualTo(reference.size());
            for (SearchOptions o : options) {
                check(reopened, reference, queries, o);
            }
        }
        // the default mode reads the on-disk layout, and the on-disk mode reads the default layout back
        try (PersistentVectorStore heap = PersistentVectorStore.open(dir, DIM)) {
            check(heap, reference, queries, all);
            heap.upsert("extra", queries.get(0), "extra", Map.of());
            reference.upsert("extra", queries.get(0), "extra", Map.of());
        }
        try (PersistentVectorStore converted = onDisk(codes).oversample(200).open()) {
            check(converted, reference, queries, all);
        }
        try (PersistentVectorStore again = onDisk(codes).oversample(200).open()) {
            check(again, reference, queries, all);
        }
        // the other code width: the file is read, re-coded, and written in the new width on the next save
        Quantization other = codes == Quantization.INT8 ? Quantization.INT4 : Quantization.INT8;
        try (PersistentVectorStore recoded = onDisk(other).oversample(200).open()) {
            check(recoded, reference, queries, all);
        }
        try (PersistentVectorStore back = onDisk(other).oversample(200).readOnly().open()) {
            check(back, reference, queries, all);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Quantization.class, names = {"INT8", "INT4"})
    void defaultOversamplingFindsTheExactTopTenAlmostAlways(Quantization codes) {
        Random random = new Random(9);
        BruteForce reference = new BruteForce(DIM);
        try (PersistentVectorStore store = onDisk(codes).open()) {
            for (BruteForce.Entry e : BruteForce.randomEntries(random, 4000, DIM, 0)) {
                store.add(e.id(), e.unit(), e.text(), e.metadata());
                reference.upsert(e.id(), e.unit(), e.text(), e.metadata());
            }
        }
        try (PersistentVectorStore store = onDisk(codes).readOnly().open()) {
            int found = 0;
            List<float[]> queries = queries(random, 50);
            for (float[] q : queries) {
                List<String> expected = reference.search(q, SearchOptions.top(10)).stream().map(SearchResult::id).toList();
                found += (int) store.search(q, 10).stream().map(SearchResult::id).filter(expected::contains).count();
            }
            assertThat(found / 500.0).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void newDirectoriesGetFourBitCodesAndSavedOnesKeepTheirWidthUnlessOneIsChosen() {
        try (PersistentVectorStore fresh = onDisk().open()) {
            assertThat(fresh.quantization()).isEqualTo(Quantization.INT4);
            assertThat(fresh.kernel()).contains("int4");
        }
        saved(300, Quantization.INT8);
        try (PersistentVectorStore kept = onDisk().open()) {
            assertThat(kept.quantization()).isEqualTo(Quantization.INT8);
            assertThat(kept.count()).isEqualTo(300);
        }
        try (PersistentVectorStore chosen = onDisk(Quantization.INT4).open()) {
            assertThat(chosen.quantization()).isEqualTo(Quantization.INT4);
            assertThat(chosen.count()).isEqualTo(300);
        }
        // a directory saved in the default mode (floats in the heap) gets the default width
        Path plain = dir.resolve("plain");
        try (PersistentVectorStore store = PersistentVectorStore.builder(plain, DIM).open()) {
            float[] vector = new float[DIM];
            vector[0] = 1f;
            store.add("a", vector, "", Map.of());
        }
        try (PersistentVectorStore converted = PersistentVectorStore.builder(plain, DIM).vectorsOnDisk().open()) {
            assertThat(converted.quantization()).isEqualTo(Quantization.INT4);
            assertThat(converted.count()).isEqualTo(1);
        }
    }

    @Test
    void quantizationNoneIsRefusedWithVectorsOnDisk() {
        assertThatThrownBy(() -> onDisk().quantization(Quantization.NONE).open())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs Quantization.INT4 or INT8");
    }

    private Path saved(int n) {
        return saved(n, Quantization.INT8);
    }

    private Path saved(int n, Quantization codes) {
        try (PersistentVectorStore store = onDisk(codes).open()) {
            for (BruteForce.Entry e : BruteForce.randomEntries(new Random(3), n, DIM, 0)) {
                store.add(e.id(), e.unit(), e.text(), e.metadata());
            }
        }
        return dir.resolve(StoreFile.FILE_NAME);
    }

    private static void flip(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x5A);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Quantization.class, names = {"INT8", "INT4"})
    void aDamagedRecordOrCodeFailsTheOpenAndATruncatedFileToo(Quantization codes) throws IOException {
        Path file = saved(700, codes);
        long size = Files.size(file);
        flip(file, 40);
        assertThatThrownBy(() -> onDisk(codes).open()).isInstanceOf(CorruptedStoreException.class);
        flip(file, 40);
        try (PersistentVectorStore ok = onDisk(codes).readOnly().open()) {
            assertThat(ok.count()).isEqualTo(700);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 4000);
        }
        assertThatThrownBy(() -> onDisk(codes).open()).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class);
    }

    @Test
    void aDamagedVectorIsReportedWhenASearchFirstReadsItsTile() throws IOException {
        Path file = saved(700);
        // the vectors end 2 tile checksums and the trailer before the end of the file
        long vectorsEnd = Files.size(file) - 4 * 3 - 8;
        flip(file, vectorsEnd - 5);
        PersistentVectorStore store = onDisk().readOnly().open();
        assertThat(store.count()).isEqualTo(700);
        assertThatThrownBy(() -> {
            for (float[] q : queries(new Random(1), 200)) {
                store.search(q, 10);
            }
            // every entry as a query: some search re-ranks the damaged one
            for (int i = 0; i < 700; i++) {
                store.search(BruteForce.randomEntries(new Random(3), 700, DIM, 0).get(i).unit(), 1);
            }
        }).isInstanceOf(CorruptedStoreException.class).hasMessageContaining("checksum");
    }

    @Test
    void searchesRunWhileAnotherThreadChangesAndSaves() throws Exception {
        Random random = new Random(11);
        List<BruteForce.Entry> entries = BruteForce.randomEntries(random, 2000, DIM, 0);
        List<float[]> queries = queries(random, 8);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (PersistentVectorStore store = onDisk().open()) {
            for (BruteForce.Entry e : entries.subList(0, 1000)) {
                store.add(e.id(), e.unit(), e.text(), e.metadata());
            }
            store.save();
            Future<?> writer = pool.submit(() -> {
                for (int i = 1000; i < 2000; i++) {
                    BruteForce.Entry e = entries.get(i);
                    store.add(e.id(), e.unit(), e.text(), e.metadata());
                    store.delete(entries.get(i - 1000).id());
                    if (i % 250 == 0) {
                        store.save();
                    }
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int searches = 0;
                    while (!writer.isDone()) {
                        for (List<SearchResult> hits : store.searchBatch(queries, SearchOptions.top(10))) {
                            assertThat(hits).hasSize(10);
                        }
                        searches++;
                    }
                    return searches;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(store.count()).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
        BruteForce reference = new BruteForce(DIM);
        for (BruteForce.Entry e : entries.subList(1000, 2000)) {
            reference.upsert(e.id(), e.unit(), e.text(), e.metadata());
        }
        try (PersistentVectorStore reopened = onDisk().oversample(100).open()) {
            check(reopened, reference, queries, SearchOptions.top(10));
        }
    }

    @Test
    void aSecondWriterJvmIsRefusedWhileReadersSeeTheLastSave() {
        Path store = dir.resolve("vectors");
        try (ChildJvm first = ChildJvm.start(StoreWriterMain.class, store.toString(), "a", "2", "300", "hold", "disk")) {
            assertThat(first.await("SAVED 600")).isNotNull();
            first.await("HELD");
            assertThatThrownBy(() -> PersistentVectorStore.builder(store, StoreWriterMain.DIM).vectorsOnDisk().open())
                    .isInstanceOf(FileInUseException.class);
            try (PersistentVectorStore reader = PersistentVectorStore.builder(store, StoreWriterMain.DIM)
                    .vectorsOnDisk().readOnly().open()) {
                assertThat(reader.count()).isEqualTo(600);
                assertThat(reader.search(StoreWriterMain.vector("a-123"), 1).get(0).id()).isEqualTo("a-123");
            }
            assertThat(first.proceedAndWait()).isZero();
        }
        try (PersistentVectorStore reopened = PersistentVectorStore.builder(store, StoreWriterMain.DIM).vectorsOnDisk().open()) {
            assertThat(reopened.count()).isEqualTo(600);
            assertThat(reopened.search(StoreWriterMain.vector("a-0"), 1).get(0).id()).isEqualTo("a-0");
        }
    }
}
