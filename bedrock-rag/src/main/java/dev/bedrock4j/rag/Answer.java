package dev.bedrock4j.rag;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.guardrail.GuardrailRequest;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An answer generated from retrieved passages, with citations that map parts of it to their sources. Local
 * answers ({@link RagAnswerer}) and Bedrock's managed {@code RetrieveAndGenerate}
 * ({@link dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase}) produce the same type.
 *
 * <pre>{@code
 * Answer answer = answerer.ask("How many vacation days do I get?");
 * System.out.println(answer.text());                       // "Employees get 25 days a year [1]."
 * for (RetrievedChunk source : answer.citedPassages()) {
 *     System.out.println(" - " + source.location().label());  // " - handbook.pdf, page 2, characters 812-1240"
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param text the answer as the model wrote it; a local answer keeps the model's {@code [n]} markers
 * @param citations the cited parts of the answer, in the order they appear
 * @param passages the passages the answer was generated from, numbered from 1 in this order
 * @param question the question as asked
 * @param searchQuery what was searched: the question, or a standalone rewrite of a follow-up question
 * @param sessionId Bedrock's session id for a managed answer, to continue the conversation; empty for a local one
 */
public record Answer(String text, List<AnswerCitation> citations, List<RetrievedChunk> passages, String question,
                     String searchQuery, String sessionId) {
    private static final Pattern CITATION_MARKER = Pattern.compile("\\s*\\[\\d+]");

    /**
     * Validates and copies the components.
     *
     * @param text the text
     * @param citations the citations
     * @param passages the passages
     * @param question the question
     * @param searchQuery the search query
     * @param sessionId the session id, or empty
     */
    public Answer {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        passages = List.copyOf(passages);
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(searchQuery, "searchQuery");
        Objects.requireNonNull(sessionId, "sessionId (use \"\" for none)");
    }

    /**
     * The passages the answer cites, each once, in the order of their first citation.
     *
     * @return the cited passages
     */
    public List<RetrievedChunk> citedPassages() {
        Map<Integer, RetrievedChunk> cited = new LinkedHashMap<>();
        for (AnswerCitation citation : citations) {
            cited.putIfAbsent(citation.number(), citation.passage());
        }
        return List.copyOf(cited.values());
    }

    /**
     * Checks with a guardrail's contextual grounding check that the answer is backed by its own passages and
     * answers the question: one {@code ApplyGuardrail} call with the answer as guarded output, the passages as
     * grounding sources and the question as query. Citation markers such as {@code [1]} are left out of the
     * checked text.
     *
     * <pre>{@code
     * GuardrailResult check = answer.checkGrounding(bedrock.guardrail(Guardrail.of("gr7abc123xyz", "1")));
     * if (check.blocked()) {
     *     System.out.println("Not backed by the sources (grounding " + check.groundingScore() + ")");
     * }
     * }</pre>
     *
     * @param guardrail a guardrail with a contextual grounding check configured
     * @return the verdict, with the grounding and relevance scores
     * @throws dev.bedrock4j.core.InvalidRequestException before any call, if the answer has no passages or no text
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    public GuardrailResult checkGrounding(GuardrailChecker guardrail) {
        Objects.requireNonNull(guardrail, "guardrail");
        if (passages.isEmpty()) {
            throw new InvalidRequestException("passages", "the answer has no passages to check its grounding against");
        }
        String checked = CITATION_MARKER.matcher(text).replaceAll("").trim();
        String[] sources = passages.stream().map(RetrievedChunk::text).toArray(String[]::new);
        return guardrail.check(GuardrailRequest.output(checked).withGroundingSource(sources).withQuery(question));
    }

    /**
     * Whether the answer cites anything.
     *
     * @return {@code true} when there is at least one citation
     */
    public boolean isGrounded() {
        return !citations.isEmpty();
    }
}
