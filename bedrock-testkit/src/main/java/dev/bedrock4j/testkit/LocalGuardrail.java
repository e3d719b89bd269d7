package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.server.GuardrailState;
import java.util.List;

/**
 * A guardrail version on a {@link LocalBedrockServer}, answering {@code ApplyGuardrail} as Bedrock does: its
 * policies, configured here as Bedrock's {@code CreateGuardrail} configures them, assess the text content
 * blocks, and the response carries the action, the outputs, one assessment per call and the usage.
 *
 * <ul>
 *   <li>What a policy blocks (a denied topic's phrase, a content filter's phrase, a blocked word, blocked
 *       sensitive information) makes the action {@code GUARDRAIL_INTERVENED}, and the output the blocked
 *       message for the {@code source} ("Sorry, the model cannot answer this question." unless set with
 *       {@link #blockedMessages(String, String)}).</li>
 *   <li>Sensitive information that is only anonymized makes the action {@code GUARDRAIL_INTERVENED} too, and
 *       the outputs are the guarded texts with each match masked as Bedrock masks it: {@code {EMAIL}},
 *       {@code {PHONE}}, or the regex's name in braces.</li>
 *   <li>Otherwise the action is {@code NONE} and there are no outputs.</li>
 * </ul>
 *
 * <p>A new guardrail anonymizes e-mail addresses and phone numbers and has no other policy; words and phrases
 * match whole words, in any case. Text blocks qualified as {@code grounding_source} or {@code query} only
 * feed the contextual grounding check; the others (no qualifier, or {@code guard_content}) are guarded.
 * Contextual grounding scores are the share of the guarded text's words found in the grounding source
 * (grounding) and of the query's words found in the guarded text (relevance); both scores are reported whenever the
 * check runs, as Bedrock reports them. With {@code outputScope}
 * {@code FULL} the assessment also lists what was checked and not detected. Images are counted, not assessed.
 *
 * <pre>{@code
 * server.guardrail("gr7abc123xyz", "1")
 *         .blockWords("confidential")
 *         .denyTopic("investment advice", "stocks", "crypto")
 *         .blockPii("US_SOCIAL_SECURITY_NUMBER");
 *
 * ApplyGuardrailResponse response = client.applyGuardrail(r -> r
 *         .guardrailIdentifier("gr7abc123xyz").guardrailVersion("1")
 *         .source(GuardrailContentSource.OUTPUT)
 *         .content(c -> c.text(t -> t.text("Write to jane@example.com"))));
 * // response.action() == GUARDRAIL_INTERVENED, response.outputs().get(0).text() == "Write to {EMAIL}"
 * }</pre>
 *
 * <p>An unknown guardrail id or version gets HTTP 404 {@code ResourceNotFoundException}; one-shot replies from
 * {@link #enqueue(GuardrailReply...)} come before the standing {@link #reply(GuardrailReply)}, and faults
 * work as for models.
 *
 * <p>Thread-safe; tests may configure it while calls are in flight.
 */
public final class LocalGuardrail {
    private final GuardrailState state;

    LocalGuardrail(GuardrailState state) {
        this.state = state;
    }

    /**
     * The guardrail id.
     *
     * @return the id
     */
    public String id() {
        return state.id();
    }

    /**
     * The guardrail version.
     *
     * @return {@code DRAFT} or a version number
     */
    public String version() {
        return state.version();
    }

    /**
     * Denies a topic: content that contains one of its phrases is blocked.
     *
     * @param name the topic's name, reported in the assessment
     * @param phrases the words and phrases that reveal the topic, at least one
     * @return this
     */
    public LocalGuardrail denyTopic(String name, String... phrases) {
        state.denyTopic(name, List.of(phrases));
        return this;
    }

    /**
     * Adds a content filter at high strength: content that contains one of the phrases is blocked, with high
     * confidence. A {@code PROMPT_ATTACK} filter assesses input only, as Bedrock's does.
     *
     * @param type {@code HATE}, {@code INSULTS}, {@code SEXUAL}, {@code VIOLENCE}, {@code MISCONDUCT} or
     *             {@code PROMPT_ATTACK}
     * @param phrases the words and phrases the filter detects, at least one
     * @return this
     */
    public LocalGuardrail filterContent(String type, String... phrases) {
        state.filterContent(type, List.of(phrases));
        return this;
    }

