package dev.bedrock4j.rag.ingest;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingestion in its own JVM: {@code <store directory> <ledger file> <prefix> <documents>} ingests that many
 * documents into a persistent store with a file ledger, says {@code INGESTED <chunks>} once the run returned,
 * then {@code HELD}, and keeps both open until a line arrives on its standard input. An ingestion that meets
 * another writer says {@code IN_USE <message>} and exits {@value #IN_USE_STATUS}.
 */
public final class IngestMain {
    static final int DIM = 64;
    static final int IN_USE_STATUS = 3;

    private IngestMain() {
    }

    static List<Document> documents(String prefix, int n) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                text.append("Paragraph ").append(p).append(" of ").append(prefix).append(" document ").append(i)
                        .append(" says something about topic ").append((i * 7 + p) % 13).append(".\n\n");
            }
            documents.add(Document.of(prefix + "-" + i + ".md", text.toString()));
        }
        return documents;
    }

    public static void main(String[] args) throws IOException {
        PersistentVectorStore store;
        IngestLedger ledger;
        try {
            store = PersistentVectorStore.open(Path.of(args[0]), DIM);
            ledger = IngestLedger.open(Path.of(args[1]));
        } catch (FileInUseException e) {
            System.out.println("IN_USE " + e.getMessage());
            System.out.flush();
            System.exit(IN_USE_STATUS);
            return;
        }
        IngestReport report = Ingestor.builder(FakeEmbeddingModel.create(DIM), store).ledger(ledger).build()
                .ingest(documents(args[2], Integer.parseInt(args[3])));
        System.out.println("INGESTED " + report.chunksEmbedded());
        System.out.println("HELD pid " + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        ledger.close();
        store.close();
        System.out.println("RELEASED");
    }
}
