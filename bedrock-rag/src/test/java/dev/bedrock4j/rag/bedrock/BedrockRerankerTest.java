package dev.bedrock4j.rag.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.RagAnswerer;
import dev.bedrock4j.rag.Reranker;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SourceLocation;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.FakeBedrockAgentRuntimeClient;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankSource;
import software.amazon.awssdk.services.bedrockagentruntime.model.ValidationException;

/** Bedrock's Rerank through the real agent-runtime SDK client against the local server. */
class BedrockRerankerTest {
    private static final String REGION_ARN = "arn:aws:bedrock:eu-central-1::foundation-model/";
    private static final LocalBedrockServer server = LocalBedrockServer.start();
    private static final BedrockAgentRuntimeClient client = BedrockAgentRuntimeClient.builder()
            .endpointOverride(server.endpoint()).region(Region.EU_CENTRAL_1)
            .credentialsProvider(BedrockKnowledgeBaseTest.CREDENTIALS).build();
    private final BedrockReranker reranker = BedrockReranker.of(client, BedrockReranker.AMAZON_RERANK);

    @BeforeEach
    void reset() {
        server.reset();
    }

    @AfterAll
    static void close() {
        client.close();
        server.close();
    }

    static RetrievedChunk passage(String id, String text, double score) {
        return new RetrievedChunk(text, score, SourceLocation.of(id), Map.of("id", id));
    }

    private JsonNode lastRerank() {
        List<RecordedRequest> requests = server.requests(BedrockOperation.RERANK);
        return requests.get(requests.size() - 1).json();
    }

    @Test
    void passagesComeBackInTheModelsOrderWithItsScoresAndTheirOwnLocations() {
        List<RetrievedChunk> candidates = List.of(
                passage("a", "The cafeteria opens at eight.", 0.9),
                passage("b", "Parental leave lasts sixteen weeks for parents.", 0.5),
                passage("c", "Parental benefits are described elsewhere.", 0.4));

        List<RetrievedChunk> best = reranker.rerank("how long is parental leave", candidates, 2);

        assertThat(best).extracting(p -> p.location().source()).containsExactly("b", "c");
        assertThat(best.get(0).score()).isGreaterThan(best.get(1).score()).isLessThanOrEqualTo(1.0);
        assertThat(best.get(0).metadata()).containsEntry("id", "b");
        JsonNode body = lastRerank();
        assertThat(body.at("/rerankingConfiguration/bedrockRerankingConfiguration/modelConfiguration/modelArn").asText())
                .isEqualTo(REGION_ARN + BedrockReranker.AMAZON_RERANK);
        assertThat(body.at("/rerankingConfiguration/bedrockRerankingConfiguration/numberOfResults").asInt()).isEqualTo(2);
        assertThat(body.path("sources")).hasSize(3);
    }

    @Test
    void moreThanAThousandPassagesGoInBatchesAndTheBestOfAllBatchesWins() {
        List<RetrievedChunk> candidates = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            candidates.add(passage("filler-" + i, "Unrelated filler text number " + i + ".", 0.1));
        }
        candidates.add(passage("answer", "Passwords need fourteen characters.", 0.05));

        List<RetrievedChunk> best = reranker.rerank("how many characters do passwords need", candidates, 3);

