package dev.bedrock4j.rag.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.rag.store.CorruptedStoreException;
import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.rag.store.Quantization;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreFileTest {
    private static final int DIM = 24;

    @TempDir
    Path dir;

    @AfterEach
    void resetHook() {
        StoreFile.faultHook = stage -> { };
    }

    static int dimension() {
        return DIM;
    }

    static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    static void fill(PersistentVectorStore store, Random random, int from, int to) {
        for (int i = from; i < to; i++) {
            store.add("doc-" + i, vector(random), i % 7 == 0 ? "" : "text " + i + " \u00e9\u4e2d\ud83d\ude00",
                    i % 3 == 0 ? Map.of() : Map.of("lang", i % 2 == 0 ? "en" : "fr", "n", String.valueOf(i)));
        }
    }

    private static List<List<SearchResult>> answers(PersistentVectorStore store, List<float[]> queries) {
        List<List<SearchResult>> all = new ArrayList<>(store.searchBatch(queries, SearchOptions.top(15)));
        all.addAll(store.searchBatch(queries, SearchOptions.top(5).withFilter(Filter.eq("lang", "fr"))));
        return all;
    }

    @ParameterizedTest
    @EnumSource(Quantization.class)
    void roundTripKeepsEveryEntryAndAnswer(Quantization quantization) {
        Random random = new Random(7);
        List<float[]> queries = List.of(vector(random), vector(random), vector(random));
        List<List<SearchResult>> before;
        try (PersistentVectorStore store = PersistentVectorStore.builder(dir, DIM).quantization(quantization).open()) {
            fill(store, random, 0, 700);
            for (int i = 0; i < 700; i += 9) {
                store.delete("doc-" + i);
            }
            store.upsert("doc-1", vector(random), "replaced", Map.of("lang", "fr"));
            before = answers(store, queries);
        }
        PersistentVectorStore reopened = PersistentVectorStore.builder(dir, DIM).quantization(quantization).open();
        assertThat(reopened.count()).isEqualTo(700 - 78);
        reopened.close();
        assertThat(answers(reopened, queries)).isEqualTo(before);

        // opened with the other quantization, the entries are converted and the exact answers agree
        Quantization other = quantization == Quantization.NONE ? Quantization.INT8 : Quantization.NONE;
        PersistentVectorStore converted = PersistentVectorStore.builder(dir, DIM).quantization(other).readOnly().open();
        List<List<SearchResult>> again = answers(converted, queries);
        for (int i = 0; i < before.size(); i++) {
            assertThat(again.get(i)).extracting(SearchResult::id)
                    .containsExactlyElementsOf(before.get(i).stream().map(SearchResult::id).toList());
        }
    }

    @Test
    void emptyStoresRoundTripAndWrongDimensionsAreRejected() {
        PersistentVectorStore.open(dir, DIM).close();
        assertThat(Files.exists(dir.resolve(StoreFile.FILE_NAME))).isTrue();
        try (PersistentVectorStore reopened = PersistentVectorStore.open(dir, DIM)) {
            assertThat(reopened.count()).isZero();
        }
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24-dimensional");
    }

    @Test
    void aSaveThatFailsMidwayLeavesTheLastGoodStateAndNoTemporaryFile() throws IOException {
        Random random = new Random(3);
        float[] query = vector(random);
        PersistentVectorStore store = PersistentVectorStore.open(dir, DIM);
        fill(store, random, 0, 300);
        store.save();
        List<SearchResult> good = store.search(query, 10);

        fill(store, random, 300, 1500);
        for (String failAt : List.of("records", "chunk", "written")) {
            AtomicInteger chunks = new AtomicInteger();
            StoreFile.faultHook = stage -> {
                if (stage.equals(failAt) && (!stage.equals("chunk") || chunks.incrementAndGet() == 3)) {
                    throw new UncheckedIOException(new IOException("simulated crash at " + stage));
                }
            };
            assertThatThrownBy(store::save).hasMessageContaining("simulated crash");
            assertThat(temporaryFiles()).isEmpty();

            PersistentVectorStore reopened = PersistentVectorStore.builder(dir, DIM).readOnly().open();
            assertThat(reopened.count()).isEqualTo(300);
            assertThat(reopened.search(query, 10)).isEqualTo(good);
        }
        StoreFile.faultHook = stage -> { };
        store.close();
        assertThat(PersistentVectorStore.open(dir, DIM).count()).isEqualTo(1500);
    }

    @Test
    void aJvmKilledDuringSaveLeavesTheLastGoodState() throws Exception {
        Random random = new Random(5);
        float[] query = vector(random);
        List<SearchResult> good;
        try (PersistentVectorStore store = PersistentVectorStore.open(dir, DIM)) {
            fill(store, random, 0, 400);
            good = store.search(query, 10);
        }
        Files.writeString(dir.resolve(StoreFile.LEGACY_TEMP_NAME), "left by an earlier version");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingSave.class.getName(), dir.toString()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.exitValue()).as(output).isEqualTo(CrashingSave.HALT_STATUS);
        assertThat(output).contains("halting during save");
        assertThat(temporaryFiles()).singleElement().satisfies(temp -> assertThat(Files.size(temp)).isPositive());

        // the halted writer's lock died with it, and the next writer removes its temporary file
        PersistentVectorStore reopened = PersistentVectorStore.open(dir, DIM);
        assertThat(reopened.count()).isEqualTo(400);
        assertThat(reopened.search(query, 10)).isEqualTo(good);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void corruptionIsReportedClearlyAndNothingIsLoaded() throws IOException {
        Random random = new Random(9);
        try (PersistentVectorStore store = PersistentVectorStore.open(dir, DIM)) {
            fill(store, random, 0, 500);
        }
        Path file = dir.resolve(StoreFile.FILE_NAME);
        byte[] good = Files.readAllBytes(file);

        flip(file, good.length - 5000);        // inside the vectors
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("CRC32C checksum does not match").hasMessageContaining(file.toString());

        Files.write(file, good);
        flip(file, 40);                         // inside the first record
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class);

        Files.write(file, good);
        flip(file, 0);
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("magic number");

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("more than the file holds");
        Files.write(file, java.util.Arrays.copyOf(good, 1000));
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("promises");

        Files.write(file, java.util.Arrays.copyOf(good, good.length + 1));
        assertThatThrownBy(() -> PersistentVectorStore.open(dir, DIM)).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("after its end");

        Files.write(file, good);
        assertThat(PersistentVectorStore.open(dir, DIM).count()).isEqualTo(500);
    }

    private List<Path> temporaryFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void flip(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.flip();
            one.put(0, (byte) (one.get(0) ^ 0x5A));
            channel.write(one, position);
        }
    }
}