    /**
     * Blocks words and phrases.
     *
     * @param words the words and phrases, at least one
     * @return this
     */
    public LocalGuardrail blockWords(String... words) {
        state.blockWords(List.of(words));
        return this;
    }

    /**
     * Anonymizes sensitive information types, replacing an earlier setting of the same type.
     *
     * @param types {@code EMAIL}, {@code PHONE}, {@code URL}, {@code IP_ADDRESS}, {@code AWS_ACCESS_KEY},
     *              {@code CREDIT_DEBIT_CARD_NUMBER} or {@code US_SOCIAL_SECURITY_NUMBER}: the types the local
     *              server recognizes (for others, see {@link #anonymizeRegex(String, String)})
     * @return this
     */
    public LocalGuardrail anonymizePii(String... types) {
        state.pii(List.of(types), false);
        return this;
    }

    /**
     * Blocks sensitive information types, replacing an earlier setting of the same type.
     *
     * @param types the types, as for {@link #anonymizePii(String...)}
     * @return this
     */
    public LocalGuardrail blockPii(String... types) {
        state.pii(List.of(types), true);
        return this;
    }

    /**
     * Anonymizes what a regex matches, masked as {@code {name}}.
     *
     * @param name the regex's name
     * @param regex a Java regular expression
     * @return this
     */
    public LocalGuardrail anonymizeRegex(String name, String regex) {
        state.regex(name, regex, false);
        return this;
    }

    /**
     * Blocks content a regex matches.
     *
     * @param name the regex's name
     * @param regex a Java regular expression
     * @return this
     */
    public LocalGuardrail blockRegex(String name, String regex) {
        state.regex(name, regex, true);
        return this;
    }

    /**
     * Checks contextual grounding: guarded content whose grounding or relevance score is below its threshold
     * is blocked. Applies to calls whose content has a {@code grounding_source} and a {@code query} block.
     *
     * @param groundingThreshold between 0 and 0.99
     * @param relevanceThreshold between 0 and 0.99
     * @return this
     */
    public LocalGuardrail contextualGrounding(double groundingThreshold, double relevanceThreshold) {
        state.contextualGrounding(groundingThreshold, relevanceThreshold);
        return this;
    }

    /**
     * Sets the messages that replace blocked input and blocked output.
     *
     * @param blockedInput the message for {@code source} {@code INPUT}
     * @param blockedOutput the message for {@code source} {@code OUTPUT}
     * @return this
     */
    public LocalGuardrail blockedMessages(String blockedInput, String blockedOutput) {
        state.blockedMessages(blockedInput, blockedOutput);
        return this;
    }

    /**
     * Removes every policy, the default ones included: the guardrail then lets everything pass.
     *
     * @return this
     */
    public LocalGuardrail clearPolicies() {
        state.clearPolicies();
        return this;
    }

    /**
     * Sets the standing answer, used whenever no one-shot reply is left.
     *
     * @param reply the reply
     * @return this
     */
    public LocalGuardrail reply(GuardrailReply reply) {
        state.script().reply(reply);
        return this;
    }

    /**
     * Adds one-shot replies, each used by one call, in order.
     *
     * @param replies the replies
     * @return this
     */
    public LocalGuardrail enqueue(GuardrailReply... replies) {
        for (GuardrailReply reply : replies) {
            state.script().enqueue(reply);
        }
        return this;
    }

    /**
     * Injects a fault into the next calls of this guardrail.
     *
     * @param calls how many calls, at least 1
     * @param fault the fault
     * @return this
     */
    public LocalGuardrail faultNext(int calls, Fault fault) {
        state.script().faultNext(calls, fault);
        return this;
    }

    /**
     * Injects a fault into every call of this guardrail that no one-shot fault covers.
     *
     * @param fault the fault, or {@code null} to stop injecting it
     * @return this
     */
    public LocalGuardrail fault(Fault fault) {
        state.script().fault(fault);
        return this;
    }

    /**
     * Restores the default policies and forgets the replies and faults; the guardrail stays known.
     *
     * @return this
     */
    public LocalGuardrail reset() {
        state.reset();
        return this;
    }
}
