package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ResourceNotFoundException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.guardrail.GuardrailAssessment;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.guardrail.GuardrailRequest;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.guardrail.GuardrailTrace;
import dev.bedrock4j.core.stream.ChatEvent;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Guardrails through the real SDK clients and the local server: {@code ApplyGuardrail} on its own with typed
 * verdicts (blocked, masked, grounded and ungrounded), pre-flight checks, and the guardrail a Converse request
 * configures, with its trace on responses and streams.
 */
class GuardrailOverTheWireTest extends LocalServerTestBase {
    static final String ID = "gr7abc123xyz";
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final Bedrock bedrock = Bedrock.builder().runtimeClient(sync).asyncRuntimeClient(async).build();

    @AfterAll
    static void close() {
        bedrock.close();
    }

    private static GuardrailChecker checker(String version) {
        return bedrock.guardrail(Guardrail.of(ID, version));
    }

    // ------------------------------------------------------------------ ApplyGuardrail verdicts

    @Test
    void aDeniedTopicBlocksInputWithTheBlockedMessage() {
        server.guardrail(ID, "1").denyTopic("investment advice", "stocks", "crypto")
                .blockedMessages("I can't talk about investments.", "That answer is withheld.");
        GuardrailResult result = checker("1").checkInput("Which stocks should I buy this year?");

        assertThat(result.action()).isEqualTo(GuardrailResult.Action.INTERVENED);
        assertThat(result.intervened()).isTrue();
        assertThat(result.blocked()).isTrue();
        assertThat(result.outputText()).isEqualTo("I can't talk about investments.");
        assertThat(result.actionReason()).isEqualTo("Guardrail blocked.");
        assertThat(result.fired()).singleElement().isInstanceOfSatisfying(GuardrailAssessment.Topic.class, topic -> {
            assertThat(topic.name()).isEqualTo("investment advice");
            assertThat(topic.action()).isEqualTo("BLOCKED");
            assertThat(topic.detected()).isTrue();
            assertThat(topic.policy()).isEqualTo(GuardrailAssessment.Policy.TOPIC);
        });
        assertThat(result.usage().topicPolicyUnits()).isEqualTo(1);
        assertThat(server.lastRequest().json().path("source").asText()).isEqualTo("INPUT");

        GuardrailResult output = checker("1").checkOutput("Buy crypto.");
        assertThat(output.outputText()).isEqualTo("That answer is withheld.");
    }

    @Test
    void sensitiveInformationIsMaskedNotBlocked() {
        server.guardrail(ID, "1").anonymizeRegex("ORDER", "ORD-[0-9]{6}");
        GuardrailResult result = checker("1").checkOutput("Mail jane@example.com about ORD-123456.");

        assertThat(result.intervened()).isTrue();
        assertThat(result.blocked()).isFalse();
        assertThat(result.outputs()).containsExactly("Mail {EMAIL} about {ORDER}.");
        assertThat(result.fired()).hasSize(2).allSatisfy(f -> {
            assertThat(f).isInstanceOf(GuardrailAssessment.SensitiveInformation.class);
            assertThat(f.action()).isEqualTo("ANONYMIZED");
        });
        GuardrailAssessment assessment = result.assessments().get(0);
        assertThat(assessment.sensitiveInformation()).extracting(GuardrailAssessment.SensitiveInformation::name,
                        GuardrailAssessment.SensitiveInformation::match, GuardrailAssessment.SensitiveInformation::isRegex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL", "jane@example.com", false),
                        org.assertj.core.groups.Tuple.tuple("ORDER", "ORD-123456", true));
    }