        assertThat(best.get(0).location().source()).isEqualTo("answer");
        assertThat(best).hasSize(3);
        assertThat(server.requests(BedrockOperation.RERANK)).hasSize(2)
                .extracting(r -> r.json().path("sources").size()).containsExactly(1000, 501);
    }

    @Test
    void badInputFailsBeforeAnyCall() {
        List<RetrievedChunk> one = List.of(passage("a", "text", 1));
        assertThatThrownBy(() -> BedrockReranker.of(client, "amazon.rerank-v2:0"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a reranking model")
                .hasMessageContaining("amazon.rerank-v1:0");
        assertThatThrownBy(() -> BedrockReranker.of(client, "amazon.titan-embed-text-v2:0"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> reranker.rerank(" ", one, 1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> reranker.rerank("q", one, 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("topN");
        assertThatThrownBy(() -> reranker.rerank("q", List.of(passage("empty", "", 1)), 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("passage 0");
        assertThatThrownBy(() -> reranker.rerank("q", List.of(passage("long", "x".repeat(32_001), 1)), 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("32000");
        assertThatThrownBy(() -> reranker.rerank("q".repeat(32_001), one, 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("query");
        assertThat(reranker.rerank("q", List.of(), 3)).isEmpty();
        assertThat(server.requests(BedrockOperation.RERANK)).isEmpty();
    }

    @Test
    void anArnIsKeptAsGivenAndAClientWithoutRegionNeedsOne() {
        String arn = "arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0";
        assertThat(BedrockReranker.of(client, arn).modelArn()).isEqualTo(arn);
        FakeBedrockAgentRuntimeClient noRegion = FakeBedrockAgentRuntimeClient.create();
        assertThatThrownBy(() -> BedrockReranker.of(noRegion, BedrockReranker.COHERE_RERANK))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("region");
        noRegion.enqueue(FakeBedrockAgentRuntimeClient.reranked(1, 0));
        List<RetrievedChunk> best = BedrockReranker.of(noRegion, arn)
                .rerank("q", List.of(passage("a", "one", 1), passage("b", "two", 0.5)), 2);
        assertThat(best).extracting(p -> p.location().source()).containsExactly("b", "a");
        assertThat(noRegion.rerankRequests()).hasSize(1);
    }

    @Test
    void theServerRefusesWhatBedrockRefuses() {
        RerankSource source = RerankSource.builder().type("INLINE")
                .inlineDocumentSource(d -> d.type("TEXT").textDocument(t -> t.text("text"))).build();
        RerankRequest notARerankModel = RerankRequest.builder()
                .queries(q -> q.type("TEXT").textQuery(t -> t.text("q")))
                .sources(source)
                .rerankingConfiguration(c -> c.type("BEDROCK_RERANKING_MODEL").bedrockRerankingConfiguration(b -> b
                        .modelConfiguration(m -> m.modelArn(REGION_ARN + "amazon.titan-embed-text-v2:0"))))
                .build();
        assertThatThrownBy(() -> client.rerank(notARerankModel)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("reranking model");
        List<RerankSource> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(source);
        }
        assertThatThrownBy(() -> client.rerank(notARerankModel.toBuilder().sources(tooMany).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sources");
        assertThatThrownBy(() -> client.rerank(notARerankModel.toBuilder().rerankingConfiguration(c -> c
                        .type("BEDROCK_RERANKING_MODEL").bedrockRerankingConfiguration(b -> b.numberOfResults(0)
                                .modelConfiguration(m -> m.modelArn(REGION_ARN + BedrockReranker.COHERE_RERANK)))).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("numberOfResults");
    }

    @Test
    void aLocalKnowledgeBaseAndAnAnswererRerankTheirCandidates() {
        FakeEmbeddingModel embeddings = FakeEmbeddingModel.create(64);
        InMemoryVectorStore store = InMemoryVectorStore.create(64);
        Ingestor.builder(embeddings, store).build().ingest(List.of(
                Document.of("leave", "Parental leave lasts sixteen weeks."),
                Document.of("cafe", "The cafeteria serves lunch from noon."),
                Document.of("badge", "Report a lost badge to security.")));
        KnowledgeBase reranked = KnowledgeBase.of(embeddings, store, reranker);

        List<RetrievedChunk> hits = reranked.retrieve("how long is parental leave", RetrievalOptions.top(1));

        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.location().documentId()).isEqualTo("leave"));
        assertThat(lastRerank().path("sources")).hasSize(3); // four times top 1, capped by the store's three chunks

        FakeChatModel model = FakeChatModel.create().enqueueText("Sixteen weeks [1].");
        RagAnswerer answerer = RagAnswerer.builder(KnowledgeBase.of(embeddings, store), model)
                .retrieval(RetrievalOptions.top(1)).reranker(reranker).build();
        assertThat(answerer.ask("how long is parental leave").passages())
                .extracting(p -> p.location().documentId()).containsExactly("leave");
        ChatRequest sent = model.lastRequest();
        assertThat(sent.lastUserText()).contains("Parental leave lasts sixteen weeks.").doesNotContain("cafeteria");
    }

    @Test
    void theKeywordRerankerNeedsAQueryAndKeepsAtMostTopN() {
        List<RetrievedChunk> candidates = List.of(passage("a", "alpha", 1), passage("b", "beta gamma", 0.5),
                passage("c", "gamma delta beta", 0.2));
        assertThat(Reranker.keywords().rerank("beta gamma", candidates, 2)).extracting(p -> p.location().source())
                .containsExactly("b", "a");
        assertThatThrownBy(() -> Reranker.keywords().rerank("", candidates, 1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Reranker.keywords().rerank("q", candidates, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRerankingIsIndependent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RetrievedChunk>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String word = "topic" + i;
                futures.add(pool.submit(() -> reranker.rerank(word, List.of(passage("x", "nothing here", 1),
                        passage(word, "all about " + word, 0.1)), 1)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).extracting(p -> p.location().source()).containsExactly("topic" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
