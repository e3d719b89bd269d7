package dev.bedrock4j.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.guardrail.GuardrailAssessment;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** A RAG answer checked against its own passages with a guardrail's contextual grounding check, on the local server. */
class AnswerGroundingTest {
    static final String GUARDRAIL = "grground1";
    static final LocalBedrockServer server = LocalBedrockServer.start();
    static final Bedrock bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();

    private final FakeEmbeddingModel embeddings = FakeEmbeddingModel.create(256);
    private final InMemoryVectorStore store = InMemoryVectorStore.create(256);
    private final FakeChatModel model = FakeChatModel.create();
    private final RagAnswerer answerer = RagAnswerer.builder(KnowledgeBase.of(embeddings, store), model)
            .retrieval(RetrievalOptions.top(1)).build();
    private final GuardrailChecker guardrail = bedrock.guardrail(Guardrail.of(GUARDRAIL, "1"));

    AnswerGroundingTest() {
        Ingestor.builder(embeddings, store).chunker(Chunker.recursive(60, 0)).build().ingest(List.of(
                Document.of("vacation.md", "Employees get twenty five vacation days a year.")));
        server.reset();
        server.guardrail(GUARDRAIL, "1").clearPolicies().contextualGrounding(0.8, 0.3);
    }

    @AfterAll
    static void stop() {
        bedrock.close();
        server.close();
    }

    @Test
    void anAnswerBackedByItsPassagesPassesWithItsScores() {
        model.respondWith(request -> ChatResponse.ofText("Employees get twenty five vacation days [1]."));
        Answer answer = answerer.ask("How many vacation days do employees get?");

        GuardrailResult check = answer.checkGrounding(guardrail);

        assertThat(check.intervened()).isFalse();
        assertThat(check.groundingScore()).isEqualTo(1.0);
        assertThat(check.relevanceScore()).isGreaterThanOrEqualTo(0.3);
        var content = server.lastRequest().json().path("content");
        assertThat(content.get(0).path("text").path("text").asText())
                .as("the citation marker is not checked").isEqualTo("Employees get twenty five vacation days.");
        assertThat(content.get(1).path("text").path("text").asText()).isEqualTo(answer.passages().get(0).text());
        assertThat(content.get(1).path("text").path("qualifiers").get(0).asText()).isEqualTo("grounding_source");
        assertThat(content.get(2).path("text").path("text").asText()).isEqualTo(answer.question());
        assertThat(content.get(2).path("text").path("qualifiers").get(0).asText()).isEqualTo("query");
    }

    @Test
    void anAnswerTheModelMadeUpIsBlocked() {
        model.respondWith(request -> ChatResponse.ofText("Staff receive unlimited paid leave and a yearly bonus."));
        Answer answer = answerer.ask("How many vacation days do employees get?");

        GuardrailResult check = answer.checkGrounding(guardrail);

        assertThat(check.blocked()).isTrue();
        assertThat(check.groundingScore()).isLessThan(0.8);
        assertThat(check.fired()).extracting(GuardrailAssessment.Finding::name).contains("GROUNDING");
    }

    @Test
    void anAnswerWithoutPassagesCannotBeChecked() {
        Answer bare = new Answer("Twenty five.", List.of(), List.of(), "How many?", "How many?", "");
        assertThatThrownBy(() -> bare.checkGrounding(guardrail)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).contains("passages"));
        assertThat(server.requests()).isEmpty();
    }
}
