package dev.bedrock4j.rag.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelTimeoutException;
import dev.bedrock4j.core.ResourceNotFoundException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.AnswerCitation;
import dev.bedrock4j.rag.AnswerConversation;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SearchType;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

/** The real agent-runtime SDK clients against the testkit's local Bedrock server. */
class BedrockKnowledgeBaseTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static final LocalBedrockServer server = LocalBedrockServer.start();
    private static final BedrockAgentRuntimeClient client = BedrockAgentRuntimeClient.builder()
            .endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
    private static final BedrockAgentRuntimeAsyncClient asyncClient = BedrockAgentRuntimeAsyncClient.builder()
            .endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
    private final BedrockKnowledgeBase kb = BedrockKnowledgeBase.builder("KB123").client(client)
            .asyncClient(asyncClient).build();

    @BeforeEach
    void knowledgeBase() {
        server.reset();
        server.knowledgeBase("KB123")
                .add("returns", "Items can be returned within 30 days of delivery. Refunds take five days.",
                        Map.of("category", "policy", "x-amz-bedrock-kb-source-uri", "s3://docs/returns.pdf",
                                "x-amz-bedrock-kb-document-page-number", 2))
                .add("shipping", "Orders ship within one business day. Shipping is free above fifty euros.",
                        Map.of("category", "policy", "region", "eu"))
                .add("careers", "We are hiring engineers in Berlin. Apply online.", Map.of("category", "jobs"));
    }

    @AfterAll
    static void close() {
        client.close();
        asyncClient.close();
        server.close();
    }

    private JsonNode lastBody(BedrockOperation operation) {
        List<dev.bedrock4j.testkit.RecordedRequest> requests = server.requests(operation);
        return requests.get(requests.size() - 1).json();
    }

    @Test
    void retrieveMapsPassagesWithSourcePageScoreAndMetadata() {
        List<RetrievedChunk> hits = kb.retrieve("can items be returned after delivery", RetrievalOptions.top(2));

        assertThat(hits).hasSize(2);
        RetrievedChunk best = hits.get(0);
        assertThat(best.text()).startsWith("Items can be returned within 30 days");
        assertThat(best.location().source()).isEqualTo("s3://docs/returns.pdf");
        assertThat(best.location().page()).isEqualTo(2);
        assertThat(best.location().hasOffsets()).isFalse();
        assertThat(best.score()).isBetween(0.0, 1.0).isGreaterThan(hits.get(1).score());
        assertThat(best.metadata()).containsEntry("category", "policy").containsEntry("x-amz-bedrock-kb-document-page-number", "2");
        assertThat(hits.get(1).location().source()).isEqualTo("shipping"); // a custom location's id
        JsonNode search = lastBody(BedrockOperation.RETRIEVE).path("retrievalConfiguration").path("vectorSearchConfiguration");
        assertThat(search.path("numberOfResults").asInt()).isEqualTo(2);
        assertThat(search.has("overrideSearchType")).isFalse();
        assertThat(search.has("filter")).isFalse();
    }

    @Test
    void filtersAndSearchTypeTranslateToBedrocksShapes() {
        List<RetrievedChunk> hits = kb.retrieve("orders and returns", RetrievalOptions.top(5)
                .withFilter(Filter.eq("category", "policy").and(Filter.in("region", "eu", "us").negate()))
                .withSearchType(SearchType.HYBRID));

        assertThat(hits).extracting(h -> h.location().documentId()).containsExactly("s3://docs/returns.pdf");
        JsonNode search = lastBody(BedrockOperation.RETRIEVE).path("retrievalConfiguration").path("vectorSearchConfiguration");
        assertThat(search.path("overrideSearchType").asText()).isEqualTo("HYBRID");
        assertThat(search.path("filter")).isEqualTo(JsonSupport.parse("{\"andAll\":["
                + "{\"equals\":{\"key\":\"category\",\"value\":\"policy\"}},"
                + "{\"notIn\":{\"key\":\"region\",\"value\":[\"eu\",\"us\"]}}]}"));
    }

    @Test
    void bedrockRerankingIsSentWithTheModelArnAndKeepsTheRerankedCount() {
        BedrockKnowledgeBase reranking = BedrockKnowledgeBase.builder("KB123").client(client)
                .reranking(BedrockReranker.COHERE_RERANK, 1).build();

        List<RetrievedChunk> hits = reranking.retrieve("are engineers hired in Berlin", RetrievalOptions.top(3));

        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.text()).startsWith("We are hiring engineers"));
        JsonNode rerank = lastBody(BedrockOperation.RETRIEVE).at("/retrievalConfiguration/vectorSearchConfiguration")
                .path("rerankingConfiguration");
        assertThat(rerank.path("type").asText()).isEqualTo("BEDROCK_RERANKING_MODEL");
        assertThat(rerank.at("/bedrockRerankingConfiguration/modelConfiguration/modelArn").asText())
                .isEqualTo("arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0");
        assertThat(rerank.at("/bedrockRerankingConfiguration/numberOfRerankedResults").asInt()).isEqualTo(1);

        reranking.retrieveAndGenerate("are engineers hired in Berlin", GenerationOptions.model(MODEL));
        assertThat(lastBody(BedrockOperation.RETRIEVE_AND_GENERATE).at("/retrieveAndGenerateConfiguration"
                + "/knowledgeBaseConfiguration/retrievalConfiguration/vectorSearchConfiguration/rerankingConfiguration"
                + "/type").asText()).isEqualTo("BEDROCK_RERANKING_MODEL");
    }

    @Test
    void badRerankingSettingsFailWhenBuilding() {
        assertThatThrownBy(() -> BedrockKnowledgeBase.builder("KB123").client(client).reranking("cohere.rerank-v3:0", 3))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a reranking model");
        assertThatThrownBy(() -> BedrockKnowledgeBase.builder("KB123").client(client)
                .reranking(BedrockReranker.AMAZON_RERANK, 101))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rerankedResults");
        assertThat(server.requests(BedrockOperation.RETRIEVE)).isEmpty();
    }

    @Test
    void negatedConjunctionsFollowDeMorgan() {
        kb.retrieve("anything", RetrievalOptions.top(3)
                .withFilter(Filter.eq("category", "jobs").or(Filter.eq("region", "eu")).negate()));

        JsonNode filter = lastBody(BedrockOperation.RETRIEVE).path("retrievalConfiguration")
                .path("vectorSearchConfiguration").path("filter");
        assertThat(filter).isEqualTo(JsonSupport.parse("{\"andAll\":["
                + "{\"notEquals\":{\"key\":\"category\",\"value\":\"jobs\"}},"
                + "{\"notEquals\":{\"key\":\"region\",\"value\":\"eu\"}}]}"));
        assertThatThrownBy(() -> kb.retrieve("x", RetrievalOptions.top(1).withFilter(Filter.all().negate())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("matches nothing");
    }

    /** The code an application writes once, run against either implementation. */
    static String bestSource(KnowledgeBase knowledgeBase, String question) {
        return knowledgeBase.retrieve(question, RetrievalOptions.top(1)).get(0).location().documentId();
    }

    @Test
    void theSameCodeRunsAgainstALocalAndABedrockKnowledgeBase() {
        FakeEmbeddingModel embeddings = FakeEmbeddingModel.create(512);
        InMemoryVectorStore store = InMemoryVectorStore.create(512);
        Ingestor ingestor = Ingestor.builder(embeddings, store).build();
        ingestor.ingest(List.of(
                Document.of("returns", "Items can be returned within 30 days of delivery. Refunds take five days."),
                Document.of("shipping", "Orders ship within one business day. Shipping is free above fifty euros."),
                Document.of("careers", "We are hiring engineers in Berlin. Apply online.")));
        BedrockKnowledgeBase managed = BedrockKnowledgeBase.of(client, "KB123");

        for (String question : List.of("is shipping free", "are you hiring engineers", "how long do refunds take")) {
            String local = bestSource(ingestor.knowledgeBase(), question);
            String bedrock = bestSource(managed, question);
            assertThat(bedrock).isEqualTo(local.equals("returns") ? "s3://docs/returns.pdf" : local);
        }
    }

    @Test
    void retrieveAndGenerateMapsCitationsToTheirPassages() {
        Answer answer = kb.retrieveAndGenerate("can items be returned", GenerationOptions.model(MODEL)
                .withRetrieval(RetrievalOptions.top(2)));

        assertThat(answer.sessionId()).isNotBlank();
        assertThat(answer.text()).startsWith("Items can be returned within 30 days of delivery.");
        assertThat(answer.citations()).hasSize(2);
        AnswerCitation first = answer.citations().get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.text()).isEqualTo("Items can be returned within 30 days of delivery.");
        assertThat(answer.text().substring(first.start(), first.end())).isEqualTo(first.text());
        assertThat(first.passage().location().source()).isEqualTo("s3://docs/returns.pdf");
        assertThat(first.passage().location().page()).isEqualTo(2);
        assertThat(answer.passages()).hasSize(2);
        assertThat(answer.citedPassages()).isEqualTo(answer.passages());
        JsonNode request = lastBody(BedrockOperation.RETRIEVE_AND_GENERATE);
        JsonNode configuration = request.path("retrieveAndGenerateConfiguration");
        assertThat(configuration.path("type").asText()).isEqualTo("KNOWLEDGE_BASE");
        assertThat(configuration.path("knowledgeBaseConfiguration").path("modelArn").asText()).isEqualTo(MODEL);
        assertThat(request.has("sessionId")).isFalse();
    }

    @Test
    void aScriptedModelAnswersFromThePassagesBedrockPutInItsPrompt() {
        server.model(MODEL).respondWith(request -> ChatResponse.ofText(
                request.system().toString().contains("fifty euros") ? "Shipping is free above fifty euros." : "No idea."));

        Answer answer = kb.retrieveAndGenerate("is shipping free", GenerationOptions.model(MODEL)
                .withMaxTokens(300).withTemperature(0.2).withPromptTemplate("Use $search_results$ to answer."));

        assertThat(answer.text()).isEqualTo("Shipping is free above fifty euros.");
        assertThat(answer.citations()).isNotEmpty().allMatch(c -> c.text().equals(answer.text()));
        assertThat(answer.citedPassages()).extracting(p -> p.location().source()).contains("shipping");
        JsonNode generation = lastBody(BedrockOperation.RETRIEVE_AND_GENERATE).path("retrieveAndGenerateConfiguration")
                .path("knowledgeBaseConfiguration").path("generationConfiguration");
        assertThat(generation.path("promptTemplate").path("textPromptTemplate").asText()).isEqualTo("Use $search_results$ to answer.");
        assertThat(generation.path("inferenceConfig").path("textInferenceConfig").path("maxTokens").asInt()).isEqualTo(300);
        assertThat(generation.path("inferenceConfig").path("textInferenceConfig").path("temperature").asDouble()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theStreamGivesTheSameAnswerAsTheCallWithTextAsItArrives() {
        GenerationOptions options = GenerationOptions.model(MODEL).withRetrieval(RetrievalOptions.top(3));
        Answer called = kb.retrieveAndGenerate("can items be returned", options);
        List<String> pieces = new CopyOnWriteArrayList<>();

        Answer streamed = kb.retrieveAndGenerate("can items be returned", options, pieces::add);

        assertThat(pieces).hasSizeGreaterThan(3);
        assertThat(String.join("", pieces)).isEqualTo(streamed.text()).isEqualTo(called.text());
        assertThat(streamed.citations()).extracting(AnswerCitation::text)
                .containsExactlyElementsOf(called.citations().stream().map(AnswerCitation::text).toList());
        assertThat(streamed.citations()).extracting(c -> c.passage().location().source())
                .containsExactlyElementsOf(called.citations().stream().map(c -> c.passage().location().source()).toList());
        assertThat(streamed.sessionId()).isNotBlank();
        assertThat(server.lastRequest().operation()).isEqualTo(BedrockOperation.RETRIEVE_AND_GENERATE_STREAM);
    }

    @Test
    void aConversationContinuesBedrocksSession() {
        AnswerConversation conversation = kb.answerer(MODEL).conversation();

        Answer first = conversation.ask("can items be returned");
        Answer second = conversation.ask("and how long do refunds take", piece -> { });

        assertThat(lastBody(BedrockOperation.RETRIEVE_AND_GENERATE).has("sessionId")).isFalse();
        assertThat(lastBody(BedrockOperation.RETRIEVE_AND_GENERATE_STREAM).path("sessionId").asText())
                .isEqualTo(first.sessionId());
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(conversation.answers()).containsExactly(first, second);
    }

    @Test
    void errorsAreMappedAndBadInputFailsBeforeAnyCall() {
        BedrockKnowledgeBase missing = BedrockKnowledgeBase.of(client, "NOPE42");
        assertThatThrownBy(() -> missing.retrieve("anything"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("NOPE42");
        int requests = server.requestCount();

        assertThatThrownBy(() -> BedrockKnowledgeBase.of(client, "not a kb id"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).contains("knowledgeBaseId"));
        assertThatThrownBy(() -> kb.retrieve(" ")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> GenerationOptions.model(MODEL).withPromptTemplate("no placeholder"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).contains("promptTemplate"));
        assertThatThrownBy(() -> BedrockKnowledgeBase.of(client, "KB123")
                .retrieveAndGenerate("q", GenerationOptions.model(MODEL), piece -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("async client");
        assertThat(server.requestCount()).isEqualTo(requests);
    }

    @Test
    void aStreamThatDoesNotEndInTimeIsCancelled() {
        BedrockKnowledgeBase impatient = BedrockKnowledgeBase.builder("KB123").asyncClient(asyncClient)
                .timeout(Duration.ofMillis(300)).build();
        server.faultNext(1, Fault.paced(Duration.ofMillis(200)));

        assertThatThrownBy(() -> impatient.retrieveAndGenerate("can items be returned", GenerationOptions.model(MODEL),
                piece -> { }))
                .isInstanceOf(ModelTimeoutException.class).hasMessageContaining("RetrieveAndGenerateStream");
    }

    @Test
    void anAsyncClientAloneServesEveryCall() {
        BedrockKnowledgeBase async = BedrockKnowledgeBase.builder("KB123").asyncClient(asyncClient).build();

        assertThat(async.retrieve("hiring engineers", RetrievalOptions.top(1)).get(0).location().source()).isEqualTo("careers");
        assertThat(async.retrieveAndGenerate("hiring engineers", GenerationOptions.model(MODEL)).text()).isNotBlank();
    }
}