    @Test
    void cleanTextPassesAndTheFullAssessmentListsWhatWasChecked() {
        server.guardrail(ID, "DRAFT").blockWords("confidential").filterContent("HATE", "vermin");
        GuardrailResult quiet = checker("DRAFT").checkInput("What is the capital of France?");
        assertThat(quiet.action()).isEqualTo(GuardrailResult.Action.NONE);
        assertThat(quiet.outputs()).isEmpty();
        assertThat(quiet.outputText()).isEmpty();
        assertThat(quiet.fired()).isEmpty();
        assertThat(quiet.assessments().get(0).findings()).isEmpty();
        assertThat(quiet.usage().wordPolicyUnits()).isEqualTo(1);
        assertThat(quiet.usage().totalTextUnits()).isEqualTo(3); // words, content, and the default PII types

        GuardrailResult full = checker("DRAFT").check(GuardrailRequest.input("What is the capital of France?")
                .withFullAssessment());
        assertThat(server.lastRequest().json().path("outputScope").asText()).isEqualTo("FULL");
        assertThat(full.fired()).isEmpty();
        assertThat(full.assessments().get(0).findings())
                .extracting(GuardrailAssessment.Finding::policy, GuardrailAssessment.Finding::name,
                        GuardrailAssessment.Finding::detected)
                .contains(org.assertj.core.groups.Tuple.tuple(GuardrailAssessment.Policy.WORD, "confidential", false),
                        org.assertj.core.groups.Tuple.tuple(GuardrailAssessment.Policy.CONTENT_FILTER, "HATE", false));
    }

    @Test
    void aGroundedAnswerPassesWithItsScoresAndAnUngroundedOneIsBlocked() {
        server.guardrail(ID, "2").clearPolicies().contextualGrounding(0.7, 0.5);
        String passage = "Employees get 25 vacation days a year, plus public holidays.";
        String question = "How many vacation days do employees get?";

        GuardrailResult grounded = checker("2").check(GuardrailRequest.output("Employees get 25 vacation days a year.")
                .withGroundingSource(passage).withQuery(question));
        assertThat(grounded.intervened()).isFalse();
        assertThat(grounded.groundingScore()).isEqualTo(1.0);
        assertThat(grounded.relevanceScore()).isBetween(0.5, 1.0);

        GuardrailResult ungrounded = checker("2").check(GuardrailRequest.output("Employees get 40 vacation days and a"
                + " company car.").withGroundingSource(passage).withQuery(question).withFullAssessment());
        assertThat(ungrounded.blocked()).isTrue();
        assertThat(ungrounded.groundingScore()).isLessThan(0.7);
        assertThat(ungrounded.fired()).singleElement().isInstanceOfSatisfying(GuardrailAssessment.Grounding.class, g -> {
            assertThat(g.type()).isEqualTo("GROUNDING");
            assertThat(g.threshold()).isEqualTo(0.7);
            assertThat(g.score()).isEqualTo(ungrounded.groundingScore());
        });
        assertThat(ungrounded.usage().contextualGroundingPolicyUnits()).isEqualTo(1);
        assertThat(server.lastRequest().json().path("content").get(0).path("text").path("qualifiers").get(0).asText())
                .isEqualTo("guard_content");
        assertThat(server.lastRequest().json().path("content").get(1).path("text").path("qualifiers").get(0).asText())
                .isEqualTo("grounding_source");
    }

    @Test
    void aScriptedVerdictIsReadAsTypedFindings() {
        server.guardrail(ID, "1").enqueue(GuardrailReply.rawBody("""
                {"action":"GUARDRAIL_INTERVENED","actionReason":"Guardrail blocked.",
                 "outputs":[{"text":"Blocked."}],
                 "assessments":[{"contentPolicy":{"filters":[{"type":"HATE","confidence":"HIGH",
                                 "filterStrength":"HIGH","action":"BLOCKED","detected":true}]},
                                 "wordPolicy":{"customWords":[],"managedWordLists":[{"match":"darn","type":"PROFANITY",
                                 "action":"BLOCKED"}]}}],
                 "usage":{"topicPolicyUnits":0,"contentPolicyUnits":1,"wordPolicyUnits":1,
                          "sensitiveInformationPolicyUnits":0,"sensitiveInformationPolicyFreeUnits":0,
                          "contextualGroundingPolicyUnits":0}}"""));
        GuardrailResult result = checker("1").checkInput("anything");
        assertThat(result.fired()).containsExactly(
                new GuardrailAssessment.ContentFilter("HATE", "HIGH", "HIGH", "BLOCKED", true),
                new GuardrailAssessment.Word("darn", "PROFANITY", "BLOCKED", true));
        assertThat(result.usage().contentPolicyUnits()).isEqualTo(1);
        assertThat(result.outputText()).isEqualTo("Blocked.");
    }

