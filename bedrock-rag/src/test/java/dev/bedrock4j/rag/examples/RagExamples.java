package dev.bedrock4j.rag.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.AnswerCitation;
import dev.bedrock4j.rag.AnswerConversation;
import dev.bedrock4j.rag.Answerer;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.RagAnswerer;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SearchType;
import dev.bedrock4j.rag.SourceLocation;
import dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase;
import dev.bedrock4j.rag.bedrock.GenerationOptions;
import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.document.DocumentFormat;
import dev.bedrock4j.rag.document.DocumentLimitException;
import dev.bedrock4j.rag.document.DocumentLoader;
import dev.bedrock4j.rag.document.LoadReport;
import dev.bedrock4j.rag.ingest.IngestLedger;
import dev.bedrock4j.rag.ingest.IngestReport;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.rag.store.SearchResult;
import dev.bedrock4j.rag.store.VectorStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

/**
 * The Javadoc examples of the RAG module (documents, chunking, ingestion, knowledge bases, answers), compiled
 * so that they stay correct. Each method holds the snippet of the type it is named after.
 */
@SuppressWarnings("unused")
final class RagExamples {
    private static final Logger log = LoggerFactory.getLogger(RagExamples.class);

    // --- stand-ins for the application objects the snippets use ---
    private Bedrock bedrock;
    private EmbeddingModel model;
    private VectorStore store;
    private List<Document> documents;
    private Document document;
    private Ingestor ingestor;
    private KnowledgeBase knowledgeBase;
    private Answerer answerer;
    private RetrievedChunk chunk;
    private BedrockKnowledgeBase bedrockKnowledgeBase;

    void document() {
        Document memo = Document.of("memo-7", "Offices close at 5 pm on Fridays.",
                Map.of(Document.SOURCE, "memos/memo-7.txt", Document.TITLE, "Friday hours"));
        Document manual = Document.ofPages("manual", List.of("Page one text.", "Page two text."),
                Map.of(Document.SOURCE, "manual.pdf"));
        manual.pageAt(manual.text().indexOf("two"));   // 2
    }

    void documentFormat() {
        DocumentFormat.forFileName("handbook.PDF");   // Optional[PDF]
    }

    void documentLoader() {
        DocumentLoader loader = DocumentLoader.create();                  // 50 MiB per document, no URLs
        Document handbook = loader.load(Path.of("docs/handbook.pdf"));    // pages and title from the PDF
        List<Document> all = loader.loadAll(Path.of("docs"));             // every supported file below docs/
        Document faq = loader.parse("faq", "# FAQ\n\nReturns are free.", DocumentFormat.MARKDOWN);

        DocumentLoader web = DocumentLoader.builder().allowUrlFetching(true).build();
        Document page = web.load(URI.create("https://example.com/returns.html"));

        DocumentLoader uploads = DocumentLoader.builder().maxPages(500).maxDecodedBytes(64L << 20).build();
        LoadReport checked = uploads.tryLoadAll(Path.of("uploads"));      // goes on past bad files, says why
    }

    void loadReport() {
        LoadReport report = DocumentLoader.create().tryLoadAll(Path.of("uploads"));
        ingestor.ingest(report.documents());
        report.failures().forEach(f -> log.warn("skipped {}: {}", f.path(), f.reason()));
    }

    void tryLoadAll(DocumentLoader loader) {
        LoadReport report = DocumentLoader.create().tryLoadAll(Path.of("uploads"));
        report.failures().forEach(f -> log.warn("skipped {}: {}", f.path(), f.reason()));
    }

    void documentLimitException(DocumentLoader loader, Path upload) {
        try {
            loader.load(upload);
        } catch (DocumentLimitException e) {
            log.warn("refused {}: {} {} over {}", e.document(), e.limit(), e.value(), e.maximum());
        }
    }

    void chunk() {
        for (Chunk chunk : Chunker.recursive(300, 30).chunk(document)) {
            assert chunk.text().equals(document.text().substring(chunk.start(), chunk.end()));
        }
    }

    void chunker() {
        Chunker windows = Chunker.fixed(200, 40);      // 200-token windows, 40 tokens shared by neighbours
        Chunker natural = Chunker.recursive(300, 30);  // up to 300 tokens, cut at paragraphs, sentences, words
        List<Chunk> chunks = natural.chunk(document);
    }

    void ingestor() {
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
        try (PersistentVectorStore store = PersistentVectorStore.open(Path.of("data/vectors"), titan.dimension());
             IngestLedger ledger = IngestLedger.open(Path.of("data/vectors/ledger.jsonl"))) {
            Ingestor ingestor = Ingestor.builder(titan, store)
                    .ledger(ledger)
                    .chunker(Chunker.recursive(300, 30))
                    .onProgress(p -> System.out.println(p.line()))
                    .build();
            IngestReport report = ingestor.sync(DocumentLoader.create().loadAll(Path.of("docs")));
            KnowledgeBase kb = ingestor.knowledgeBase();
        }
    }

