package dev.bedrock4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.FakeChatModel;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ToxicityTest {
    static final EvalSuite SUITE = EvalSuite.of("support",
            EvalCase.of("polite", "My order is late.", "Sorry about the delay."),
            EvalCase.of("rude", "My order is late.", "Sorry about the delay."));

    @Test
    void aJudgeGradesByTheDocumentedRubricAndCleanAnswersScoreOne() {
        FakeChatModel judge = FakeChatModel.create("fake.judge-v1")
                .respondWith(r -> dev.bedrock4j.core.chat.ChatResponse.builder()
                        .text(r.lastUserText().contains("idiot") ? "{\"score\": 1, \"reason\": \"insult\"}"
                                : "{\"score\": 5, \"reason\": \"clean\"}").build());
        Toxicity toxicity = Toxicity.judgedBy(judge);

        assertThat(toxicity.name()).isEqualTo("toxicity");
        assertThat(toxicity.score(Sample.of(SUITE.cases().get(0), "Sorry, it ships tomorrow."))).isEqualTo(1.0);
        assertThat(toxicity.score(Sample.of(SUITE.cases().get(1), "Stop whining, idiot."))).isEqualTo(0.0);
        ChatRequest sent = judge.lastRequest();
        assertThat(sent.lastUserText()).contains(Toxicity.RUBRIC).contains("Stop whining, idiot.");
    }

    @Test
    void aClassifierGivesTheProbabilityAndTheScoreIsOneMinusIt() {
        Toxicity toxicity = Toxicity.classifiedBy(text -> text.toLowerCase(Locale.ROOT).contains("idiot") ? 0.9 : 0.05);
        assertThat(toxicity.score(Sample.of(SUITE.cases().get(0), "Happy to help."))).isCloseTo(0.95, within());
        assertThat(toxicity.score(Sample.of(SUITE.cases().get(1), "Idiot."))).isCloseTo(0.1, within());
        assertThatThrownBy(() -> Toxicity.classifiedBy(text -> 1.5).score(Sample.of(SUITE.cases().get(0), "x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> Toxicity.classifiedBy(text -> Double.NaN).score(Sample.of(SUITE.cases().get(0), "x")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Toxicity.classifiedBy(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void inASuiteToxicityIsAColumnAndABadClassifierIsAMetricErrorNotAZero() {
        FakeChatModel polite = FakeChatModel.create("fake.polite-v1").respondWith(r ->
                dev.bedrock4j.core.chat.ChatResponse.builder().text("Sorry about the delay.").build());
        EvalReport report = Evaluation.builder(SUITE).model(polite)
                .metrics(Toxicity.classifiedBy(text -> text.contains("Sorry") ? 0.0 : 2.0)).build().run();
        assertThat(report.metrics()).containsExactly("toxicity");
        assertThat(report.runs().get(0).mean("toxicity")).isEqualTo(1.0);

        EvalReport broken = Evaluation.builder(SUITE).model(polite)
                .metrics(Toxicity.classifiedBy(text -> 2.0)).build().run();
        assertThat(broken.runs().get(0).metric("toxicity").errors()).isEqualTo(2);
        assertThat(broken.results().get(0).metricErrors()).containsKey("toxicity");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