    @Test
    void anImageIsSentAndCounted() {
        server.guardrail(ID, "1");
        byte[] png = ImageModelOverTheWireTest.png(64, 64, Color.RED).bytes();
        GuardrailResult result = checker("1").check(GuardrailRequest.input("Is this image fine?").withImage(png, "png"));
        assertThat(result.intervened()).isFalse();
        assertThat(server.lastRequest().json().path("content").get(1).path("image").path("format").asText()).isEqualTo("png");
    }

    @Test
    void anUnknownGuardrailIsNotFound() {
        assertThatThrownBy(() -> checker("9").checkInput("hello")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(ID);
    }

    @Test
    void badRequestsFailBeforeTheCall() {
        server.guardrail(ID, "1");
        assertThatThrownBy(() -> bedrock.guardrail(Guardrail.of("GR-1", "1"))).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.field()).contains("guardrail.id"));
        assertThatThrownBy(() -> bedrock.guardrail(Guardrail.of(ID, "v1"))).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.field()).contains("guardrail.version"));
        assertThatThrownBy(() -> checker("1").checkInput("  ")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.getMessage()).contains("nothing to guard"));
        assertThatThrownBy(() -> checker("1").check(GuardrailRequest.output())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> checker("1").check(GuardrailRequest.output("answer").withGroundingSource("passage")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("withQuery"));
        assertThatThrownBy(() -> checker("1").check(GuardrailRequest.output("answer").withQuery("question")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("withGroundingSource"));
        assertThatThrownBy(() -> checker("1").check(GuardrailRequest.input("look").withImage(new byte[] {1, 2}, "gif")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("content[1].format"));
        assertThat(server.requests()).as("nothing was sent").isEmpty();
    }

    @Test
    void aGuardrailArnIsAccepted() {
        server.guardrail(ID, "1").blockWords("secret");
        GuardrailChecker byArn = bedrock.guardrail(Guardrail.of("arn:aws:bedrock:us-east-1:123456789012:guardrail/" + ID, "1"));
        assertThat(byArn.checkInput("a secret plan").blocked()).isTrue();
    }

    // ------------------------------------------------------------------ guardrails on Converse

    @Test
    void blockedInputNeverReachesTheModelAndTheTraceSaysWhy() {
        server.guardrail(ID, "1").denyTopic("investment advice", "stocks")
                .blockedMessages("I can't talk about investments.", "Withheld.");
        server.model(MODEL).enqueue(ModelReply.text("Buy everything."));
        ChatModel model = bedrock.chat(MODEL);

        ChatResponse response = model.prompt().user("Which stocks should I buy?")
                .guardrail(Guardrail.of(ID, "1").withTrace(Guardrail.Trace.ENABLED)).call();

        assertThat(response.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(response.text()).isEqualTo("I can't talk about investments.");
        GuardrailTrace trace = response.guardrailAssessment().orElseThrow();
        assertThat(trace.inputAssessments()).containsOnlyKeys(ID);
        assertThat(trace.inputFired()).singleElement().extracting(GuardrailAssessment.Finding::name)
                .isEqualTo("investment advice");
        assertThat(trace.outputAssessments()).isEmpty();
        assertThat(trace.actionReason()).isEqualTo("Guardrail blocked.");

        assertThat(model.prompt().user("And bonds?").call().text()).as("the scripted answer is still unused")
                .isEqualTo("Buy everything.");
    }

    @Test
    void maskedOutputReplacesTheModelsTextAndTheTraceKeepsTheOriginal() {
        server.guardrail(ID, "1");
        server.model(MODEL).enqueue(ModelReply.text("Write to jane@example.com."));
        ChatResponse response = bedrock.chat(MODEL).prompt().user("Who handles refunds?")
                .guardrail(Guardrail.of(ID, "1").withTrace(Guardrail.Trace.ENABLED)).call();

        assertThat(response.text()).isEqualTo("Write to {EMAIL}.");
        assertThat(response.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        GuardrailTrace trace = response.guardrailAssessment().orElseThrow();
        assertThat(trace.modelOutputs()).containsExactly("Write to jane@example.com.");
        assertThat(trace.outputFired()).singleElement().isInstanceOfSatisfying(GuardrailAssessment.SensitiveInformation.class,
                s -> assertThat(s.match()).isEqualTo("jane@example.com"));
        assertThat(trace.inputFired()).isEmpty();
    }

    @Test
    void withoutTraceTheGuardrailStillActsButNoTraceComesBack() {
        server.guardrail(ID, "1").blockWords("password");
        ChatResponse response = bedrock.chat(MODEL).prompt().user("Tell me the admin password.")
                .guardrail(Guardrail.of(ID, "1")).call();
        assertThat(response.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(response.text()).isEqualTo("Sorry, the model cannot answer this question.");
        assertThat(response.guardrailTrace()).isEmpty();
        assertThat(response.guardrailAssessment()).isEmpty();
    }

    @Test
    void onlyGuardContentIsAssessedWhenTheRequestMarksSome() {
        server.guardrail(ID, "1").blockWords("password");
        server.model(MODEL).enqueue(ModelReply.text("It is sunny."));
        ChatResponse response = bedrock.chat(MODEL).prompt()
                .user(dev.bedrock4j.core.chat.ContentBlock.text("System note: never reveal the password."),
                        new dev.bedrock4j.core.chat.ContentBlock.GuardContent("What is the weather?", List.of()))
                .guardrail(Guardrail.of(ID, "1")).call();
        assertThat(response.stopReason()).isNotEqualTo(StopReason.GUARDRAIL_INTERVENED);
        assertThat(response.text()).isEqualTo("It is sunny.");
    }

    @Test
    void aStreamCarriesTheTraceInItsMetadataEvent() throws Exception {
        server.guardrail(ID, "1").blockWords("password");
        List<ChatEvent> events;
        try (java.util.stream.Stream<ChatEvent> stream = bedrock.chat(MODEL).prompt().user("What is the password?")
                .guardrail(Guardrail.of(ID, "1").withTrace(Guardrail.Trace.ENABLED_FULL)).stream().toStream()) {
            events = stream.toList();
        }

        assertThat(events).filteredOn(e -> e instanceof ChatEvent.MessageStop).singleElement()
                .satisfies(e -> assertThat(((ChatEvent.MessageStop) e).stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED));
        ChatEvent.Metadata metadata = (ChatEvent.Metadata) events.get(events.size() - 1);
        GuardrailTrace trace = metadata.guardrailAssessment().orElseThrow();
        assertThat(trace.inputFired()).singleElement().isInstanceOfSatisfying(GuardrailAssessment.Word.class,
                w -> assertThat(w.match()).isEqualTo("password"));

        ChatResponse collected = bedrock.chat(MODEL).prompt().user("What is the password?")
                .guardrail(Guardrail.of(ID, "1").withTrace(Guardrail.Trace.ENABLED)).stream().collect().get();
        assertThat(collected.text()).isEqualTo("Sorry, the model cannot answer this question.");
        assertThat(collected.guardrailAssessment()).isPresent();
    }

    @Test
    void aConverseNamingAnUnknownGuardrailIsRefused() {
        assertThatThrownBy(() -> bedrock.chat(MODEL).prompt().user("hello").guardrail(Guardrail.of("nosuchguardrail", "1"))
                .call()).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.getMessage()).contains("does not exist"));
    }
}
