package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.internal.AgentEvents;
import dev.bedrock4j.testkit.internal.RagEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The bedrock-agent-runtime operations: Retrieve, Rerank, RetrieveAndGenerate(Stream), InvokeAgent. Thread-safe. */
final class AgentOperations {
    private static final int DEFAULT_RESULTS = 5;
    private static final String NO_ANSWER = "Sorry, I am unable to assist you with this request.";

    private final BedrockEngine engine;
    private final AtomicInteger invocations = new AtomicInteger();

    AgentOperations(BedrockEngine engine) {
        this.engine = engine;
    }

    // ------------------------------------------------------------------ Retrieve

    Answer retrieve(String knowledgeBaseId, JsonNode body) {
        KnowledgeBaseState kb = knowledgeBase(knowledgeBaseId);
        String query = requiredText(body.path("retrievalQuery").path("text"), "retrievalQuery.text");
        ObjectNode answer = JsonSupport.object();
        ArrayNode results = answer.putArray("retrievalResults");
        for (KnowledgeBaseState.Hit hit : search(kb, query, body.path("retrievalConfiguration"))) {
            ObjectNode result = KnowledgeBaseState.reference(hit.document());
            result.put("score", hit.score());
            results.add(result);
        }
        return Answer.json(answer);
    }

    private KnowledgeBaseState knowledgeBase(String id) {
        KnowledgeBaseState kb = engine.existingKnowledgeBase(id);
        if (kb == null) {
            throw AnswerException.notFound("Knowledge base " + id + " was not found; add it with server.knowledgeBase(\""
                    + id + "\")");
        }
        return kb;
    }

    private static List<KnowledgeBaseState.Hit> search(KnowledgeBaseState kb, String query, JsonNode configuration) {
        JsonNode search = configuration.has("vectorSearchConfiguration") ? configuration.get("vectorSearchConfiguration")
                : configuration.path("managedSearchConfiguration");
        int n = search.path("numberOfResults").asInt(DEFAULT_RESULTS);
        if (n < 1 || n > 100) {
            throw AnswerException.invalid("numberOfResults must be between 1 and 100, was " + n);
        }
        List<KnowledgeBaseState.Hit> hits = kb.retrieve(query, n, search.get("filter"));
        JsonNode reranking = search.path("rerankingConfiguration").path("bedrockRerankingConfiguration");
        if (reranking.isMissingNode()) {
            return hits;
        }
        rerankModel(reranking.path("modelConfiguration").path("modelArn").asText(""));
        List<String> texts = hits.stream().map(hit -> hit.document().text()).toList();
        List<KnowledgeBaseState.Hit> reranked = new ArrayList<>();
        for (double[] scored : Reranking.rank(query, texts)) {
            reranked.add(new KnowledgeBaseState.Hit(hits.get((int) scored[0]).document(), scored[1]));
        }
        int keep = reranking.path("numberOfRerankedResults").asInt(hits.size());
        return reranked.subList(0, Math.min(keep, reranked.size()));
    }

    // ------------------------------------------------------------------ Rerank

    Answer rerank(JsonNode body) {
        JsonNode configuration = body.path("rerankingConfiguration").path("bedrockRerankingConfiguration");
        rerankModel(configuration.path("modelConfiguration").path("modelArn").asText(""));
        if (body.path("queries").size() != 1) {
            throw AnswerException.invalid("queries must hold exactly one query");
        }
        String query = requiredText(body.path("queries").path(0).path("textQuery").path("text"), "queries.1.member.textQuery.text");
        List<String> texts = new ArrayList<>();
        int i = 0;
        for (JsonNode source : body.path("sources")) {
            i++;
            JsonNode document = source.path("inlineDocumentSource");
            String type = document.path("type").asText();
            if (type.equals("TEXT")) {
                texts.add(requiredText(document.path("textDocument").path("text"),
                        "sources." + i + ".member.inlineDocumentSource.textDocument.text"));
            } else if (document.has("jsonDocument")) {
                texts.add(JsonSupport.write(document.get("jsonDocument")));
            } else {
                throw AnswerException.invalid("sources." + i + ".member.inlineDocumentSource of type JSON needs a jsonDocument");
            }
        }
        int n = Math.min(texts.size(), configuration.path("numberOfResults").asInt(texts.size()));
        ObjectNode answer = JsonSupport.object();
        ArrayNode results = answer.putArray("results");
        List<double[]> ranked = Reranking.rank(query, texts);
        for (double[] scored : ranked.subList(0, n)) {
            ObjectNode result = results.addObject().put("index", (int) scored[0]).put("relevanceScore", (float) scored[1]);
            JsonNode document = body.path("sources").path((int) scored[0]).path("inlineDocumentSource");
            result.set("document", document.deepCopy());
        }
        return Answer.json(answer);
    }

