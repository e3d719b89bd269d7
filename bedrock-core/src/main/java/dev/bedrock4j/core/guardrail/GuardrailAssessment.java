package dev.bedrock4j.core.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one guardrail assessed in one piece of content, policy by policy: denied topics, content filters, word
 * filters, sensitive information, and contextual grounding. With the {@code INTERVENTIONS} scope Bedrock lists
 * only what it detected; with the full scope it also lists what it checked and did not detect.
 *
 * <pre>{@code
 * for (GuardrailAssessment.Finding finding : result.fired()) {
 *     System.out.println(finding.policy() + ": " + finding.name() + " -> " + finding.action());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param topics the denied topics checked
 * @param contentFilters the content filters checked
 * @param words the custom words and managed word lists checked
 * @param sensitiveInformation the sensitive information types and regexes checked
 * @param grounding the contextual grounding and relevance checks
 */
public record GuardrailAssessment(List<Topic> topics, List<ContentFilter> contentFilters, List<Word> words,
                                  List<SensitiveInformation> sensitiveInformation, List<Grounding> grounding) {
    /** An assessment that found nothing. */
    public static final GuardrailAssessment EMPTY = new GuardrailAssessment(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The policy a finding belongs to. */
    public enum Policy {
        /** Denied topics. */
        TOPIC,
        /** Content filters (hate, insults, sexual, violence, misconduct, prompt attack). */
        CONTENT_FILTER,
        /** Custom words and managed word lists (profanity). */
        WORD,
        /** Sensitive information: PII types and regexes. */
        SENSITIVE_INFORMATION,
        /** Contextual grounding and relevance. */
        CONTEXTUAL_GROUNDING
    }

    /**
     * One check of one policy.
     *
     * <p>Implementations are immutable and thread-safe.
     */
    public sealed interface Finding permits Topic, ContentFilter, Word, SensitiveInformation, Grounding {
        /**
         * The policy that made the check.
         *
         * @return the policy
         */
        Policy policy();

        /**
         * What was checked: a topic's name, a filter's type, a word, a PII type or regex name, {@code GROUNDING}
         * or {@code RELEVANCE}.
         *
         * @return the name
         */
        String name();

        /**
         * What the guardrail did, in Bedrock's words: {@code BLOCKED}, {@code ANONYMIZED} or {@code NONE}.
         *
         * @return the action
         */
        String action();

        /**
         * Whether the check detected what it looks for.
         *
         * @return {@code true} when detected
         */
        boolean detected();

        /**
         * Whether the check changed the content: it blocked or masked it.
         *
         * @return {@code true} when the action is not {@code NONE}
         */
        default boolean fired() {
            return !action().equals("NONE");
        }
    }

    /**
     * A denied topic.
     *
     * @param name the topic's name
     * @param action {@code BLOCKED} or {@code NONE}
     * @param detected whether the topic came up
     */
    public record Topic(String name, String action, boolean detected) implements Finding {
        /**
         * Validates the components.
         *
         * @param name the name
         * @param action the action
         * @param detected whether detected
         */
        public Topic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public Policy policy() {
            return Policy.TOPIC;
        }
    }

    /**
     * A content filter.
     *
     * @param type {@code HATE}, {@code INSULTS}, {@code SEXUAL}, {@code VIOLENCE}, {@code MISCONDUCT} or
     *             {@code PROMPT_ATTACK}
     * @param confidence how sure the filter is: {@code NONE}, {@code LOW}, {@code MEDIUM} or {@code HIGH}
     * @param strength the filter's configured strength, or empty when not reported
     * @param action {@code BLOCKED} or {@code NONE}
     * @param detected whether the filter detected its type
     */
    public record ContentFilter(String type, String confidence, String strength, String action, boolean detected)
            implements Finding {
        /**
         * Validates the components.
         *
         * @param type the type
         * @param confidence the confidence
         * @param strength the strength, or empty
         * @param action the action
         * @param detected whether detected
         */
        public ContentFilter {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(confidence, "confidence");
            Objects.requireNonNull(strength, "strength");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public Policy policy() {
            return Policy.CONTENT_FILTER;
        }

        @Override
        public String name() {
            return type;
        }
    }

    /**
     * A custom word or a word of a managed list.
     *
     * @param match the word found
     * @param managedList the managed list ({@code PROFANITY}), or empty for a custom word
     * @param action {@code BLOCKED} or {@code NONE}
     * @param detected whether the word was found
     */
    public record Word(String match, String managedList, String action, boolean detected) implements Finding {
        /**
         * Validates the components.
         *
         * @param match the word
         * @param managedList the managed list, or empty
         * @param action the action
         * @param detected whether detected
         */
        public Word {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(managedList, "managedList");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public Policy policy() {
            return Policy.WORD;
        }

        @Override
        public String name() {
            return match;
        }
    }

    /**
     * A sensitive information type or regex.
     *
     * @param name the PII type (such as {@code EMAIL}) or the regex's name
     * @param match the text matched, or empty
     * @param regex the regex, or empty for a PII type
     * @param action {@code BLOCKED}, {@code ANONYMIZED} or {@code NONE}
     * @param detected whether it was found
     */
    public record SensitiveInformation(String name, String match, String regex, String action, boolean detected)
            implements Finding {
        /**
         * Validates the components.
         *
         * @param name the type or regex name
         * @param match the match, or empty
         * @param regex the regex, or empty
         * @param action the action
         * @param detected whether detected
         */
        public SensitiveInformation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(regex, "regex");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public Policy policy() {
            return Policy.SENSITIVE_INFORMATION;
        }

        /**
         * Whether this finding is a regex rather than a PII type.
         *
         * @return {@code true} for a regex
         */
        public boolean isRegex() {
            return !regex.isEmpty();
        }
    }

    /**
     * A contextual grounding check.
     *
     * @param type {@code GROUNDING} (is the answer backed by the source?) or {@code RELEVANCE} (does it answer the
     *             query?)
     * @param score the score, from 0 to 1
     * @param threshold the configured threshold; content scoring below it is blocked
     * @param action {@code BLOCKED} or {@code NONE}
     * @param detected whether the score fell below the threshold
     */
    public record Grounding(String type, double score, double threshold, String action, boolean detected) implements Finding {
        /**
         * Validates the components.
         *
         * @param type the type
         * @param score the score
         * @param threshold the threshold
         * @param action the action
         * @param detected whether detected
         */
        public Grounding {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public Policy policy() {
            return Policy.CONTEXTUAL_GROUNDING;
        }

        @Override
        public String name() {
            return type;
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param topics the topics
     * @param contentFilters the content filters
     * @param words the words
     * @param sensitiveInformation the sensitive information
     * @param grounding the grounding checks
     */
    public GuardrailAssessment {
        topics = List.copyOf(topics);
        contentFilters = List.copyOf(contentFilters);
        words = List.copyOf(words);
        sensitiveInformation = List.copyOf(sensitiveInformation);
        grounding = List.copyOf(grounding);
    }

    /**
     * Every check listed, policy by policy.
     *
     * @return the findings
     */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(topics);
        all.addAll(contentFilters);
        all.addAll(words);
        all.addAll(sensitiveInformation);
        all.addAll(grounding);
        return List.copyOf(all);
    }

    /**
     * The checks that blocked or masked content.
     *
     * @return the findings whose action is not {@code NONE}
     */
    public List<Finding> fired() {
        return findings().stream().filter(Finding::fired).toList();
    }

    /**
     * The grounding score, when the contextual grounding check ran.
     *
     * @return the score of the {@code GROUNDING} check, or {@code NaN}
     */
    public double groundingScore() {
        return score("GROUNDING");
    }

    /**
     * The relevance score, when the contextual grounding check ran.
     *
     * @return the score of the {@code RELEVANCE} check, or {@code NaN}
     */
    public double relevanceScore() {
        return score("RELEVANCE");
    }

    private double score(String type) {
        return grounding.stream().filter(g -> g.type().equals(type)).mapToDouble(Grounding::score).findFirst().orElse(Double.NaN);
    }
}
