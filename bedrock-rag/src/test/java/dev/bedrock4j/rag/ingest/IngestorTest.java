package dev.bedrock4j.rag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.spi.WriterLock;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
    static final int DIM = 256;

    private final FakeEmbeddingModel model = FakeEmbeddingModel.create(DIM);
    private final TrackingStore store = new TrackingStore(DIM);

    @TempDir
    Path dir;

    static final Document VACATION = Document.of("vacation.md",
            "Vacation policy. Employees get twenty five vacation days a year.\n\n"
                    + "Up to five unused vacation days carry over to the next year.");
    static final Document EXPENSES = Document.of("expenses.md",
            "Expense reports are due by the fifth of each month.\n\nReceipts are needed above twenty euros.");
    static final Document SECURITY = Document.ofPages("security.pdf", List.of(
            "Badges must be worn visibly inside the office.", "Lost badges are reported to security at once."),
            Map.of(Document.TITLE, "Security rules"));

    private Ingestor.Builder ingestor() {
        return Ingestor.builder(model, store).chunker(Chunker.recursive(15, 0));
    }

    private static int chunkCount(Document... documents) {
        int n = 0;
        for (Document document : documents) {
            n += Chunker.recursive(15, 0).chunk(document).size();
        }
        return n;
    }

    @Test
    void storesEveryChunkWithItsSourceAndPosition() {
        Ingestor ingestor = ingestor().build();

        IngestReport report = ingestor.ingest(List.of(VACATION, EXPENSES, SECURITY));

        assertThat(report.added()).containsExactly("vacation.md", "expenses.md", "security.pdf");
        assertThat(report.chunksEmbedded()).isEqualTo(chunkCount(VACATION, EXPENSES, SECURITY));
        assertThat(report.inputTokens()).isPositive();
        assertThat(store.count()).isEqualTo(chunkCount(VACATION, EXPENSES, SECURITY));
        assertThat(ingestor.ledger().documentIds()).containsExactlyInAnyOrder("vacation.md", "expenses.md", "security.pdf");
        assertThat(ingestor.ledger().contentHash("vacation.md")).contains(VACATION.contentHash());

        RetrievedChunk hit = ingestor.knowledgeBase().retrieve("lost badges reported", RetrievalOptions.top(1)).get(0);
        assertThat(hit.text()).isEqualTo("Lost badges are reported to security at once.");
        assertThat(hit.location().documentId()).isEqualTo("security.pdf");
        assertThat(hit.location().source()).isEqualTo("security.pdf");
        assertThat(hit.location().title()).isEqualTo("Security rules");
        assertThat(hit.location().page()).isEqualTo(2);
        assertThat(SECURITY.text().substring(hit.location().start(), hit.location().end())).isEqualTo(hit.text());
        assertThat(hit.metadata()).containsEntry(Chunk.DOCUMENT_ID, "security.pdf").containsEntry(Chunk.PAGE, "2");
    }

    @Test
    void reIngestingUnchangedDocumentsDoesNothing() {
        Ingestor ingestor = ingestor().build();
        ingestor.ingest(List.of(VACATION, EXPENSES));
        int calls = model.calls().size();
        var ids = store.ids();

        IngestReport again = ingestor.ingest(List.of(VACATION, EXPENSES));

        assertThat(again.unchanged()).containsExactly("vacation.md", "expenses.md");
        assertThat(again.added()).isEmpty();
        assertThat(again.chunksEmbedded()).isZero();
        assertThat(model.calls()).hasSize(calls);
        assertThat(store.ids()).isEqualTo(ids);
    }

    @Test
    void aChangedDocumentReplacesItsChunks() {
        Ingestor ingestor = ingestor().build();
        ingestor.ingest(List.of(VACATION, EXPENSES));
        var expensesIds = store.idsOf("expenses.md");
        Document changed = Document.of("vacation.md", "Vacation policy. Employees now get thirty vacation days.");

        IngestReport report = ingestor.ingest(List.of(changed, EXPENSES));

        assertThat(report.updated()).containsExactly("vacation.md");
        assertThat(report.unchanged()).containsExactly("expenses.md");
        assertThat(store.idsOf("vacation.md")).hasSize(chunkCount(changed));
        assertThat(store.idsOf("expenses.md")).isEqualTo(expensesIds);
        List<RetrievedChunk> hits = ingestor.knowledgeBase().retrieve("vacation days",
                RetrievalOptions.top(10).withFilter(Filter.eq(Chunk.DOCUMENT_ID, "vacation.md")));
        assertThat(hits).extracting(RetrievedChunk::text)
                .containsExactly("Vacation policy. Employees now get thirty vacation days.");
    }

    @Test
    void syncRemovesDocumentsThatAreGoneAndDeleteRemovesOne() {
        Ingestor ingestor = ingestor().build();
        ingestor.ingest(List.of(VACATION, EXPENSES, SECURITY));

        IngestReport report = ingestor.sync(List.of(VACATION, SECURITY));

        assertThat(report.deleted()).containsExactly("expenses.md");
        assertThat(report.unchanged()).containsExactly("vacation.md", "security.pdf");
        assertThat(store.idsOf("expenses.md")).isEmpty();
        assertThat(ingestor.ledger().documentIds()).containsExactlyInAnyOrder("vacation.md", "security.pdf");

        assertThat(ingestor.delete("security.pdf")).isTrue();
        assertThat(ingestor.delete("security.pdf")).isFalse();
        assertThat(store.ids()).isEqualTo(store.idsOf("vacation.md"));
        assertThat(store.count()).isEqualTo(chunkCount(VACATION));
    }

    @Test
    void chunksOfSeveralDocumentsShareEmbeddingBatches() {
        Ingestor ingestor = ingestor().batchSize(3).build();

        ingestor.ingest(List.of(VACATION, EXPENSES, SECURITY));

        int total = chunkCount(VACATION, EXPENSES, SECURITY);
        assertThat(model.calls()).extracting(call -> call.texts().size())
                .allMatch(size -> size <= 3)
                .hasSize((total + 2) / 3);
        assertThat(model.calls().get(0).inputType()).isEqualTo(dev.bedrock4j.core.embed.InputType.DOCUMENT);
    }

    @Test
    void aFailedEmbeddingCallStopsTheRunAndLeavesEveryDocumentWholeAndRecorded() {
        Ingestor ingestor = ingestor().batchSize(2).build();
        ingestor.ingest(List.of(VACATION));
        var oldVacation = store.idsOf("vacation.md");
        Document changedVacation = Document.of("vacation.md", "Vacation policy. Employees now get thirty vacation "
                + "days.\n\nNothing carries over any more, so plan your holidays early in the year.");
        // the expenses document fills the first batch; the changed vacation document's batch fails
        model.enqueueError(new ThrottledException("slow down"));

        assertThatThrownBy(() -> ingestor.ingest(List.of(changedVacation, EXPENSES)))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.documentId()).isEqualTo("vacation.md");
                    assertThat(e.getCause()).isInstanceOf(ThrottledException.class);
                    assertThat(e.report().added()).isEmpty();
                    assertThat(e.getMessage()).contains("run it again to continue");
                });
        assertThat(store.idsOf("vacation.md")).isEqualTo(oldVacation);
        assertThat(ingestor.ledger().contentHash("vacation.md")).contains(VACATION.contentHash());
        assertThat(ingestor.ledger().unfinishedDocumentIds()).isEmpty();
        assertThat(store.idsOf("expenses.md")).isEmpty();

        IngestReport retry = ingestor.ingest(List.of(changedVacation, EXPENSES));
        assertThat(retry.updated()).containsExactly("vacation.md");
        assertThat(retry.added()).containsExactly("expenses.md");
        assertThat(store.count()).isEqualTo(chunkCount(changedVacation, EXPENSES));
    }

    @Test
    void documentsFinishedBeforeAFailureStayStored() {
        Ingestor ingestor = Ingestor.builder(new CountingModel(model, 1), store)
                .chunker(Chunker.recursive(15, 0))
                .batchSize(chunkCount(VACATION)) // the vacation document fills the first batch, which succeeds
                .build();

        assertThatThrownBy(() -> ingestor.ingest(List.of(VACATION, EXPENSES, SECURITY)))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.getCause()).isInstanceOf(ThrottledException.class);
                    assertThat(e.report().added()).containsExactly("vacation.md");
                    assertThat(e.documentId()).isEqualTo("expenses.md");
                });
        assertThat(store.ids()).isEqualTo(store.idsOf("vacation.md")).hasSize(chunkCount(VACATION));
        assertThat(ingestor.ledger().documentIds()).containsExactly("vacation.md");
    }

    @Test
    void continuingOnErrorRecordsTheFailureAndStoresTheRest() {
        Ingestor ingestor = ingestor().batchSize(100).continueOnError(true).build();
        model.enqueueError(new ThrottledException("slow down"));

        IngestReport first = ingestor.ingest(List.of(VACATION));
        IngestReport second = ingestor.ingest(List.of(VACATION, EXPENSES));

        assertThat(first.succeeded()).isFalse();
        assertThat(first.failed()).extracting(IngestFailure::documentId).containsExactly("vacation.md");
        assertThat(second.added()).containsExactly("vacation.md", "expenses.md");
        assertThat(second.succeeded()).isTrue();
    }

    @Test
    void aStoreFailureMidWriteKeepsTheOldVersionAndTheNextRunCleansUp() {
        Ingestor ingestor = ingestor().build();
        ingestor.ingest(List.of(VACATION));
        var oldIds = store.idsOf("vacation.md");
        Document changed = Document.of("vacation.md", "Vacation policy. Thirty days.\n\nNo carry over.\n\n"
                + "Ask your manager before booking.");
        assertThat(chunkCount(changed)).isGreaterThan(1);
        store.failAfter(1); // the second chunk of the new version cannot be written

        assertThatThrownBy(() -> ingestor.ingest(List.of(changed)))
                .isInstanceOf(IngestException.class).hasRootCauseMessage("disk full");

        assertThat(store.idsOf("vacation.md")).containsAll(oldIds).hasSize(oldIds.size() + 1);
        assertThat(ingestor.ledger().contentHash("vacation.md")).contains(VACATION.contentHash());
        assertThat(ingestor.ledger().unfinishedDocumentIds()).containsExactly("vacation.md");

        Document changedAgain = Document.of("vacation.md", "Vacation policy. Thirty-two days.");
        IngestReport retry = ingestor.ingest(List.of(changedAgain));

        assertThat(retry.updated()).containsExactly("vacation.md");
        assertThat(store.idsOf("vacation.md")).hasSize(chunkCount(changedAgain));
        assertThat(store.count()).isEqualTo(chunkCount(changedAgain));
        assertThat(ingestor.ledger().unfinishedDocumentIds()).isEmpty();
    }

    @Test
    void progressCountsDocumentsAndChunks() {
        List<IngestProgress> progress = new ArrayList<>();
        Ingestor ingestor = ingestor().batchSize(2).onProgress(progress::add).build();

        ingestor.ingest(List.of(VACATION, EXPENSES, SECURITY));

        IngestProgress last = progress.get(progress.size() - 1);
        assertThat(progress).hasSizeGreaterThan(2);
        assertThat(progress).extracting(IngestProgress::documentsDone).isSorted();
        assertThat(last.documentsDone()).isEqualTo(3);
        assertThat(last.documentsTotal()).isEqualTo(3);
        assertThat(last.chunksEmbedded()).isEqualTo(chunkCount(VACATION, EXPENSES, SECURITY));
        assertThat(last.line()).startsWith("3/3 documents, 0 failed, " + last.chunksEmbedded() + " chunks embedded, ")
                .contains("chunks/s");
    }

    @Test
    void duplicateIdsAreRefusedBeforeAnythingIsEmbedded() {
        Ingestor ingestor = ingestor().build();

        assertThatThrownBy(() -> ingestor.ingest(List.of(VACATION, Document.of("vacation.md", "other"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vacation.md");
        assertThat(model.calls()).isEmpty();
    }

    @Test
    void theModelAndStoreMustAgreeOnTheDimension() {
        assertThatThrownBy(() -> Ingestor.builder(FakeEmbeddingModel.create(8), InMemoryVectorStore.create(16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 dimensions but the store holds 16");
    }

    @Test
    void aPersistentStoreAndAFileLedgerSurviveARestart() throws Exception {
        Path vectors = dir.resolve("vectors");
        Path ledgerFile = dir.resolve("ledger.jsonl");
        try (PersistentVectorStore persistent = PersistentVectorStore.open(vectors, DIM);
             IngestLedger ledger = IngestLedger.open(ledgerFile)) {
            try (var files = Files.list(vectors)) {
                assertThat(files).containsExactly(vectors.resolve(WriterLock.DIRECTORY_LOCK_NAME));
            }
            Ingestor.builder(model, persistent).ledger(ledger).build().ingest(List.of(VACATION, EXPENSES));
            try (var files = Files.list(vectors)) {
                // the run saved the store before the ledger recorded the documents
                assertThat(files).contains(vectors.resolve("vectors.b4jv"));
            }
        }
        model.clear();
        try (PersistentVectorStore persistent = PersistentVectorStore.open(vectors, DIM);
             IngestLedger ledger = IngestLedger.open(ledgerFile)) {
            Ingestor ingestor = Ingestor.builder(model, persistent).ledger(ledger).build();

            IngestReport report = ingestor.sync(List.of(VACATION));

            assertThat(report.unchanged()).containsExactly("vacation.md");
            assertThat(report.deleted()).containsExactly("expenses.md");
            assertThat(model.calls()).isEmpty();
            assertThat(persistent.count()).isEqualTo(Chunker.recursive(300, 30).chunk(VACATION).size());
            KnowledgeBase kb = ingestor.knowledgeBase();
            assertThat(kb.retrieve("unused vacation days carry over").get(0).location().documentId()).isEqualTo("vacation.md");
        }
        try (IngestLedger ledger = IngestLedger.open(ledgerFile)) {
            assertThat(ledger.documentIds()).containsExactly("vacation.md");
        }
    }

    @Test
    void aLedgerFileDropsATornLastLineAndCompactsOldLines() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (IngestLedger ledger = IngestLedger.open(file)) {
            for (int i = 0; i < 200; i++) {
                ledger.markPending("doc", new IngestLedger.Version("h" + i, 1));
                ledger.markCommitted("doc", new IngestLedger.Version("h" + i, 1));
            }
        }
        Files.writeString(file, "{\"doc\":\"other\",\"sta", java.nio.file.StandardOpenOption.APPEND);

        try (IngestLedger ledger = IngestLedger.open(file)) {
            assertThat(ledger.documentIds()).containsExactly("doc");
            assertThat(ledger.contentHash("doc")).contains("h199");
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }
}
