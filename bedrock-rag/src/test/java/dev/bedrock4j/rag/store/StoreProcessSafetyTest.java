package dev.bedrock4j.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.rag.ChildJvm;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes, or two opens in one, on one {@link PersistentVectorStore} directory. */
class StoreProcessSafetyTest {
    private static final int DIM = StoreWriterMain.DIM;
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aSecondWriterJvmMeetsTheClearErrorAndNoAcknowledgedVectorIsLost() {
        Path store = dir.resolve("vectors");
        try (ChildJvm first = ChildJvm.start(StoreWriterMain.class, store.toString(), "a", "4", "500", "hold")) {
            assertThat(first.await("SAVED 2000")).isNotNull(); // acknowledged: the fourth save returned
            first.await("HELD");

            try (ChildJvm second = ChildJvm.start(StoreWriterMain.class, store.toString(), "b", "4", "500", "exit")) {
                assertThat(second.await("IN_USE")).contains("cannot write " + store + ": another process (pid "
                        + first.pid() + " on host ").contains("stop that process or use another directory");
                assertThat(second.exitValue()).isEqualTo(StoreWriterMain.IN_USE_STATUS);
            }
            assertThatThrownBy(() -> PersistentVectorStore.open(store, DIM))
                    .isInstanceOfSatisfying(FileInUseException.class, e -> {
                        assertThat(e.file()).isEqualTo(store);
                        assertThat(e.holder()).startsWith("pid " + first.pid());
                    })
                    .hasMessageContaining(store.resolve("writer.lock").toString());

            // a reader needs no lock: it sees the last save whole while the writer holds the directory
            PersistentVectorStore reader = PersistentVectorStore.builder(store, DIM).readOnly().open();
            assertThat(reader.isReadOnly()).isTrue();
            assertThat(reader.count()).isEqualTo(2000);
            assertThat(reader.search(StoreWriterMain.vector("a-1234"), 1).get(0).id()).isEqualTo("a-1234");
            assertThatThrownBy(() -> reader.add("x", new float[DIM], "x", Map.of()))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> reader.delete("a-1")).isInstanceOf(UnsupportedOperationException.class);
            reader.close();

            assertThat(first.proceedAndWait()).isZero();
        }
        try (PersistentVectorStore reopened = PersistentVectorStore.open(store, DIM)) {
            assertThat(reopened.count()).isEqualTo(2000);
            assertThat(reopened.search(StoreWriterMain.vector("a-0"), 1).get(0).id()).isEqualTo("a-0");
        }
    }

    @Test
    void aWriterKilledWhileHoldingTheStoreDoesNotBlockTheNextAndKeepsItsSaves() {
        Path store = dir.resolve("vectors");
        try (ChildJvm child = ChildJvm.start(StoreWriterMain.class, store.toString(), "a", "2", "300", "hold")) {
            child.await("SAVED 600");
            child.await("HELD");
            child.kill();
        }
        try (PersistentVectorStore reopened = PersistentVectorStore.open(store, DIM)) {
            assertThat(reopened.count()).isEqualTo(600);
        }
    }

    @Test
    void readersOpeningDuringSavesAlwaysSeeAWholeSave() throws Exception {
        Path store = dir.resolve("vectors");
        Files.createDirectories(store);
        List<Integer> seen = new ArrayList<>();
        try (ChildJvm writer = ChildJvm.start(StoreWriterMain.class, store.toString(), "a", "30", "200", "hold")) {
            writer.await("SAVED 200");
            for (int i = 1; i < 30; i++) {
                seen.add(PersistentVectorStore.builder(store, DIM).readOnly().open().count());
                writer.await("SAVED " + (i + 1) * 200);
            }
            writer.await("HELD");
            seen.add(PersistentVectorStore.builder(store, DIM).readOnly().open().count());
            writer.proceedAndWait();
        }
        assertThat(seen).hasSize(30).allMatch(count -> count > 0 && count % 200 == 0).isSorted();
        assertThat(seen.get(29)).isEqualTo(6000);
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedAndAClosedStoreRefusesChanges() {
        Path store = dir.resolve("vectors");
        PersistentVectorStore writer = PersistentVectorStore.open(store, DIM);
        writer.add("a", StoreWriterMain.vector("a"), "a", Map.of());
        assertThatThrownBy(() -> PersistentVectorStore.open(store, DIM)).isInstanceOf(FileInUseException.class)
                .hasMessageContaining("this process (pid " + PID).hasMessageContaining("close that instance (or let its run finish) first");
        assertThat(PersistentVectorStore.builder(store, DIM).readOnly().open().count()).as("nothing saved yet").isZero();

        writer.close();
        writer.close();
        assertThat(writer.search(StoreWriterMain.vector("a"), 1)).hasSize(1);
        assertThatThrownBy(() -> writer.add("b", new float[DIM], "b", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(writer::save).isInstanceOf(IllegalStateException.class);

        try (PersistentVectorStore again = PersistentVectorStore.open(store, DIM)) {
            assertThat(again.count()).isEqualTo(1);
        }
    }

    @Test
    void aLuceneStoreIsHeldByOneProcessAtATimeToo() {
        Path index = dir.resolve("index");
        try (LuceneVectorStore store = LuceneVectorStore.open(index, 3)) {
            store.upsert("parent", new float[] {0, 1, 0}, "parent", Map.of());
            assertThatThrownBy(() -> LuceneVectorStore.open(index, 3)).isInstanceOf(FileInUseException.class)
                    .hasMessageContaining("this process (pid " + PID);
            try (ChildJvm child = ChildJvm.start(LuceneOpenMain.class, index.toString(), "child")) {
                assertThat(child.await("IN_USE")).contains("cannot write " + index + ": another process (pid " + PID)
                        .contains("use another directory");
                assertThat(child.exitValue()).isEqualTo(3);
            }
        }
        try (ChildJvm child = ChildJvm.start(LuceneOpenMain.class, index.toString(), "child")) {
            child.await("ADDED");
            assertThat(child.exitValue()).isZero();
        }
        try (LuceneVectorStore store = LuceneVectorStore.open(index, 3)) {
            assertThat(store.count()).isEqualTo(2);
        }
    }

    @Test
    void aReadOnlyOpenOfAMissingDirectoryFailsAndCreatesNothing() {
        Path missing = dir.resolve("no-such-store");
        assertThatThrownBy(() -> PersistentVectorStore.builder(missing, DIM).readOnly().open())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no vector store directory " + missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aStoreThatFailsToOpenReleasesItsLock() throws Exception {
        Path store = dir.resolve("vectors");
        try (PersistentVectorStore writer = PersistentVectorStore.open(store, DIM)) {
            writer.add("a", StoreWriterMain.vector("a"), "a", Map.of());
        }
        assertThatThrownBy(() -> PersistentVectorStore.open(store, DIM + 1)).isInstanceOf(IllegalArgumentException.class);
        Files.write(store.resolve("vectors.b4jv"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> PersistentVectorStore.open(store, DIM)).isInstanceOf(CorruptedStoreException.class);
        Files.delete(store.resolve("vectors.b4jv"));
        PersistentVectorStore.open(store, DIM).close();
    }
}
