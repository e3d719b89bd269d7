package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.testkit.GuardrailReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One guardrail version: its policies, configured as Bedrock's CreateGuardrail configures them (denied
 * topics, content filters, words, sensitive information, contextual grounding, blocked messages), and its
 * script of replies and faults. A new one anonymizes e-mail addresses and phone numbers. Thread-safe: every
 * method is synchronized, and {@link #policies()} is an immutable snapshot.
 */
public final class GuardrailState {
    /** Bedrock's default message for blocked content. */
    public static final String DEFAULT_BLOCKED_MESSAGE = "Sorry, the model cannot answer this question.";
    /** The content filter types Bedrock knows. */
    static final List<String> CONTENT_FILTERS = List.of("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT", "PROMPT_ATTACK");
    /**
     * The sensitive information types the server detects offline, in the order it looks for them, with
     * patterns for their common written forms.
     */
    static final Map<String, Pattern> PII_PATTERNS = piiPatterns();

    private final String id;
    private final String version;
    private final Script<GuardrailReply> script = new Script<>();
    private Policies policies = Policies.DEFAULT;

    /** A denied topic, detected when one of its phrases occurs. */
    record Topic(String name, List<String> phrases) {
    }

    /** A content filter, detected when one of its phrases occurs. */
    record ContentFilter(String type, List<String> phrases) {
    }

    /** A sensitive information type or a named regex, and whether it blocks or anonymizes. */
    record Sensitive(String name, Pattern pattern, boolean block) {
    }

    /**
     * An immutable snapshot of the policies.
     *
     * @param topics denied topics
     * @param filters content filters
     * @param words blocked words and phrases
     * @param pii sensitive information types
     * @param regexes named regexes
     * @param groundingThreshold the grounding threshold, or a negative number when grounding is not checked
     * @param relevanceThreshold the relevance threshold, or a negative number when relevance is not checked
     * @param blockedInput the message that replaces blocked input
     * @param blockedOutput the message that replaces blocked output
     */
    record Policies(List<Topic> topics, List<ContentFilter> filters, List<String> words, List<Sensitive> pii,
                    List<Sensitive> regexes, double groundingThreshold, double relevanceThreshold, String blockedInput,
                    String blockedOutput) {
        static final Policies NONE = new Policies(List.of(), List.of(), List.of(), List.of(), List.of(), -1, -1,
                DEFAULT_BLOCKED_MESSAGE, DEFAULT_BLOCKED_MESSAGE);
        static final Policies DEFAULT = NONE.withPii(new Sensitive("EMAIL", PII_PATTERNS.get("EMAIL"), false))
                .withPii(new Sensitive("PHONE", PII_PATTERNS.get("PHONE"), false));

        Policies {
            topics = List.copyOf(topics);
            filters = List.copyOf(filters);
            words = List.copyOf(words);
            pii = List.copyOf(pii);
            regexes = List.copyOf(regexes);
        }

        Policies withPii(Sensitive entity) {
            List<Sensitive> more = new ArrayList<>();
            for (Sensitive existing : pii) {
                if (!existing.name().equals(entity.name())) {
                    more.add(existing);
                }
            }
            more.add(entity);
            // detect in the fixed order of PII_PATTERNS, so that a card number is not read as a phone number
            List<String> order = new ArrayList<>(PII_PATTERNS.keySet());
            more.sort((a, b) -> Integer.compare(order.indexOf(a.name()), order.indexOf(b.name())));
            return new Policies(topics, filters, words, more, regexes, groundingThreshold, relevanceThreshold,
                    blockedInput, blockedOutput);
        }

        boolean grounding() {
            return groundingThreshold >= 0 || relevanceThreshold >= 0;
        }
    }

    /**
     * Creates a guardrail version with the default policies.
     *
     * @param id the guardrail id
     * @param version the version, {@code DRAFT} or a number
     */
    public GuardrailState(String id, String version) {
        this.id = Objects.requireNonNull(id, "id");
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The guardrail id. */
    public String id() {
        return id;
    }

    /** The version. */
    public String version() {
        return version;
    }

    /** The replies and faults scripted for this guardrail version. */
    public Script<GuardrailReply> script() {
        return script;
    }

    synchronized Policies policies() {
        return policies;
    }

    /** Adds a denied topic. */
    public synchronized void denyTopic(String name, List<String> phrases) {
        requireText(name, "name");
        List<Topic> topics = new ArrayList<>(policies.topics());
        topics.add(new Topic(name, phrases(phrases)));
        policies = new Policies(topics, policies.filters(), policies.words(), policies.pii(), policies.regexes(),
                policies.groundingThreshold(), policies.relevanceThreshold(), policies.blockedInput(), policies.blockedOutput());
    }

    /** Adds a content filter. */
    public synchronized void filterContent(String type, List<String> phrases) {
        String upper = requireText(type, "type").toUpperCase(Locale.ROOT);
        if (!CONTENT_FILTERS.contains(upper)) {
            throw new IllegalArgumentException("a content filter type is one of " + String.join(", ", CONTENT_FILTERS)
                    + "; was " + type);
        }
        List<ContentFilter> filters = new ArrayList<>(policies.filters());
        filters.add(new ContentFilter(upper, phrases(phrases)));
        policies = new Policies(policies.topics(), filters, policies.words(), policies.pii(), policies.regexes(),
                policies.groundingThreshold(), policies.relevanceThreshold(), policies.blockedInput(), policies.blockedOutput());
    }

    /** Adds blocked words. */
    public synchronized void blockWords(List<String> words) {
        List<String> all = new ArrayList<>(policies.words());
        all.addAll(phrases(words));
        policies = new Policies(policies.topics(), policies.filters(), all, policies.pii(), policies.regexes(),
                policies.groundingThreshold(), policies.relevanceThreshold(), policies.blockedInput(), policies.blockedOutput());
    }

    /** Detects sensitive information types, anonymizing or blocking them; replaces an earlier setting of the type. */
    public synchronized void pii(List<String> types, boolean block) {
        Policies next = policies;
        for (String type : types) {
            String upper = requireText(type, "type").toUpperCase(Locale.ROOT);
            Pattern pattern = PII_PATTERNS.get(upper);
            if (pattern == null) {
                throw new IllegalArgumentException("the local server detects " + String.join(", ", PII_PATTERNS.keySet())
                        + "; for " + type + " use anonymizeRegex or blockRegex with a pattern for it");
            }
            next = next.withPii(new Sensitive(upper, pattern, block));
        }
        policies = next;
    }

    /** Adds a named regex that anonymizes or blocks what it matches. */
    public synchronized void regex(String name, String regex, boolean block) {
        requireText(name, "name");
        Pattern pattern;
        try {
            pattern = Pattern.compile(requireText(regex, "regex"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regex: " + e.getMessage(), e);
        }
        List<Sensitive> regexes = new ArrayList<>(policies.regexes());
        regexes.add(new Sensitive(name, pattern, block));
        policies = new Policies(policies.topics(), policies.filters(), policies.words(), policies.pii(), regexes,
                policies.groundingThreshold(), policies.relevanceThreshold(), policies.blockedInput(), policies.blockedOutput());
    }

    /** Checks contextual grounding and relevance against these thresholds. */
    public synchronized void contextualGrounding(double grounding, double relevance) {
        for (double threshold : new double[] {grounding, relevance}) {
            if (!(threshold >= 0 && threshold <= 0.99)) {
                throw new IllegalArgumentException("a contextual grounding threshold is between 0 and 0.99, was " + threshold);
            }
        }
        policies = new Policies(policies.topics(), policies.filters(), policies.words(), policies.pii(), policies.regexes(),
                grounding, relevance, policies.blockedInput(), policies.blockedOutput());
    }

    /** Sets the messages that replace blocked input and output. */
    public synchronized void blockedMessages(String input, String output) {
        policies = new Policies(policies.topics(), policies.filters(), policies.words(), policies.pii(), policies.regexes(),
                policies.groundingThreshold(), policies.relevanceThreshold(), requireText(input, "input"),
                requireText(output, "output"));
    }

    /** Removes every policy: the guardrail then lets everything pass. */
    public synchronized void clearPolicies() {
        policies = Policies.NONE;
    }

    /** Restores the default policies and forgets the script. */
    public synchronized void reset() {
        policies = Policies.DEFAULT;
        script.reset();
    }

    private static List<String> phrases(List<String> phrases) {
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("give at least one word or phrase");
        }
        List<String> copy = new ArrayList<>();
        for (String phrase : phrases) {
            copy.add(requireText(phrase, "phrase").strip());
        }
        return copy;
    }

    private static String requireText(String text, String what) {
        if (Objects.requireNonNull(text, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return text;
    }

    private static Map<String, Pattern> piiPatterns() {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        patterns.put("AWS_ACCESS_KEY", Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"));
        patterns.put("EMAIL", Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}(?![\\w-])"));
        patterns.put("URL", Pattern.compile("\\bhttps?://[^\\s<>\"']+"));
        patterns.put("CREDIT_DEBIT_CARD_NUMBER", Pattern.compile("(?<![\\d-])(?:\\d{4}[ -]?){3}\\d{4}(?![\\d-])"));
        patterns.put("US_SOCIAL_SECURITY_NUMBER", Pattern.compile("(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])"));
        patterns.put("IP_ADDRESS", Pattern.compile(
                "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])"));
        patterns.put("PHONE", Pattern.compile(
                "(?<![\\w+-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?![\\w-])"));
        return java.util.Collections.unmodifiableMap(patterns);
    }
}
