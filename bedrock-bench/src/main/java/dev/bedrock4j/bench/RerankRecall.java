package dev.bedrock4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.Reranker;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SearchType;
import dev.bedrock4j.rag.bedrock.BedrockReranker;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

/**
 * Recall@3 (and recall@1) of the labelled RAG corpus (bedrock-rag's {@code labelled-corpus.json}: twelve documents, twelve
 * questions each labelled with the document that answers it) with and without reranking, offline: the testkit's
 * hashing-trick embeddings (512 dimensions) in an in-memory store, with whole-document and sentence-sized
 * chunks. Rerankers: none, hybrid search, the local keyword reranker, and {@code Rerank} through the real
 * agent-runtime SDK client against the testkit's local server (whose reranking model scores by lexical overlap:
 * it measures the plumbing and the batching, not Amazon Rerank's quality). Deterministic: no timing.
 *
 * <pre>
 * java -cp bedrock-bench/target/benchmarks.jar dev.bedrock4j.bench.RerankRecall [path/to/labelled-corpus.json]
 * </pre>
 */
public final class RerankRecall {
    static final Path DEFAULT_CORPUS = Path.of("bedrock-rag/src/test/resources/dev/bedrock4j/rag/labelled-corpus.json");
    static final int DIMENSION = 512;

    private RerankRecall() {
    }

    /**
     * Prints the table.
     *
     * @param args the corpus file, optionally
     * @throws IOException if the corpus cannot be read
     */
    public static void main(String[] args) throws IOException {
        JsonNode labelled = JsonSupport.parse(Files.readAllBytes(args.length > 0 ? Path.of(args[0]) : DEFAULT_CORPUS));
        List<Document> documents = new ArrayList<>();
        labelled.path("documents").forEach(d -> documents.add(Document.of(d.path("id").asText(), d.path("text").asText())));
        List<Map.Entry<String, String>> questions = new ArrayList<>();
        labelled.path("questions").forEach(q -> questions.add(Map.entry(q.path("question").asText(), q.path("answer").asText())));

        try (LocalBedrockServer server = LocalBedrockServer.start();
             BedrockAgentRuntimeClient client = BedrockAgentRuntimeClient.builder().endpointOverride(server.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .build()) {
            Reranker bedrock = BedrockReranker.of(client, BedrockReranker.AMAZON_RERANK);
            System.out.printf("%d documents, %d questions%n", documents.size(), questions.size());
            System.out.println("| chunks | k | no reranking | hybrid search | keyword reranker | Bedrock Rerank (local server) |");
            System.out.println("|---|---|---|---|---|---|");
            for (Map.Entry<String, Chunker> chunking : List.of(Map.entry("whole documents (200, 0)", Chunker.recursive(200, 0)),
                    Map.entry("sentences (20, 5)", Chunker.recursive(20, 5)))) {
                FakeEmbeddingModel model = FakeEmbeddingModel.create(DIMENSION);
                InMemoryVectorStore store = InMemoryVectorStore.create(DIMENSION);
                Ingestor ingestor = Ingestor.builder(model, store).chunker(chunking.getValue()).build();
                ingestor.ingest(documents);
                KnowledgeBase kb = ingestor.knowledgeBase();
                for (int k : new int[] {3, 1}) {
                    System.out.printf("| %s | %d | %s | %s | %s | %s |%n", chunking.getKey(), k,
                            recall(kb, questions, SearchType.DEFAULT, k), recall(kb, questions, SearchType.HYBRID, k),
                            recall(kb.withReranker(Reranker.keywords()), questions, SearchType.DEFAULT, k),
                            recall(kb.withReranker(bedrock), questions, SearchType.DEFAULT, k));
                }
            }
        }
    }

    private static String recall(KnowledgeBase kb, List<Map.Entry<String, String>> questions, SearchType type, int k) {
        int found = 0;
        for (Map.Entry<String, String> question : questions) {
            List<RetrievedChunk> hits = kb.retrieve(question.getKey(), RetrievalOptions.top(k).withSearchType(type));
            if (hits.stream().anyMatch(hit -> hit.location().documentId().equals(question.getValue()))) {
                found++;
            }
        }
        return String.format("%.3f (%d/%d)", (double) found / questions.size(), found, questions.size());
    }
}