    /** Fails as Bedrock does unless the ARN names a reranking model. */
    private static void rerankModel(String modelArn) {
        if (!Reranking.MODELS.contains(modelId(modelArn))) {
            throw AnswerException.invalid("The provided model identifier is invalid: " + modelArn + " is not a reranking"
                    + " model; use one of " + Reranking.MODELS);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw AnswerException.invalid("1 validation error detected: Value at '" + field + "' failed to satisfy "
                    + "constraint: Member must not be null or blank");
        }
        return node.asText();
    }

    // ------------------------------------------------------------------ RetrieveAndGenerate

    /** A generated answer and the parts of it that cite retrieved documents. */
    private record Generated(String sessionId, String text, List<ObjectNode> citations) {
    }

    Answer retrieveAndGenerate(JsonNode body) {
        return Answer.json(generate(body));
    }

    Answer retrieveAndGenerateStream(JsonNode body) {
        ObjectNode answer = generate(body);
        return Answer.stream(Map.of("x-amzn-bedrock-knowledge-base-session-id", answer.get("sessionId").asText()),
                RagEvents.of(answer));
    }

    private ObjectNode generate(JsonNode body) {
        Generated generated = answer(body);
        ObjectNode answer = JsonSupport.object().put("sessionId", generated.sessionId());
        answer.putObject("output").put("text", generated.text());
        ArrayNode citations = answer.putArray("citations");
        generated.citations().forEach(citations::add);
        answer.put("guardrailAction", "NONE");
        return answer;
    }

    private Generated answer(JsonNode body) {
        String input = requiredText(body.path("input").path("text"), "input.text");
        JsonNode configuration = body.path("retrieveAndGenerateConfiguration");
        String type = configuration.path("type").asText("");
        String modelArn;
        List<KnowledgeBaseState.Hit> hits;
        if (type.equals("KNOWLEDGE_BASE")) {
            JsonNode kbConfig = configuration.path("knowledgeBaseConfiguration");
            String kbId = requiredText(kbConfig.path("knowledgeBaseId"), "retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.knowledgeBaseId");
            modelArn = requiredText(kbConfig.path("modelArn"), "retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.modelArn");
            hits = search(knowledgeBase(kbId), input, kbConfig.path("retrievalConfiguration"));
        } else if (type.equals("EXTERNAL_SOURCES")) {
            JsonNode external = configuration.path("externalSourcesConfiguration");
            modelArn = requiredText(external.path("modelArn"), "retrieveAndGenerateConfiguration.externalSourcesConfiguration.modelArn");
            KnowledgeBaseState sources = new KnowledgeBaseState("external-sources");
            int i = 0;
            for (JsonNode source : external.path("sources")) {
                JsonNode content = source.path("byteContent");
                String id = content.path("identifier").asText("source-" + i++);
                if (content.has("data")) {
                    sources.add(id, new String(Base64.getDecoder().decode(content.get("data").asText()), StandardCharsets.UTF_8),
                            Map.of());
                } else if (source.has("s3Location")) {
                    String uri = source.path("s3Location").path("uri").asText();
                    sources.add(uri, "Content of " + uri, Map.of(KnowledgeBaseState.SOURCE_URI, uri));
                }
            }
            hits = sources.retrieve(input, DEFAULT_RESULTS, null);
        } else {
            throw AnswerException.invalid("retrieveAndGenerateConfiguration.type must be KNOWLEDGE_BASE or EXTERNAL_SOURCES,"
                    + " was \"" + type + "\"");
        }
        String sessionId = body.path("sessionId").asText("");
        if (sessionId.isEmpty()) {
            sessionId = UUID.randomUUID().toString();
        }
        ModelReply reply = engine.nextReply(modelId(modelArn));
        if (reply == null && !modelId(modelArn).equals(modelArn)) {
            reply = engine.nextReply(modelArn);
        }
        if (reply == null) {
            return citeEachSource(sessionId, hits);
        }
        ChatRequest.Builder prompt = ChatRequest.builder();
        StringBuilder system = new StringBuilder("Answer the question using only these search results:");
        for (int i = 0; i < hits.size(); i++) {
            system.append("\n[").append(i + 1).append("] ").append(hits.get(i).document().text());
        }
        ChatRequest request = prompt.system(system.toString()).user(input).build();
        ChatResponse response = engine.modelOperations().respond(modelArn, reply, request, "RetrieveAndGenerate");
        List<ObjectNode> citations = new ArrayList<>();
        if (!hits.isEmpty()) {
            citations.add(citation(response.text(), 0, hits));
        }
        return new Generated(sessionId, response.text(), citations);
    }

