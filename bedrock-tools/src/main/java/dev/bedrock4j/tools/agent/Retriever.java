package dev.bedrock4j.tools.agent;

import java.util.List;

/**
 * Finds passages relevant to a query, so that an {@link Agent} can ground its answer in them. Any search
 * fits: a vector store, a knowledge base, a full-text index.
 *
 * <pre>{@code
 * Retriever faq = query -> List.of(Passage.of("Returns are accepted within 30 days.", "faq.md"));
 * Agent agent = Agent.builder(model).instructions("Answer from the passages.").retriever(faq).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe; create one and share it.
 */
@FunctionalInterface
public interface Retriever {
    /**
     * Finds passages for a query.
     *
     * @param query the user's question
     * @return the passages, best first; empty when nothing matches
     */
    List<Passage> retrieve(String query);
}
