package dev.bedrock4j.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.rag.chunk.Chunker;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.testkit.FakeEmbeddingModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality on a small labelled corpus: twelve company documents and twelve questions, each labelled
 * with the document that answers it. The fake embeddings are hashing-trick vectors, which reward shared words,
 * so the questions use some of their answer's words, as users' questions often do.
 */
class RetrievalQualityTest {
    static final List<Document> CORPUS = List.of(
            Document.of("vacation", "Vacation policy. Every employee receives twenty five paid vacation days per"
                    + " calendar year. Up to five unused vacation days carry over into the next year."),
            Document.of("expenses", "Expense reports. Submit expense reports with receipts in the finance portal"
                    + " before the fifth day of the following month. Meals are reimbursed up to forty euros."),
            Document.of("security", "Office security. Wear your badge visibly at all times. Report a lost badge"
                    + " to the security desk immediately so it can be blocked."),
            Document.of("remote", "Remote work. Employees may work from home up to three days a week after"
                    + " agreeing a remote schedule with their manager."),
            Document.of("parental", "Parental leave. Parents receive sixteen weeks of paid parental leave, which"
                    + " can be split into two blocks within the first year."),
            Document.of("laptop", "Equipment. New hires receive a laptop on their first day. Broken laptops are"
                    + " replaced by the IT helpdesk within two business days."),
            Document.of("passwords", "Password rules. Passwords need at least fourteen characters and must be"
                    + " changed when a breach is suspected. Use the company password manager."),
            Document.of("travel", "Business travel. Book train tickets for trips under six hours; flights need"
                    + " approval from your director. Hotels are booked through the travel agency."),
            Document.of("sick", "Sick leave. Call your manager before nine in the morning when you are sick. A"
                    + " doctor's note is required after three sick days."),
            Document.of("pension", "Pension plan. The company matches pension contributions up to five percent"
                    + " of the gross salary. Enrolment happens automatically after probation."),
            Document.of("parking", "Parking. Employee parking is in the north garage. Electric cars can charge"
                    + " for free at the parking spaces on level two."),
            Document.of("training", "Training budget. Each employee has a yearly training budget of two thousand"
                    + " euros for courses, books and conferences, approved by the manager."));

    /** Question, id of the document that answers it. */
    static final List<Map.Entry<String, String>> QUESTIONS = List.of(
            Map.entry("How many paid vacation days does an employee get per year?", "vacation"),
            Map.entry("When are expense reports with receipts due?", "expenses"),
            Map.entry("What should I do after I lost my badge?", "security"),
            Map.entry("How many days a week can I work from home?", "remote"),
            Map.entry("How long is paid parental leave for parents?", "parental"),
            Map.entry("Who replaces a broken laptop?", "laptop"),
            Map.entry("How many characters must a password have?", "passwords"),
            Map.entry("Do flights for business travel need approval?", "travel"),
            Map.entry("When do I need a doctor's note for sick days?", "sick"),
            Map.entry("Does the company match pension contributions?", "pension"),
            Map.entry("Where can electric cars charge in the parking garage?", "parking"),
            Map.entry("How large is the yearly training budget for courses?", "training"));

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
}
