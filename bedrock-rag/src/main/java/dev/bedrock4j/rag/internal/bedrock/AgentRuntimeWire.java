package dev.bedrock4j.rag.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.AnswerCitation;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SearchType;
import dev.bedrock4j.rag.SourceLocation;
import dev.bedrock4j.rag.store.Filter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockagentruntime.model.Citation;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseVectorSearchConfiguration;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalFilter;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultContent;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultLocation;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievedReference;
import software.amazon.awssdk.services.bedrockagentruntime.model.TextResponsePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.VectorSearchRerankingConfiguration;

/**
 * The library's retrieval options, filters, passages and answers to and from the agent runtime's
 * {@code Retrieve} and {@code RetrieveAndGenerate} shapes. Thread-safe.
 */
public final class AgentRuntimeWire {
    /** The metadata key Bedrock's parsers put a passage's page number under. */
    static final String PAGE_NUMBER = "x-amz-bedrock-kb-document-page-number";
    /** The metadata key of a passage's source URI. */
    static final String SOURCE_URI = "x-amz-bedrock-kb-source-uri";

    private AgentRuntimeWire() {
    }

    /** The reranking models Bedrock serves, by model id. */
    public static final List<String> RERANK_MODELS = List.of("amazon.rerank-v1:0", "cohere.rerank-v3-5:0");
    private static final Pattern FOUNDATION_MODEL_ARN =
            Pattern.compile("^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/(.+)$");

    /**
     * The foundation-model ARN of a reranking model: an ARN as given, a model id in the region.
     *
     * @throws InvalidRequestException if the model is no reranking model, or an id comes with no region
     */
    public static String rerankModelArn(String model, Region region) {
        if (model == null || model.isBlank()) {
            throw new InvalidRequestException("model", "the reranking model is " + (model == null ? "null" : "blank")
                    + "; use one of " + RERANK_MODELS);
        }
        Matcher arn = FOUNDATION_MODEL_ARN.matcher(model);
        String id = arn.matches() ? arn.group(2) : model;
        if (!RERANK_MODELS.contains(id)) {
            throw new InvalidRequestException("model", "'" + model + "' is not a reranking model; use one of "
                    + RERANK_MODELS + " or its foundation-model ARN");
        }
        if (arn.matches()) {
            return model;
        }
        if (region == null) {
            throw new InvalidRequestException("model", "the client has no region to build the ARN of " + model
                    + " from; set the client's region or pass arn:aws:bedrock:<region>::foundation-model/" + model);
        }
        return "arn:aws:bedrock:" + region.id() + "::foundation-model/" + model;
    }

    /** The vector search configuration of retrieval options: count, search type and filter. */
    public static KnowledgeBaseVectorSearchConfiguration vectorSearch(RetrievalOptions options) {
        return vectorSearch(options, null);
    }

    /**
     * The vector search configuration of retrieval options, reranked by a model when {@code reranking} is not
     * null.
     */
    public static KnowledgeBaseVectorSearchConfiguration vectorSearch(RetrievalOptions options,
                                                                      VectorSearchRerankingConfiguration reranking) {
        KnowledgeBaseVectorSearchConfiguration.Builder search = KnowledgeBaseVectorSearchConfiguration.builder()
                .numberOfResults(options.topK());
        if (reranking != null) {
            search.rerankingConfiguration(reranking);
        }
        if (options.searchType() != SearchType.DEFAULT) {
            search.overrideSearchType(options.searchType().name());
        }
        JsonNode filter = filter(options.filter(), false);
        if (filter != null) {
            search.filter(SdkJson.fromJson(filter, RetrievalFilter.builder()));
        }
        return search.build();
    }

    /**
     * A filter as Bedrock's retrieval filter JSON, or null for {@link Filter#all()}; negations are pushed down to
     * {@code notEquals} and {@code notIn} (De Morgan for conjunctions and disjunctions).
     */
    static JsonNode filter(Filter filter, boolean negated) {
        if (filter instanceof Filter.All) {
            if (negated) {
                throw new InvalidRequestException("filter", "Filter.all().negate() matches nothing; drop the filter or"
                        + " the retrieval");
            }
            return null;
        }
        if (filter instanceof Filter.Not not) {
            return filter(not.inner(), !negated);
        }
        if (filter instanceof Filter.Eq eq) {
            return attribute(negated ? "notEquals" : "equals", eq.key(), TextNode.valueOf(eq.value()));
        }
        if (filter instanceof Filter.In in) {
            ArrayNode values = JsonSupport.array();
            in.values().stream().sorted().forEach(values::add);
            return attribute(negated ? "notIn" : "in", in.key(), values);
        }
        List<Filter> parts = filter instanceof Filter.And and ? and.parts() : ((Filter.Or) filter).parts();
        boolean conjunction = filter instanceof Filter.And != negated;
        List<JsonNode> translated = new ArrayList<>();
        for (Filter part : parts) {
            JsonNode json = filter(part, negated);
            if (json != null) {
                translated.add(json);
            } else if (!conjunction) {
                return null; // a disjunction with a match-all part matches everything
            }
        }
        if (translated.size() <= 1) {
            return translated.isEmpty() ? null : translated.get(0);
        }
        ObjectNode json = JsonSupport.object();
        translated.forEach(json.putArray(conjunction ? "andAll" : "orAll")::add);
        return json;
    }

