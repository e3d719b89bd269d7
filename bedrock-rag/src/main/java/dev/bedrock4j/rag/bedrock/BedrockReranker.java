package dev.bedrock4j.rag.bedrock;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.rag.Reranker;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.internal.Queries;
import dev.bedrock4j.rag.internal.bedrock.AgentRuntimeWire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RerankSource;

/**
 * A {@link Reranker} over Bedrock's {@code Rerank} (agent runtime), with Amazon Rerank ({@value #AMAZON_RERANK})
 * or Cohere Rerank ({@value #COHERE_RERANK}). The passages keep their text, location and metadata; their score
 * becomes the model's relevance score, from 0 to 1.
 *
 * <pre>{@code
 * BedrockAgentRuntimeClient agentRuntime = BedrockAgentRuntimeClient.create();
 * Reranker reranker = BedrockReranker.of(agentRuntime, BedrockReranker.COHERE_RERANK);
 * List<RetrievedChunk> best = reranker.rerank("parental leave", candidates, 3);
 * }</pre>
 *
 * <p>Everything is checked before the call, within the limits of the API: the query and every passage from 1 to
 * {@value #MAX_TEXT_LENGTH} characters. More than {@value #MAX_SOURCES} passages (the most one request takes)
 * are sent in batches of that size and their results merged by score; a page of results that ends with a
 * {@code nextToken} is followed. A model id is turned into the foundation-model ARN in the client's region.
 *
 * <p>The SDK client stays yours: this class never closes it.
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 */
public final class BedrockReranker implements Reranker {
    /** Amazon Rerank 1.0. */
    public static final String AMAZON_RERANK = "amazon.rerank-v1:0";
    /** Cohere Rerank 3.5. */
    public static final String COHERE_RERANK = "cohere.rerank-v3-5:0";
    /** The most passages one {@code Rerank} request takes (the service model's limit of {@code sources}). */
    public static final int MAX_SOURCES = 1000;
    /** The longest query or passage {@code Rerank} takes, in characters. */
    public static final int MAX_TEXT_LENGTH = 32_000;

    private final BedrockAgentRuntimeClient client;
    private final String modelArn;

    private BedrockReranker(BedrockAgentRuntimeClient client, String modelArn) {
        this.client = client;
        this.modelArn = modelArn;
    }

    /**
     * A reranker calling a reranking model.
     *
     * @param client the agent runtime client; it stays yours to close
     * @param model {@link #AMAZON_RERANK}, {@link #COHERE_RERANK}, or a model ARN
     * @return the reranker
     * @throws InvalidRequestException if the model is not a reranking model id or ARN, or a model id is given and
     *         the client has no region to build its ARN from
     */
    public static BedrockReranker of(BedrockAgentRuntimeClient client, String model) {
        Objects.requireNonNull(client, "client");
        return new BedrockReranker(client, AgentRuntimeWire.rerankModelArn(model,
                client.serviceClientConfiguration().region()));
    }

    /**
     * The ARN of the reranking model called.
     *
     * @return the ARN
     */
    public String modelArn() {
        return modelArn;
    }

    @Override
    public List<RetrievedChunk> rerank(String query, List<RetrievedChunk> passages, int topN) {
        Queries.check(query);
        Objects.requireNonNull(passages, "passages");
        if (topN < 1) {
            throw new InvalidRequestException("topN", "topN must be at least 1, was " + topN);
        }
        if (query.length() > MAX_TEXT_LENGTH) {
            throw new InvalidRequestException("query", "the query has " + query.length() + " characters; Rerank takes"
                    + " at most " + MAX_TEXT_LENGTH + ": shorten it");
        }
        for (int i = 0; i < passages.size(); i++) {
            String text = passages.get(i).text();
            if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
                throw new InvalidRequestException("passages", "passage " + i + " (" + passages.get(i).location().label()
                        + ") has " + text.length() + " characters; Rerank takes 1 to " + MAX_TEXT_LENGTH
                        + ": drop empty passages and chunk long ones");
            }
        }
        if (passages.isEmpty()) {
            return List.of();
        }
        List<Scored> scored = new ArrayList<>();
        for (int from = 0; from < passages.size(); from += MAX_SOURCES) {
            List<RetrievedChunk> batch = passages.subList(from, Math.min(passages.size(), from + MAX_SOURCES));
            for (RerankResult result : call(query, batch, Math.min(topN, batch.size()))) {
                int index = result.index();
                if (index < 0 || index >= batch.size()) {
                    throw new BedrockException("Rerank answered with index " + index + " for " + batch.size()
                            + " passages");
                }
                scored.add(new Scored(from + index, result.relevanceScore() == null ? 0 : result.relevanceScore()));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
        List<RetrievedChunk> best = new ArrayList<>(Math.min(topN, scored.size()));
        for (Scored s : scored.subList(0, Math.min(topN, scored.size()))) {
            RetrievedChunk passage = passages.get(s.index());
            best.add(new RetrievedChunk(passage.text(), s.score(), passage.location(), passage.metadata()));
        }
        return List.copyOf(best);
    }

    private List<RerankResult> call(String query, List<RetrievedChunk> batch, int numberOfResults) {
        List<RerankSource> sources = new ArrayList<>(batch.size());
        for (RetrievedChunk passage : batch) {
            sources.add(RerankSource.builder().type("INLINE")
                    .inlineDocumentSource(d -> d.type("TEXT").textDocument(t -> t.text(passage.text()))).build());
        }
        RerankRequest.Builder request = RerankRequest.builder()
                .queries(q -> q.type("TEXT").textQuery(t -> t.text(query)))
                .sources(sources)
                .rerankingConfiguration(c -> c.type("BEDROCK_RERANKING_MODEL")
                        .bedrockRerankingConfiguration(b -> b.numberOfResults(numberOfResults)
                                .modelConfiguration(m -> m.modelArn(modelArn))));
        List<RerankResult> results = new ArrayList<>();
        String nextToken = null;
        do {
            RerankResponse response;
            try {
                response = client.rerank(request.nextToken(nextToken).build());
            } catch (RuntimeException e) {
                throw BedrockException.from(e, modelArn);
            }
            results.addAll(response.results());
            nextToken = response.nextToken();
        } while (nextToken != null && results.size() < numberOfResults);
        return results;
    }

    private record Scored(int index, double score) {
    }

    @Override
    public String toString() {
        return "BedrockReranker[" + modelArn + "]";
    }
}
