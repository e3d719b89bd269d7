package dev.bedrock4j.core.internal.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.guardrail.GuardrailAssessment;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.guardrail.GuardrailTrace;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.core.stream.ChatEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentFilterConfidence;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentFilterType;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContextualGroundingFilterType;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContextualGroundingPolicyAction;

/** Guardrail assessments read from the JSON of the service model's shapes, as the SDK writes and the service sends them. */
class GuardrailWireTest {

    @Test
    void anApplyGuardrailResponseBuiltWithTheSdkReadsAsTypedValues() {
        ApplyGuardrailResponse sdk = ApplyGuardrailResponse.builder()
                .action(GuardrailAction.GUARDRAIL_INTERVENED)
                .actionReason("Guardrail blocked.")
                .outputs(o -> o.text("Blocked."))
                .assessments(a -> a
                        .contentPolicy(c -> c.filters(f -> f.type(GuardrailContentFilterType.VIOLENCE)
                                .confidence(GuardrailContentFilterConfidence.MEDIUM).action(GuardrailContentPolicyAction.BLOCKED)
                                .detected(true)))
                        .contextualGroundingPolicy(g -> g.filters(f -> f.type(GuardrailContextualGroundingFilterType.RELEVANCE)
                                .threshold(0.5).score(0.9).action(GuardrailContextualGroundingPolicyAction.NONE))))
                .usage(u -> u.contentPolicyUnits(2).topicPolicyUnits(0).wordPolicyUnits(0).sensitiveInformationPolicyUnits(0)
                        .sensitiveInformationPolicyFreeUnits(0).contextualGroundingPolicyUnits(1).contentPolicyImageUnits(1))
                .build();

        GuardrailResult result = GuardrailWire.result(SdkJson.toJson(sdk));

        assertThat(result.action()).isEqualTo(GuardrailResult.Action.INTERVENED);
        assertThat(result.outputs()).containsExactly("Blocked.");
        assertThat(result.fired()).containsExactly(new GuardrailAssessment.ContentFilter("VIOLENCE", "MEDIUM", "", "BLOCKED", true));
        assertThat(result.relevanceScore()).isEqualTo(0.9);
        assertThat(result.groundingScore()).isNaN();
        assertThat(result.assessments().get(0).grounding()).singleElement()
                .satisfies(g -> assertThat(g.detected()).as("absent detected: the action says").isFalse());
        assertThat(result.usage().contentPolicyImageUnits()).isEqualTo(1);
        assertThat(result.usage().totalTextUnits()).isEqualTo(3);
    }

    @Test
    void aConverseTraceReadsByGuardrailIdAndIgnoresPoliciesItDoesNotKnow() {
        GuardrailTrace trace = GuardrailWire.trace(JsonSupport.parse("""
                {"actionReason":"Guardrail blocked.",
                 "modelOutput":["the original answer"],
                 "inputAssessment":{"gr1":{"topicPolicy":{"topics":[{"name":"Stocks","type":"DENY","action":"NONE",
                                            "detected":false}]},
                                           "automatedReasoningPolicy":{"findings":[]}}},
                 "outputAssessments":{"gr1":[{"wordPolicy":{"customWords":[{"match":"secret","action":"BLOCKED"}]}},
                                             {"sensitiveInformationPolicy":{"regexes":[{"name":"ORDER","match":"ORD-1",
                                              "regex":"ORD-[0-9]+","action":"ANONYMIZED","detected":true}]}}]}}"""));

        assertThat(trace.inputAssessments()).containsOnlyKeys("gr1");
        assertThat(trace.inputFired()).isEmpty();
        assertThat(trace.inputAssessments().get("gr1").topics()).singleElement()
                .isEqualTo(new GuardrailAssessment.Topic("Stocks", "NONE", false));
        assertThat(trace.outputFired()).containsExactly(new GuardrailAssessment.Word("secret", "", "BLOCKED", true),
                new GuardrailAssessment.SensitiveInformation("ORDER", "ORD-1", "ORD-[0-9]+", "ANONYMIZED", true));
        assertThat(trace.fired()).hasSize(2);
        assertThat(trace.modelOutputs()).containsExactly("the original answer");
        assertThat(trace.actionReason()).isEqualTo("Guardrail blocked.");
    }

    @Test
    void anEmptyOrSparseBodyReadsAsNothingFound() {
        GuardrailResult result = GuardrailWire.result(JsonSupport.parse("{\"action\":\"NONE\"}"));
        assertThat(result.intervened()).isFalse();
        assertThat(result.outputs()).isEmpty();
        assertThat(result.assessments()).isEmpty();
        assertThat(result.usage()).isEqualTo(dev.bedrock4j.core.guardrail.GuardrailUsage.ZERO);
        assertThat(GuardrailWire.assessment(JsonSupport.object())).isEqualTo(GuardrailAssessment.EMPTY);
    }

    @Test
    void responsesAndStreamMetadataOfferTheTraceTyped() {
        String json = "{\"inputAssessment\":{\"g\":{\"wordPolicy\":{\"customWords\":[{\"match\":\"x\",\"action\":\"BLOCKED\"}]}}}}";
        ChatResponse response = ChatResponse.builder().text("Blocked.").guardrailTrace(JsonSupport.parse(json)).build();
        assertThat(response.guardrailAssessment()).get().extracting(GuardrailTrace::inputFired).asList().hasSize(1);
        assertThat(ChatResponse.ofText("hi").guardrailAssessment()).isEmpty();

        ChatEvent.Metadata traced = new ChatEvent.Metadata(Usage.ZERO, Duration.ZERO, JsonSupport.parse(json));
        assertThat(traced.guardrailAssessment()).get().extracting(GuardrailTrace::inputAssessments).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("g");
        assertThat(new ChatEvent.Metadata(Usage.ZERO, Duration.ZERO, null).guardrailAssessment()).isEmpty();
    }
}