    private static ObjectNode attribute(String operator, String key, JsonNode value) {
        ObjectNode json = JsonSupport.object();
        json.putObject(operator).put("key", key).set("value", value);
        return json;
    }

    /** A retrieval result as a retrieved chunk. */
    public static RetrievedChunk chunk(KnowledgeBaseRetrievalResult result) {
        double score = result.score() == null ? 0 : result.score();
        return chunk(result.content(), result.location(), result.metadata(), score, result.documentId());
    }

    /** A cited reference as a retrieved chunk; references have no score, so it is 0. */
    static RetrievedChunk chunk(RetrievedReference reference) {
        return chunk(reference.content(), reference.location(), reference.metadata(), 0, null);
    }

    private static RetrievedChunk chunk(RetrievalResultContent content, RetrievalResultLocation location,
                                        Map<String, Document> metadata, double score, String documentId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        metadata.forEach((key, value) -> attributes.put(key, text(value)));
        String source = location == null ? "" : source(SdkJson.toJson(location));
        if (source.isEmpty()) {
            source = attributes.getOrDefault(SOURCE_URI, documentId == null ? "unknown" : documentId);
        }
        int page = 0;
        try {
            page = Math.max(0, (int) Double.parseDouble(attributes.getOrDefault(PAGE_NUMBER, "0")));
        } catch (NumberFormatException e) {
            page = 0;
        }
        SourceLocation where = new SourceLocation(documentId == null ? source : documentId, source,
                attributes.getOrDefault("title", ""), page, -1, -1);
        return new RetrievedChunk(text(content), score, where, attributes);
    }

    private static String text(Document value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isString()) {
            return value.asString();
        }
        JsonNode json = SdkJson.documentToJson(value);
        return json.isValueNode() ? json.asText() : JsonSupport.write(json);
    }

    private static String text(RetrievalResultContent content) {
        if (content == null) {
            return "";
        }
        if (content.text() != null) {
            return content.text();
        }
        if (content.hasRow()) {
            StringBuilder row = new StringBuilder();
            content.row().forEach(column -> row.append(row.length() == 0 ? "" : "; ")
                    .append(column.columnName()).append(": ").append(column.columnValue()));
            return row.toString();
        }
        return content.byteContent() == null ? "" : content.byteContent();
    }

    /** The URI, URL, id or query in a location such as {@code {"type":"S3","s3Location":{"uri":"s3://b/k"}}}. */
    static String source(JsonNode location) {
        for (Iterator<Map.Entry<String, JsonNode>> it = location.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isObject()) {
                for (JsonNode field : value) {
                    if (field.isTextual() && !field.asText().isEmpty()) {
                        return field.asText();
                    }
                }
            }
        }
        return "";
    }

    /**
     * The answer of a {@code RetrieveAndGenerate}: every distinct cited reference becomes a numbered passage, and
     * every cited part of the text a citation of each of its references.
     */
    public static Answer answer(String question, String text, String sessionId, List<Citation> citations) {
        List<RetrievedChunk> passages = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<AnswerCitation> cited = new ArrayList<>();
        int searchFrom = 0;
        for (Citation citation : citations) {
            TextResponsePart part = citation.generatedResponsePart() == null ? null
                    : citation.generatedResponsePart().textResponsePart();
            String partText = part == null || part.text() == null ? "" : part.text();
            int[] span = span(text, part, partText, searchFrom);
            searchFrom = span[1];
            for (RetrievedReference reference : citation.retrievedReferences()) {
                RetrievedChunk passage = chunk(reference);
                String key = passage.location().source() + "\u0000" + passage.text();
                Integer number = numbers.get(key);
                if (number == null) {
                    passages.add(passage);
                    number = passages.size();
                    numbers.put(key, number);
                }
                cited.add(new AnswerCitation(number, text.substring(span[0], span[1]), span[0], span[1],
                        passages.get(number - 1)));
            }
        }
        return new Answer(text, cited, passages, question, question, sessionId == null ? "" : sessionId);
    }

    /** Where a cited part lies in the text: Bedrock's span (its end is inclusive), else where the part's text is. */
    private static int[] span(String text, TextResponsePart part, String partText, int searchFrom) {
        if (part != null && part.span() != null && part.span().start() != null && part.span().end() != null) {
            int start = Math.max(0, Math.min(part.span().start(), text.length()));
            int end = Math.max(start, Math.min(part.span().end() + 1, text.length()));
            return new int[] {start, end};
        }
        int at = partText.isEmpty() ? -1 : text.indexOf(partText, Math.min(searchFrom, text.length()));
        if (at < 0) {
            at = partText.isEmpty() ? -1 : text.indexOf(partText);
        }
        return at < 0 ? new int[] {0, text.length()} : new int[] {at, at + partText.length()};
    }
}
