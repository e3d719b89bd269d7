package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.GuardrailReply;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ApplyGuardrail ({@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply}): validates the
 * request as the service model does, finds the guardrail version, and answers its script or the verdict of its
 * policies in the shape of {@code ApplyGuardrailResponse} (bedrock-runtime service model 2023-09-30: required
 * {@code usage}, {@code action}, {@code outputs}, {@code assessments}; optional {@code actionReason},
 * {@code guardrailCoverage}). Thread-safe.
 */
final class GuardrailOperations {
    static final Pattern IDENTIFIER = Pattern.compile(
            "([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+)");
    static final Pattern VERSION = Pattern.compile("([1-9][0-9]{0,7})|(DRAFT)");
    private static final Set<String> QUALIFIERS = Set.of("grounding_source", "query", "guard_content");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int CHARACTERS_PER_UNIT = 1000;

    private final BedrockEngine engine;

    GuardrailOperations(BedrockEngine engine) {
        this.engine = engine;
    }

    /** The guardrail id an identifier names: the identifier itself, or the last part of a guardrail ARN. */
    static String guardrailId(String identifier) {
        return identifier == null ? "" : identifier.substring(identifier.lastIndexOf('/') + 1);
    }

    Answer applyGuardrail(String identifier, String version, JsonNode body) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw AnswerException.invalid(constraint(identifier, "guardrailIdentifier", "Member must satisfy regular "
                    + "expression pattern: " + IDENTIFIER.pattern()));
        }
        if (!VERSION.matcher(version).matches()) {
            throw AnswerException.invalid(constraint(version, "guardrailVersion", "Member must satisfy regular "
                    + "expression pattern: " + VERSION.pattern()));
        }
        String id = guardrailId(identifier);
        GuardrailState guardrail = engine.existingGuardrail(id, version);
        if (guardrail == null) {
            throw AnswerException.notFound("The guardrail " + id + " version " + version + " was not found; configure it"
                    + " with server.guardrail(\"" + id + "\", \"" + version + "\")");
        }
        Request request = request(body);
        GuardrailReply reply = guardrail.script().nextReply();
        if (reply instanceof GuardrailReply.RawBody raw) {
            return Answer.json(raw.body());
        }
        return Answer.json(assess(guardrail.policies(), request));
    }

    /**
     * The verdict of a guardrail's policies on texts Converse guards ({@code guardrailConfig}): the same
     * {@code ApplyGuardrail} response shape, for the input or the output.
     *
     * @param guardrail the guardrail version
     * @param input whether the texts are input
     * @param full whether the assessment lists the checks that found nothing ({@code trace: enabled_full})
     * @param texts the guarded texts
     */
    static ObjectNode verdict(GuardrailState guardrail, boolean input, boolean full, List<String> texts) {
        List<Text> blocks = texts.stream().map(t -> new Text(t, Set.<String>of())).toList();
        return assess(guardrail.policies(), new Request(input, full, blocks, 0));
    }

    // ------------------------------------------------------------------ the request

    /** A text block and its qualifiers. */
    private record Text(String text, Set<String> qualifiers) {
        boolean guarded() {
            return qualifiers.isEmpty() || qualifiers.contains("guard_content");
        }
    }

    private record Request(boolean input, boolean full, List<Text> texts, int images) {
    }

    private static Request request(JsonNode body) {
        String source = body.path("source").asText("");
        if (!source.equals("INPUT") && !source.equals("OUTPUT")) {
            throw AnswerException.invalid(body.has("source") ? constraint(source, "source",
                    "Member must satisfy enum value set: [INPUT, OUTPUT]")
                    : "1 validation error detected: Value null at 'source' failed to satisfy constraint: Member must not be null");
        }
        String scope = body.path("outputScope").asText("INTERVENTIONS");
        if (!scope.equals("INTERVENTIONS") && !scope.equals("FULL")) {
            throw AnswerException.invalid(constraint(scope, "outputScope", "Member must satisfy enum value set: [INTERVENTIONS, FULL]"));
        }
        JsonNode content = body.path("content");
        if (!content.isArray()) {
            throw AnswerException.invalid("1 validation error detected: Value null at 'content' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        if (content.isEmpty()) {
            throw AnswerException.invalid("The content must hold at least one text or image block");
        }
        List<Text> texts = new ArrayList<>();
        int images = 0;
        for (JsonNode block : content) {
            if (block.size() != 1 || !(block.has("text") || block.has("image"))) {
                throw AnswerException.invalid("Each content block must hold exactly one of text or image");
            }
            if (block.has("text")) {
                JsonNode text = block.get("text");
                if (!text.path("text").isTextual()) {
                    throw AnswerException.invalid("1 validation error detected: Value null at 'content.member.text.text'"
                            + " failed to satisfy constraint: Member must not be null");
                }
                Set<String> qualifiers = new HashSet<>();
                for (JsonNode qualifier : text.path("qualifiers")) {
                    if (!QUALIFIERS.contains(qualifier.asText())) {
                        throw AnswerException.invalid(constraint(qualifier.asText(), "content.member.text.qualifiers.member",
                                "Member must satisfy enum value set: [grounding_source, query, guard_content]"));
                    }
                    qualifiers.add(qualifier.asText());
                }
                texts.add(new Text(text.get("text").asText(), qualifiers));
            } else {
                JsonNode image = block.get("image");
                String format = image.path("format").asText("");
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw AnswerException.invalid(constraint(format, "content.member.image.format",
                            "Member must satisfy enum value set: [png, jpeg]"));
                }
                String bytes = image.path("source").path("bytes").asText("");
                try {
                    if (Base64.getDecoder().decode(bytes).length == 0) {
                        throw AnswerException.invalid("The image source bytes must not be empty");
                    }
                } catch (IllegalArgumentException e) {
                    throw AnswerException.invalid("The image source bytes are not valid base64");
                }
                images++;
            }
        }
        return new Request(source.equals("INPUT"), scope.equals("FULL"), texts, images);
    }

    private static String constraint(String value, String member, String rule) {
        return "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + rule;
    }

    // ------------------------------------------------------------------ the verdict

    private static ObjectNode assess(GuardrailState.Policies policies, Request request) {
        List<Text> guarded = request.texts().stream().filter(Text::guarded).toList();
        boolean full = request.full();
        boolean blocked = false;
        boolean masked = false;
        ObjectNode assessment = JsonSupport.object();

        ArrayNode topics = JsonSupport.array();
        for (GuardrailState.Topic topic : policies.topics()) {
            boolean detected = guarded.stream().anyMatch(t -> containsAny(t.text(), topic.phrases()));
            blocked |= detected;
            if (detected || full) {
                topics.addObject().put("name", topic.name()).put("type", "DENY").put("action", detected ? "BLOCKED" : "NONE")
                        .put("detected", detected);
            }
        }
        if (!topics.isEmpty()) {
            assessment.putObject("topicPolicy").set("topics", topics);
        }

        ArrayNode filters = JsonSupport.array();
        for (GuardrailState.ContentFilter filter : policies.filters()) {
            boolean applies = request.input() || !filter.type().equals("PROMPT_ATTACK");
            boolean detected = applies && guarded.stream().anyMatch(t -> containsAny(t.text(), filter.phrases()));
            blocked |= detected;
            if (detected || (full && applies)) {
                filters.addObject().put("type", filter.type()).put("confidence", detected ? "HIGH" : "NONE")
                        .put("filterStrength", "HIGH").put("action", detected ? "BLOCKED" : "NONE").put("detected", detected);
            }
        }
        if (!filters.isEmpty()) {
            assessment.putObject("contentPolicy").set("filters", filters);
        }

        ArrayNode words = JsonSupport.array();
        for (String word : policies.words()) {
            boolean detected = guarded.stream().anyMatch(t -> containsAny(t.text(), List.of(word)));
            blocked |= detected;
            if (detected || full) {
                words.addObject().put("match", word).put("action", detected ? "BLOCKED" : "NONE").put("detected", detected);
            }
        }
        if (!words.isEmpty()) {
            ObjectNode wordPolicy = assessment.putObject("wordPolicy");
            wordPolicy.set("customWords", words);
            wordPolicy.putArray("managedWordLists");
        }

        // sensitive information: detected in order, each match masked before the next type looks
        List<String> maskedTexts = new ArrayList<>();
        ArrayNode entities = JsonSupport.array();
        ArrayNode regexes = JsonSupport.array();
        Set<String> seenTypes = new HashSet<>();
        Set<String> seenRegexes = new HashSet<>();
        for (Text text : guarded) {
            String current = text.text();
            for (GuardrailState.Sensitive pii : policies.pii()) {
                Matcher m = pii.pattern().matcher(current);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    entities.addObject().put("match", m.group()).put("type", pii.name())
                            .put("action", pii.block() ? "BLOCKED" : "ANONYMIZED").put("detected", true);
                    seenTypes.add(pii.name());
                    blocked |= pii.block();
                    masked |= !pii.block();
                    m.appendReplacement(out, Matcher.quoteReplacement("{" + pii.name() + "}"));
                }
                m.appendTail(out);
                current = out.toString();
            }
            for (GuardrailState.Sensitive regex : policies.regexes()) {
                Matcher m = regex.pattern().matcher(current);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    regexes.addObject().put("name", regex.name()).put("match", m.group()).put("regex", regex.pattern().pattern())
                            .put("action", regex.block() ? "BLOCKED" : "ANONYMIZED").put("detected", true);
                    seenRegexes.add(regex.name());
                    blocked |= regex.block();
                    masked |= !regex.block();
                    m.appendReplacement(out, Matcher.quoteReplacement("{" + regex.name() + "}"));
                }
                m.appendTail(out);
                current = out.toString();
            }
            maskedTexts.add(current);
        }
        if (full) {
            for (GuardrailState.Sensitive pii : policies.pii()) {
                if (!seenTypes.contains(pii.name())) {
                    entities.addObject().put("match", "").put("type", pii.name()).put("action", "NONE").put("detected", false);
                }
            }
            for (GuardrailState.Sensitive regex : policies.regexes()) {
                if (!seenRegexes.contains(regex.name())) {
                    regexes.addObject().put("name", regex.name()).put("match", "").put("regex", regex.pattern().pattern())
                            .put("action", "NONE").put("detected", false);
                }
            }
        }
        if (!entities.isEmpty() || !regexes.isEmpty()) {
            ObjectNode sensitive = assessment.putObject("sensitiveInformationPolicy");
            sensitive.set("piiEntities", entities);
            sensitive.set("regexes", regexes);
        }

        boolean grounded = policies.grounding() && request.texts().stream().anyMatch(t -> t.qualifiers().contains("grounding_source"))
                && request.texts().stream().anyMatch(t -> t.qualifiers().contains("query"));
        if (grounded) {
            String source = join(request.texts(), "grounding_source");
            String query = join(request.texts(), "query");
            String answer = String.join(" ", guarded.stream().map(Text::text).toList());
            ArrayNode grounding = JsonSupport.array();
            double[][] checks = {{policies.groundingThreshold(), share(answer, source)},
                    {policies.relevanceThreshold(), share(query, answer)}};
            String[] types = {"GROUNDING", "RELEVANCE"};
            for (int i = 0; i < 2; i++) {
                double threshold = checks[i][0];
                double score = checks[i][1];
                if (threshold < 0) {
                    continue;
                }
                boolean detected = score < threshold;
                blocked |= detected;
                // Bedrock reports both scores whenever the check runs, with action NONE for the one that passed
                grounding.addObject().put("type", types[i]).put("threshold", threshold).put("score", score)
                        .put("action", detected ? "BLOCKED" : "NONE").put("detected", detected);
            }
            if (!grounding.isEmpty()) {
                assessment.putObject("contextualGroundingPolicy").set("filters", grounding);
            }
        }

        int guardedCharacters = guarded.stream().mapToInt(t -> t.text().length()).sum();
        int totalCharacters = request.texts().stream().mapToInt(t -> t.text().length()).sum();
        int units = (guardedCharacters + CHARACTERS_PER_UNIT - 1) / CHARACTERS_PER_UNIT;
        ObjectNode usage = JsonSupport.object()
                .put("topicPolicyUnits", policies.topics().isEmpty() ? 0 : units)
                .put("contentPolicyUnits", policies.filters().isEmpty() ? 0 : units)
                .put("wordPolicyUnits", policies.words().isEmpty() ? 0 : units)
                .put("sensitiveInformationPolicyUnits", policies.pii().isEmpty() ? 0 : units)
                .put("sensitiveInformationPolicyFreeUnits", policies.regexes().isEmpty() ? 0 : units)
                .put("contextualGroundingPolicyUnits", grounded ? units : 0)
                .put("contentPolicyImageUnits", 0);
        ObjectNode coverage = JsonSupport.object();
        coverage.putObject("textCharacters").put("guarded", guardedCharacters).put("total", totalCharacters);
        if (request.images() > 0) {
            coverage.putObject("images").put("guarded", 0).put("total", request.images());
        }
        ObjectNode metrics = assessment.putObject("invocationMetrics");
        metrics.put("guardrailProcessingLatency", 1);
        metrics.set("usage", usage.deepCopy());
        metrics.set("guardrailCoverage", coverage.deepCopy());

        ObjectNode answer = JsonSupport.object();
        answer.set("usage", usage);
        ArrayNode outputs = JsonSupport.array();
        if (blocked) {
            answer.put("action", "GUARDRAIL_INTERVENED").put("actionReason", "Guardrail blocked.");
            outputs.addObject().put("text", request.input() ? policies.blockedInput() : policies.blockedOutput());
        } else if (masked) {
            answer.put("action", "GUARDRAIL_INTERVENED").put("actionReason", "Guardrail masked.");
            maskedTexts.forEach(text -> outputs.addObject().put("text", text));
        } else {
            answer.put("action", "NONE");
        }
        answer.set("outputs", outputs);
        answer.putArray("assessments").add(assessment);
        answer.set("guardrailCoverage", coverage);
        return answer;
    }

    /** Whether the text holds one of the phrases as whole words, in any case. */
    private static boolean containsAny(String text, List<String> phrases) {
        for (String phrase : phrases) {
            Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static String join(List<Text> texts, String qualifier) {
        return String.join(" ", texts.stream().filter(t -> t.qualifiers().contains(qualifier)).map(Text::text).toList());
    }

    /** The share of the words of {@code part} that occur in {@code whole}, rounded to two decimals; 1 for no words. */
    private static double share(String part, String whole) {
        Set<String> words = words(part);
        if (words.isEmpty()) {
            return 1.0;
        }
        Set<String> known = words(whole);
        long found = words.stream().filter(known::contains).count();
        return Math.round(100.0 * found / words.size()) / 100.0;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
