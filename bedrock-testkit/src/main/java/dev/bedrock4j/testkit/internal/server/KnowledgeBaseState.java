package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.internal.HashingEmbedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The documents of one knowledge base, retrieved by the cosine similarity of their
 * {@link HashingEmbedder} vectors to the query's, with Bedrock's metadata filters. Thread-safe.
 */
public final class KnowledgeBaseState {
    static final String SOURCE_URI = "x-amz-bedrock-kb-source-uri";
    private static final int DIMENSIONS = 512;

    private final String id;
    private final Map<String, Document> documents = new LinkedHashMap<>();

    /** One stored document. */
    record Document(String id, String text, ObjectNode metadata, float[] vector) {
    }

    /** A document with its score for one query. */
    record Hit(Document document, double score) {
    }

    /** Creates an empty knowledge base. */
    public KnowledgeBaseState(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The knowledge base id. */
    public String id() {
        return id;
    }

    /** Adds or replaces a document. */
    public synchronized void add(String documentId, String text, Map<String, ?> metadata) {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        ObjectNode json = (ObjectNode) JsonSupport.toTree(Objects.requireNonNull(metadata, "metadata"));
        documents.put(documentId, new Document(documentId, text, json, HashingEmbedder.embed(text, DIMENSIONS)));
    }

    /** How many documents it holds. */
    public synchronized int size() {
        return documents.size();
    }

    /** Removes every document. */
    public synchronized void clear() {
        documents.clear();
    }

    /** The best documents for a query, best first; scores are {@code (1 + cosine) / 2}, in [0, 1]. */
    synchronized List<Hit> retrieve(String query, int numberOfResults, JsonNode filter) {
        float[] q = HashingEmbedder.embed(query, DIMENSIONS);
        List<Hit> hits = new ArrayList<>();
        for (Document document : documents.values()) {
            if (filter == null || filter.isMissingNode() || filter.isNull() || matches(filter, document.metadata())) {
                double cosine = 0;
                for (int i = 0; i < DIMENSIONS; i++) {
                    cosine += q[i] * document.vector()[i];
                }
                hits.add(new Hit(document, (1 + cosine) / 2));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.subList(0, Math.min(numberOfResults, hits.size()));
    }

    /** The {@code content}, {@code location} and {@code metadata} of a retrieval result or reference. */
    static ObjectNode reference(Document document) {
        ObjectNode json = JsonSupport.object();
        json.putObject("content").put("text", document.text()).put("type", "TEXT");
        ObjectNode location = json.putObject("location");
        String uri = document.metadata().path(SOURCE_URI).asText("");
        if (uri.startsWith("s3://")) {
            location.put("type", "S3").putObject("s3Location").put("uri", uri);
        } else {
            location.put("type", "CUSTOM").putObject("customDocumentLocation").put("id", document.id());
        }
        json.set("metadata", document.metadata().deepCopy());
        return json;
    }

    // ------------------------------------------------------------------ filters

    static boolean matches(JsonNode filter, JsonNode metadata) {
        if (filter.has("andAll")) {
            for (JsonNode part : filter.get("andAll")) {
                if (!matches(part, metadata)) {
                    return false;
                }
            }
            return true;
        }
        if (filter.has("orAll")) {
            for (JsonNode part : filter.get("orAll")) {
                if (matches(part, metadata)) {
                    return true;
                }
            }
            return false;
        }
        if (!filter.fieldNames().hasNext()) {
            return true;
        }
        String operator = filter.fieldNames().next();
        JsonNode attribute = filter.get(operator);
        JsonNode actual = metadata.path(attribute.path("key").asText());
        JsonNode expected = attribute.path("value");
        return switch (operator) {
            case "equals" -> same(actual, expected);
            case "notEquals" -> !same(actual, expected);
            case "greaterThan" -> compare(actual, expected) > 0;
            case "greaterThanOrEquals" -> compare(actual, expected) >= 0;
            case "lessThan" -> compare(actual, expected) < 0 && !actual.isMissingNode();
            case "lessThanOrEquals" -> compare(actual, expected) <= 0 && !actual.isMissingNode();
            case "in" -> contains(expected, actual);
            case "notIn" -> !contains(expected, actual);
            case "startsWith" -> actual.isTextual() && actual.asText().startsWith(expected.asText());
            case "stringContains" -> actual.isArray() ? contains(actual, expected)
                    : actual.isTextual() && actual.asText().contains(expected.asText());
            case "listContains" -> actual.isArray() && contains(actual, expected);
            default -> throw AnswerException.invalid("unknown retrieval filter operator \"" + operator + "\"");
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static int compare(JsonNode actual, JsonNode expected) {
        if (!actual.isNumber() || !expected.isNumber()) {
            return actual.isMissingNode() ? -1 : actual.asText().compareTo(expected.asText());
        }
        return actual.decimalValue().compareTo(expected.decimalValue());
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (same(element, value)) {
                return true;
            }
        }
        return false;
    }
}
