package dev.bedrock4j.rag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.rag.bedrock.BedrockReranker;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

/**
 * Retrieval quality on a small labelled corpus: twelve company documents and twelve questions, each labelled
 * with the document that answers it. The fake embeddings are hashing-trick vectors, which reward shared words,
 * so the questions use some of their answer's words, as users' questions often do.
 */
class RetrievalQualityTest {
    /** The labelled corpus, shared with the recall runner of bedrock-bench. */
    static final JsonNode LABELLED = load();
    static final List<Document> CORPUS = documents();
    /** Question, id of the document that answers it. */
    static final List<Map.Entry<String, String>> QUESTIONS = questions();

    private static JsonNode load() {
        try (InputStream in = RetrievalQualityTest.class.getResourceAsStream("labelled-corpus.json")) {
            return JsonSupport.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        LABELLED.path("documents").forEach(d -> documents.add(Document.of(d.path("id").asText(), d.path("text").asText())));
        return List.copyOf(documents);
    }

    private static List<Map.Entry<String, String>> questions() {
        List<Map.Entry<String, String>> questions = new ArrayList<>();
        LABELLED.path("questions").forEach(q -> questions.add(Map.entry(q.path("question").asText(), q.path("answer").asText())));
        return List.copyOf(questions);
    }

    static double recallAt3(KnowledgeBase kb) {
        int found = 0;
        for (Map.Entry<String, String> question : QUESTIONS) {
            List<RetrievedChunk> hits = kb.retrieve(question.getKey(), RetrievalOptions.top(3));
            if (hits.stream().anyMatch(hit -> hit.location().documentId().equals(question.getValue()))) {
                found++;
            }
        }
        return (double) found / QUESTIONS.size();
    }

    static KnowledgeBase ingested(Chunker chunker) {
        FakeEmbeddingModel model = FakeEmbeddingModel.create(512);
        InMemoryVectorStore store = InMemoryVectorStore.create(512);
        Ingestor ingestor = Ingestor.builder(model, store).chunker(chunker).build();
        ingestor.ingest(CORPUS);
        return ingestor.knowledgeBase();
    }

    @Test
    void recallAtThreeIsHighWithWholeDocumentChunks() {
        assertThat(recallAt3(ingested(Chunker.recursive(200, 0)))).isGreaterThanOrEqualTo(11.0 / 12);
    }

    @Test
    void recallAtThreeStaysHighWithSentenceSizedChunks() {
        assertThat(recallAt3(ingested(Chunker.recursive(20, 5)))).isGreaterThanOrEqualTo(11.0 / 12);
    }

    @Test
    void hybridSearchKeepsTheRecall() {
        KnowledgeBase kb = ingested(Chunker.recursive(200, 0));
        int found = 0;
        for (Map.Entry<String, String> question : QUESTIONS) {
            List<RetrievedChunk> hits = kb.retrieve(question.getKey(),
                    RetrievalOptions.top(3).withSearchType(SearchType.HYBRID));
            assertThat(hits).hasSizeLessThanOrEqualTo(3);
            if (hits.stream().anyMatch(hit -> hit.location().documentId().equals(question.getValue()))) {
                found++;
            }
        }
        assertThat((double) found / QUESTIONS.size()).isGreaterThanOrEqualTo(11.0 / 12);
    }

    @Test
    void rerankingDoesNotLowerTheRecall() {
        for (Chunker chunker : List.of(Chunker.recursive(200, 0), Chunker.recursive(20, 5))) {
            KnowledgeBase kb = ingested(chunker);
            double plain = recallAt3(kb);
            assertThat(recallAt3(kb.withReranker(Reranker.keywords()))).isGreaterThanOrEqualTo(plain);
            try (LocalBedrockServer server = LocalBedrockServer.start();
                 BedrockAgentRuntimeClient client = BedrockAgentRuntimeClient.builder().endpointOverride(server.endpoint())
                         .region(Region.US_EAST_1)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                         .build()) {
                assertThat(recallAt3(kb.withReranker(BedrockReranker.of(client, BedrockReranker.AMAZON_RERANK))))
                        .isGreaterThanOrEqualTo(plain);
            }
        }
    }
}
