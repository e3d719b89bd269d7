package dev.bedrock4j.rag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.rag.ChildJvm;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ingestions, in two processes or one, on one store and ledger. */
class IngestProcessSafetyTest {
    private static final int DIM = IngestMain.DIM;

    @TempDir
    Path dir;

    @Test
    void aSecondIngestionJvmMeetsTheClearErrorAndEveryRecordedDocumentHasItsChunks() {
        Path vectors = dir.resolve("vectors");
        Path ledgerFile = vectors.resolve("ledger.jsonl");
        int chunks;
        try (ChildJvm first = ChildJvm.start(IngestMain.class, vectors.toString(), ledgerFile.toString(), "a", "40")) {
            chunks = Integer.parseInt(first.await("INGESTED ").substring("INGESTED ".length()));
            first.await("HELD");

            try (ChildJvm second = ChildJvm.start(IngestMain.class, vectors.toString(), ledgerFile.toString(), "b", "40")) {
                assertThat(second.await("IN_USE")).contains("another process (pid " + first.pid());
                assertThat(second.exitValue()).isEqualTo(IngestMain.IN_USE_STATUS);
            }
            assertThatThrownBy(() -> IngestLedger.open(ledgerFile))
                    .isInstanceOfSatisfying(FileInUseException.class,
                            e -> assertThat(e.holder()).startsWith("pid " + first.pid() + " on host "))
                    .hasMessageStartingWith("cannot write " + ledgerFile + ": another process (pid " + first.pid())
                    .hasMessageContaining("use another file");
            assertThatThrownBy(() -> PersistentVectorStore.open(vectors, DIM)).isInstanceOf(FileInUseException.class)
                    .hasMessageContaining("pid " + first.pid());

            assertThat(first.proceedAndWait()).isZero();
        }
        assertThat(chunks).isGreaterThanOrEqualTo(40);

        FakeEmbeddingModel model = FakeEmbeddingModel.create(DIM);
        try (PersistentVectorStore store = PersistentVectorStore.open(vectors, DIM);
             IngestLedger ledger = IngestLedger.open(ledgerFile)) {
            assertThat(ledger.documentIds()).hasSize(40);
            assertThat(ledger.unfinishedDocumentIds()).isEmpty();
            assertThat(store.count()).isEqualTo(chunks);

            IngestReport again = Ingestor.builder(model, store).ledger(ledger).build().sync(IngestMain.documents("a", 40));
            assertThat(again.unchanged()).hasSize(40);
            assertThat(model.calls()).isEmpty();
        }
    }

    @Test
    void anIngestionKilledWhileHoldingTheLedgerDoesNotBlockTheNext() {
        Path vectors = dir.resolve("vectors");
        Path ledgerFile = vectors.resolve("ledger.jsonl");
        try (ChildJvm child = ChildJvm.start(IngestMain.class, vectors.toString(), ledgerFile.toString(), "a", "10")) {
            child.await("HELD");
            child.kill();
        }
        try (PersistentVectorStore store = PersistentVectorStore.open(vectors, DIM);
             IngestLedger ledger = IngestLedger.open(ledgerFile)) {
            assertThat(ledger.documentIds()).hasSize(10);
            assertThat(store.count()).isPositive();
        }
    }

    @Test
    void aSecondLedgerOnOneFileInThisProcessIsRefusedAndCompactionKeepsTheLock() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (IngestLedger ledger = IngestLedger.open(file)) {
            for (int i = 0; i < 200; i++) {
                ledger.markPending("doc", new IngestLedger.Version("h" + i, 1));
                ledger.markCommitted("doc", new IngestLedger.Version("h" + i, 1));
            }
            assertThatThrownBy(() -> IngestLedger.open(file)).isInstanceOf(FileInUseException.class)
                    .hasMessageContaining("this process");
        }
        try (IngestLedger compacted = IngestLedger.open(file)) { // 400 lines for one document: compacted on opening
            assertThat(java.nio.file.Files.readAllLines(file)).hasSize(1);
            assertThatThrownBy(() -> IngestLedger.open(file)).isInstanceOf(FileInUseException.class);
            try (ChildJvm child = ChildJvm.start(IngestMain.class, dir.resolve("v").toString(), file.toString(), "a", "1")) {
                assertThat(child.await("IN_USE")).contains("cannot write " + file);
            }
            compacted.markDeleted("doc");
        }
        try (IngestLedger reopened = IngestLedger.open(file)) {
            assertThat(reopened.documentIds()).isEmpty();
        }
    }
}
