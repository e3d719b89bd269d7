package dev.bedrock4j.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class RagAnswererTest {
    private final FakeEmbeddingModel embeddings = FakeEmbeddingModel.create(256);
    private final InMemoryVectorStore store = InMemoryVectorStore.create(256);
    private final FakeChatModel model = FakeChatModel.create();
    private final KnowledgeBase kb = KnowledgeBase.of(embeddings, store);

    static final Document HANDBOOK = Document.ofPages("handbook.pdf", List.of(
            "Welcome to Acme. This handbook explains how we work.",
            "Vacation: employees get twenty five vacation days a year. Five unused vacation days carry over."),
            Map.of(Document.TITLE, "Employee handbook"));
    static final Document ORDERS = Document.of("orders.md", "Orders can be cancelled online within 24 hours of"
            + " purchase. To cancel an order, open My Orders and press Cancel order.");
    static final Document SHIPPING = Document.of("shipping.md", "Orders ship within one business day. Shipping is"
            + " free above fifty euros.");

    RagAnswererTest() {
        Ingestor.builder(embeddings, store).chunker(Chunker.recursive(30, 0)).build()
                .ingest(List.of(HANDBOOK, ORDERS, SHIPPING));
    }

    private static String userText(ChatRequest request) {
        return ((ContentBlock.Text) request.messages().get(0).content().get(0)).text();
    }

    @Test
    void citationsMapToThePassagesSourcesPagesAndOffsets() {
        model.respondWith(request -> {
            String prompt = userText(request);
            int n = prompt.indexOf("twenty five vacation days") < prompt.indexOf("Welcome") ? 1 : 2;
            return ChatResponse.ofText("You get twenty five days [" + n + "].");
        });
        RagAnswerer answerer = RagAnswerer.builder(kb, model).retrieval(RetrievalOptions.top(2)).build();

        Answer answer = answerer.ask("How many vacation days do employees get a year?");

        assertThat(answer.passages()).hasSize(2);
        assertThat(answer.citations()).hasSize(1);
        AnswerCitation citation = answer.citations().get(0);
        assertThat(citation.text()).isEqualTo("You get twenty five days");
        RetrievedChunk cited = citation.passage();
        assertThat(cited).isSameAs(answer.passages().get(citation.number() - 1));
        assertThat(cited.text()).contains("twenty five vacation days");
        assertThat(cited.location().source()).isEqualTo("handbook.pdf");
        assertThat(cited.location().title()).isEqualTo("Employee handbook");
        assertThat(cited.location().page()).isEqualTo(2);
        assertThat(HANDBOOK.text().substring(cited.location().start(), cited.location().end())).isEqualTo(cited.text());
        assertThat(cited.location().label()).startsWith("handbook.pdf, page 2, characters ");
        assertThat(answer.citedPassages()).containsExactly(cited);
        assertThat(answer.isGrounded()).isTrue();
        assertThat(answer.sessionId()).isEmpty();
        assertThat(answer.question()).isEqualTo(answer.searchQuery());
    }

    @Test
    void thePromptNumbersThePassagesWithTheirSourcesAndAsksForMarkers() {
        model.enqueueText("Shipping is free above fifty euros [1].");
        RagAnswerer answerer = RagAnswerer.builder(kb, model).retrieval(RetrievalOptions.top(3)).maxTokens(300)
                .temperature(0.1).build();

        Answer answer = answerer.ask("Is shipping free?");

        ChatRequest request = model.lastRequest();
        String prompt = userText(request);
        assertThat(prompt).startsWith("Passages:\n\n[1] Source: ").contains("\n[2] Source: ", "\n[3] Source: ")
                .contains("handbook.pdf (Employee handbook), page ")
                .endsWith("\nQuestion: Is shipping free?");
        for (int i = 0; i < answer.passages().size(); i++) {
            assertThat(prompt).contains("[" + (i + 1) + "] Source: " + answer.passages().get(i).location().source());
        }
        assertThat(((ContentBlock.Text) request.system().get(0)).text()).contains("square brackets");
        assertThat(request.maxTokens()).hasValue(300);
        assertThat(request.temperature()).hasValue(0.1);
        assertThat(answer.citedPassages()).extracting(p -> p.location().source()).containsExactly("shipping.md");
    }

    @Test
    void aFollowUpIsRewrittenWithTheConversationBeforeItIsSearched() {
        model.enqueueText("Orders ship within one business day [1].",
                "How do I cancel my order?",
                "Open My Orders and press Cancel order [1].");
        AnswerConversation conversation = RagAnswerer.builder(kb, model).retrieval(RetrievalOptions.top(1)).build()
                .conversation();

        conversation.ask("When will my order ship?");
        Answer followUp = conversation.ask("cancel it instead");

        ChatRequest rewrite = model.requests().get(1);
        assertThat(userText(rewrite)).isEqualTo("Conversation:\nUser: When will my order ship?\n"
                + "Assistant: Orders ship within one business day.\n\nFollow-up question: cancel it instead\n\n"
                + "Standalone question:");
        assertThat(((ContentBlock.Text) rewrite.system().get(0)).text()).contains("standalone question");
        assertThat(followUp.question()).isEqualTo("cancel it instead");
        assertThat(followUp.searchQuery()).isEqualTo("How do I cancel my order?");
        assertThat(userText(model.lastRequest())).endsWith("Question: How do I cancel my order?");
        assertThat(followUp.citedPassages()).extracting(p -> p.location().source()).containsExactly("orders.md");
        assertThat(conversation.answers()).hasSize(2);
    }

    @Test
    void aFailedTurnLeavesTheConversationAsItWas() {
        model.enqueueText("Orders ship within one business day [1].");
        model.enqueueError(new ThrottledException("slow down"));
        AnswerConversation conversation = RagAnswerer.of(kb, model).conversation();
        conversation.ask("When will my order ship?");

        assertThatThrownBy(() -> conversation.ask("and the cost?"))
                .isInstanceOf(ThrottledException.class);
        assertThat(conversation.answers()).hasSize(1);
    }

    @Test
    void streamingPassesTheTextOnAndReturnsTheSameAnswer() {
        model.enqueueText("Orders ship within one business day [1].");
        List<String> pieces = new ArrayList<>();

        Answer answer = RagAnswerer.of(kb, model).ask("When do orders ship?", pieces::add);

        assertThat(String.join("", pieces)).isEqualTo(answer.text()).isEqualTo("Orders ship within one business day [1].");
        assertThat(answer.citations()).hasSize(1);
    }

    /** A model that cites the shipping passage, sent as a document, with a Converse citation block. */
    static ChatResponse citeTheShippingDocument(ChatRequest request) {
        List<ContentBlock> turn = request.messages().get(0).content();
        int shipping = -1;
        for (int i = 0; i < turn.size() - 1; i++) {
            ContentBlock.Document document = (ContentBlock.Document) turn.get(i);
            assertThat(document.citations()).isTrue();
            assertThat(document.name()).isEqualTo("Passage " + (i + 1));
            if (((MediaSource.Text) document.source()).text().contains("fifty euros")) {
                shipping = i;
            }
        }
        JsonNode location = JsonSupport.parse(
                "{\"documentChar\":{\"documentIndex\":" + shipping + ",\"start\":40,\"end\":75}}");
        return ChatResponse.builder().message(Message.assistant(
                new ContentBlock.Text("Good news: "),
                new ContentBlock.Citations(List.of("shipping is free above fifty euros."), List.of(
                        new Citation("Passage", null, List.of("free above fifty euros"),
                                location))))).build();
    }

    @Test
    void documentCitationsSendThePassagesAsDocumentsAndMapTheModelsCitationBlocks() {
        model.respondWith(RagAnswererTest::citeTheShippingDocument);
        RagAnswerer answerer = RagAnswerer.builder(kb, model).documentCitations(true)
                .retrieval(RetrievalOptions.top(3)).build();

        Answer answer = answerer.ask("Is shipping free?");

        assertThat(((ContentBlock.Text) model.lastRequest().messages().get(0).content().get(3)).text())
                .isEqualTo("Question: Is shipping free?");
        assertThat(((ContentBlock.Text) model.lastRequest().system().get(0)).text()).contains("documents");
        assertThat(answer.text()).isEqualTo("Good news: shipping is free above fifty euros.");
        assertThat(answer.citations()).singleElement().satisfies(citation -> {
            assertThat(citation.text()).isEqualTo("shipping is free above fifty euros.");
            assertThat(answer.text().substring(citation.start(), citation.end())).isEqualTo(citation.text());
            assertThat(citation.passage().location().source()).isEqualTo("shipping.md");
            assertThat(citation.passage()).isSameAs(answer.passages().get(citation.number() - 1));
        });
        assertThatThrownBy(() -> RagAnswerer.builder(kb, model).documentCitations(true)
                .retrieval(RetrievalOptions.top(6)).build()).hasMessageContaining("at most 5");
    }

    @Test
    void documentCitationsTravelThroughConverseOnTheWire() {
        String modelId = "anthropic.claude-3-5-haiku-20241022-v1:0";
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.builder()
                     .endpointOverride(server.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("t", "t")))
                     .build()) {
            server.model(modelId).respondWith(RagAnswererTest::citeTheShippingDocument);

            Answer answer = RagAnswerer.builder(kb, bedrock.chat(modelId)).documentCitations(true)
                    .retrieval(RetrievalOptions.top(3)).build().ask("Is shipping free?");

            assertThat(server.lastRequest().json().path("messages").path(0).path("content").path(0)
                    .path("document").path("citations").path("enabled").asBoolean()).isTrue();
            assertThat(answer.text()).isEqualTo("Good news: shipping is free above fifty euros.");
            assertThat(answer.citedPassages()).extracting(p -> p.location().source()).containsExactly("shipping.md");
        }
    }

    @Test
    void nothingFoundMeansNoModelCall() {
        KnowledgeBase empty = KnowledgeBase.of(embeddings, InMemoryVectorStore.create(256));

        Answer answer = RagAnswerer.builder(empty, model).noAnswer("Not in the documents.").build().ask("Anything?");

        assertThat(answer.text()).isEqualTo("Not in the documents.");
        assertThat(answer.isGrounded()).isFalse();
        assertThat(model.requestCount()).isZero();
    }

    @Test
    void aBlankQuestionFailsBeforeAnyCall() {
        assertThatThrownBy(() -> RagAnswerer.of(kb, model).ask("  "))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("question"));
        assertThatThrownBy(() -> kb.retrieve(""))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("query"));
        assertThat(model.requestCount()).isZero();
        assertThat(embeddings.calls()).hasSize(1); // the ingestion's
    }
}