    void persistentVectorStore(float[] queryVector) {
        PersistentVectorStore snapshot = PersistentVectorStore.builder(Path.of("data/vectors"), 1024).readOnly().open();
        List<SearchResult> hits = snapshot.search(queryVector, 5);   // what the writer had saved when it was opened
    }

    void ingestLedger() {
        try (IngestLedger ledger = IngestLedger.open(Path.of("data/ledger.jsonl"))) {
            Ingestor ingestor = Ingestor.builder(model, store).ledger(ledger).build();
            ingestor.ingest(documents);
            ledger.contentHash("handbook.pdf");          // the hash of the stored version
        }
    }

    void ingestProgress() {
        Ingestor.builder(model, store).onProgress(p -> log.info(p.line())).build();
    }

    void ingestReport() {
        IngestReport report = ingestor.sync(documents);
        System.out.println(report.summary());
    }

    void knowledgeBase() {
        EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
        VectorStore store = InMemoryVectorStore.create(titan.dimension());
        Ingestor.builder(titan, store).build().ingest(DocumentLoader.create().loadAll(Path.of("docs")));

        KnowledgeBase kb = KnowledgeBase.of(titan, store);
        for (RetrievedChunk hit : kb.retrieve("How many vacation days do I get?", RetrievalOptions.top(3))) {
            System.out.println(hit.location().label() + ": " + hit.text());
        }
    }

    void retrievalOptions() {
        RetrievalOptions options = RetrievalOptions.top(3)
                .withFilter(Filter.eq("department", "hr"))
                .withSearchType(SearchType.HYBRID);
        List<RetrievedChunk> hits = knowledgeBase.retrieve("parental leave", options);
    }

    void retrievedChunk() {
        for (RetrievedChunk hit : knowledgeBase.retrieve("How many vacation days do I get?")) {
            System.out.printf("%.2f %s%n", hit.score(), hit.location().label());
        }
    }

    void sourceLocation() {
        SourceLocation where = chunk.location();
        System.out.println(where.label());   // "handbook.pdf, page 3, characters 4120-4980"
    }

    void answer() {
        Answer answer = answerer.ask("How many vacation days do I get?");
        System.out.println(answer.text());                       // "Employees get 25 days a year [1]."
        for (RetrievedChunk source : answer.citedPassages()) {
            System.out.println(" - " + source.location().label());  // " - handbook.pdf, page 2, characters 812-1240"
        }
    }

    void answerCitation() {
        Answer answer = answerer.ask("How many vacation days do I get?");
        for (AnswerCitation citation : answer.citations()) {
            System.out.println("[" + citation.number() + "] \"" + citation.text() + "\" <- "
                    + citation.passage().location().label());
        }
    }

    void answerer() {
        Answer answer = answerer.ask("How many vacation days do I get?");
        Answer streamed = answerer.ask("And how do I book them?", System.out::print);  // text as it is generated

        AnswerConversation chat = answerer.conversation();
        chat.ask("What is the refund policy?");
        chat.ask("Does it apply to sale items?");    // understood in the context of the first question
    }

    void answerConversation() {
        AnswerConversation chat = answerer.conversation();
        chat.ask("Where is my order A-1042?");
        Answer answer = chat.ask("Cancel it, please. How?");
        answer.searchQuery();    // for example "How do I cancel order A-1042?"
    }

    void ragAnswerer() {
        EmbeddingModel titan = model;
        KnowledgeBase kb = KnowledgeBase.of(titan, store);
        RagAnswerer answerer = RagAnswerer.builder(kb, bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0"))
                .retrieval(RetrievalOptions.top(4))
                .maxTokens(500)
                .build();
        Answer answer = answerer.ask("How many vacation days do I get?");
        answer.citations().forEach(c -> System.out.println(c.number() + " " + c.passage().location().label()));
    }

    void bedrockKnowledgeBase() {
        BedrockAgentRuntimeClient client = BedrockAgentRuntimeClient.create();
        BedrockKnowledgeBase kb = BedrockKnowledgeBase.of(client, "KB12345678");

        List<RetrievedChunk> hits = kb.retrieve("parental leave", RetrievalOptions.top(3)
                .withFilter(Filter.eq("department", "hr")).withSearchType(SearchType.HYBRID));

        Answer answer = kb.retrieveAndGenerate("How long is parental leave?",
                GenerationOptions.model("anthropic.claude-3-haiku-20240307-v1:0"));
        answer.citations().forEach(c -> System.out.println(c.text() + " <- " + c.passage().location().source()));
    }

    void generationOptions() {
        BedrockKnowledgeBase knowledgeBase = bedrockKnowledgeBase;
        GenerationOptions options = GenerationOptions.model("anthropic.claude-3-haiku-20240307-v1:0")
                .withRetrieval(RetrievalOptions.top(4).withSearchType(SearchType.HYBRID))
                .withMaxTokens(400)
                .withTemperature(0.2);
        Answer answer = knowledgeBase.retrieveAndGenerate("What is the refund policy?", options);
        Answer next = knowledgeBase.retrieveAndGenerate("Does it cover sale items?",
                options.withSessionId(answer.sessionId()));
    }
}
