package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.Objects;

/**
 * What a guardrail on the {@link LocalBedrockServer} answers to one {@code ApplyGuardrail} call: the verdict of
 * its configured policies (the default), or a body scripted whole.
 *
 * <pre>{@code
 * server.guardrail("gr7abc123xyz", "1").enqueue(GuardrailReply.rawBody("""
 *         {"action":"GUARDRAIL_INTERVENED","actionReason":"Guardrail blocked.",
 *          "outputs":[{"text":"Sorry, the model cannot answer this question."}],
 *          "assessments":[{"contentPolicy":{"filters":[{"type":"HATE","confidence":"HIGH",
 *                          "filterStrength":"HIGH","action":"BLOCKED","detected":true}]}}],
 *          "usage":{"topicPolicyUnits":0,"contentPolicyUnits":1,"wordPolicyUnits":0,
 *                   "sensitiveInformationPolicyUnits":0,"sensitiveInformationPolicyFreeUnits":0,
 *                   "contextualGroundingPolicyUnits":0}}"""));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface GuardrailReply {

    /** The verdict of the guardrail's configured policies, as {@link LocalGuardrail} describes it. */
    record Policies() implements GuardrailReply {
    }

    /**
     * An {@code ApplyGuardrail} response body, sent as is.
     *
     * @param body the JSON body
     */
    record RawBody(JsonNode body) implements GuardrailReply {
        /**
         * Validates and copies the body.
         *
         * @param body the body
         */
        public RawBody {
            body = Objects.requireNonNull(body, "body").deepCopy();
        }

        /**
         * A copy of the body.
         *
         * @return the JSON body
         */
        @Override
        public JsonNode body() {
            return body.deepCopy();
        }
    }

    /**
     * The verdict of the guardrail's configured policies; what an unscripted guardrail answers.
     *
     * @return the reply
     */
    static GuardrailReply policies() {
        return new Policies();
    }

    /**
     * An {@code ApplyGuardrail} response body, sent as is.
     *
     * @param json the body as JSON text
     * @return the reply
     * @throws java.io.UncheckedIOException if the JSON is malformed
     */
    static GuardrailReply rawBody(String json) {
        return new RawBody(JsonSupport.parse(json));
    }
}