    /** The unscripted answer: the first sentence of each retrieved document, each citing its document. */
    private static Generated citeEachSource(String sessionId, List<KnowledgeBaseState.Hit> hits) {
        if (hits.isEmpty()) {
            return new Generated(sessionId, NO_ANSWER, List.of());
        }
        StringBuilder text = new StringBuilder();
        List<ObjectNode> citations = new ArrayList<>();
        for (KnowledgeBaseState.Hit hit : hits.subList(0, Math.min(3, hits.size()))) {
            if (text.length() > 0) {
                text.append(' ');
            }
            String sentence = firstSentence(hit.document().text());
            citations.add(citation(sentence, text.length(), List.of(hit)));
            text.append(sentence);
        }
        return new Generated(sessionId, text.toString(), citations);
    }

    private static ObjectNode citation(String text, int start, List<KnowledgeBaseState.Hit> hits) {
        ObjectNode citation = JsonSupport.object();
        ObjectNode part = citation.putObject("generatedResponsePart").putObject("textResponsePart");
        part.put("text", text);
        part.putObject("span").put("start", start).put("end", start + Math.max(0, text.length() - 1));
        ArrayNode references = citation.putArray("retrievedReferences");
        hits.forEach(hit -> references.add(KnowledgeBaseState.reference(hit.document())));
        return citation;
    }

    private static String firstSentence(String text) {
        String stripped = text.strip();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == stripped.length() || Character.isWhitespace(stripped.charAt(i + 1)))) {
                return stripped.substring(0, i + 1);
            }
        }
        return stripped;
    }

    /** The model id in a foundation-model ARN, or the value itself. */
    private static String modelId(String modelArn) {
        int slash = modelArn.indexOf("foundation-model/");
        return modelArn.startsWith("arn:") && slash > 0 ? modelArn.substring(slash + "foundation-model/".length()) : modelArn;
    }

    // ------------------------------------------------------------------ InvokeAgent

    Answer invokeAgent(String agentId, String agentAliasId, String sessionId, JsonNode body) {
        Script<AgentReply> agent = engine.existingAgent(agentId, agentAliasId);
        if (agent == null) {
            throw AnswerException.notFound("Agent " + agentId + " with alias " + agentAliasId
                    + " was not found; add it with server.agent(\"" + agentId + "\", \"" + agentAliasId + "\")");
        }
        if (!body.path("inputText").isTextual() && !body.path("sessionState").has("returnControlInvocationResults")) {
            throw AnswerException.invalid("inputText is required unless sessionState.returnControlInvocationResults is sent");
        }
        AgentReply reply = agent.nextReply();
        for (int depth = 0; reply instanceof AgentReply.Dynamic dynamic; depth++) {
            if (depth == 8) {
                throw new IllegalStateException("AgentReply.respond functions nested more than 8 deep");
            }
            reply = dynamic.function().apply(body);
        }
        if (reply == null) {
            reply = AgentEvents.echo(body);
        }
        AgentEvents.Context context = new AgentEvents.Context(agentId, agentAliasId, sessionId,
                body.path("enableTrace").asBoolean(false));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-bedrock-agent-content-type", "application/json");
        headers.put("x-amz-bedrock-agent-session-id", sessionId);
        if (body.hasNonNull("memoryId")) {
            headers.put("x-amz-bedrock-agent-memory-id", body.get("memoryId").asText());
        }
        return Answer.stream(headers, AgentEvents.of(reply, context, invocations.incrementAndGet()));
    }
}
