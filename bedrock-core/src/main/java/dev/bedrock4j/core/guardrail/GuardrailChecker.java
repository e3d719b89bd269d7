package dev.bedrock4j.core.guardrail;

import dev.bedrock4j.core.chat.Guardrail;

/**
 * A Bedrock guardrail used on its own, through {@code ApplyGuardrail}: checks a prompt before it reaches any model
 * (before a bulk run, say) or a model's answer after the fact (a RAG answer against its passages), without a
 * model call.
 *
 * <pre>{@code
 * GuardrailChecker guardrail = bedrock.guardrail(Guardrail.of("gr7abc123xyz", "1"));
 * GuardrailResult prompt = guardrail.checkInput("Which stocks should I buy?");
 * if (prompt.blocked()) {
 *     System.out.println(prompt.outputText());          // the guardrail's blocked-input message
 * }
 * GuardrailResult answer = guardrail.check(GuardrailRequest.output(text)
 *         .withGroundingSource(passage).withQuery(question));
 * System.out.println(answer.groundingScore());
 * }</pre>
 *
 * <p>Requests are checked before any call: the guardrail id and version must have Bedrock's form, and the content
 * must hold something to guard. Implementations are thread-safe; create one per guardrail and share it.
 */
public interface GuardrailChecker {

    /**
     * The guardrail this checker applies.
     *
     * @return the guardrail id and version
     */
    Guardrail guardrail();

    /**
     * Checks content.
     *
     * @param request the content and what it is
     * @return the verdict
     * @throws dev.bedrock4j.core.InvalidRequestException before any call, if the request has nothing to guard, a
     *         grounding source without a query (or the reverse), or an image that is not PNG or JPEG; or when
     *         Bedrock refuses it
     * @throws dev.bedrock4j.core.ResourceNotFoundException if Bedrock knows no such guardrail version
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    GuardrailResult check(GuardrailRequest request);

    /**
     * Checks a prompt, as input.
     *
     * @param text the text
     * @return the verdict
     * @throws dev.bedrock4j.core.BedrockException or a subclass, as for {@link #check(GuardrailRequest)}
     */
    default GuardrailResult checkInput(String text) {
        return check(GuardrailRequest.input(text));
    }

    /**
     * Checks a model's answer, as output.
     *
     * @param text the text
     * @return the verdict
     * @throws dev.bedrock4j.core.BedrockException or a subclass, as for {@link #check(GuardrailRequest)}
     */
    default GuardrailResult checkOutput(String text) {
        return check(GuardrailRequest.output(text));
    }
}
