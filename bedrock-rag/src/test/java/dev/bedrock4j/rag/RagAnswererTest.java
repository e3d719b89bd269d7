package dev.bedrock4j.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
            return dev.bedrock4j.core.chat.ChatResponse.ofText("You get twenty five days [" + n + "].");
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
        model.enqueueError(new dev.bedrock4j.core.ThrottledException("slow down"));
        AnswerConversation conversation = RagAnswerer.of(kb, model).conversation();
        conversation.ask("When will my order ship?");

        assertThatThrownBy(() -> conversation.ask("and the cost?"))
                .isInstanceOf(dev.bedrock4j.core.ThrottledException.class);
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
