package dev.bedrock4j.evaluation;

import static dev.bedrock4j.evaluation.TextMetricsTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JsonMetricsTest {
    static final String EXPECTED = "{\"vendor\":\"ACME Corp\",\"total\":120.50,\"currency\":\"EUR\","
            + "\"lines\":[\"paper\",\"ink\"],\"address\":{\"city\":\"Lyon\",\"zip\":\"69001\"}}";

    @Test
    void strictValidityWantsTheWholeAnswerToBeJson() {
        assertThat(JsonValidity.strict().score(sample("{\"a\":1}", null))).isEqualTo(1.0);
        assertThat(JsonValidity.strict().score(sample("  [1, 2]\n", null))).isEqualTo(1.0);
        assertThat(JsonValidity.strict().score(sample("Here you go: {\"a\":1}", null))).isEqualTo(0.0);
        assertThat(JsonValidity.strict().score(sample("{\"a\":1} trailing", null))).isEqualTo(0.0);
        assertThat(JsonValidity.strict().score(sample("{\"a\":", null))).isEqualTo(0.0);
        assertThat(JsonValidity.strict().score(sample("42", null))).isEqualTo(0.0);
    }

    @Test
    void lenientValidityFindsFencedOrEmbeddedJson() {
        assertThat(JsonValidity.lenient().score(sample("```json\n{\"a\":1}\n```", null))).isEqualTo(1.0);
        assertThat(JsonValidity.lenient().score(sample("Sure! {\"a\":\"}\"} Hope it helps.", null))).isEqualTo(1.0);
        assertThat(JsonValidity.lenient().score(sample("no json here {oops}", null))).isEqualTo(0.0);
        assertThat(JsonValidity.lenient().name()).isEqualTo("json_found");
    }

    @Test
    void fieldAccuracyComparesLeavesByValue() {
        String answer = "{\"vendor\":\"acme corp.\",\"total\":120.5,\"currency\":\"USD\","
                + "\"lines\":[\"ink\",\"Paper\"],\"address\":{\"city\":\"Lyon\",\"zip\":\"69002\"},\"extra\":true}";
        // vendor (normalised), total (by value), lines (any order) and city right; currency and zip wrong
        assertThat(FieldAccuracy.all().score(sample(answer, EXPECTED))).isCloseTo(4.0 / 6, within(1e-9));
    }

    @Test
    void fieldAccuracyReadsFencedAnswersAndScoresNoJsonAsAllWrong() {
        assertThat(FieldAccuracy.all().score(sample("```json\n" + EXPECTED + "\n```", EXPECTED))).isEqualTo(1.0);
        assertThat(FieldAccuracy.all().score(sample("I could not find anything.", EXPECTED))).isEqualTo(0.0);
    }

    @Test
    void singleFieldsAndFieldSubsets() {
        String answer = "{\"vendor\":\"ACME Corp\",\"total\":\"120.50\",\"address\":{\"city\":\"Paris\"}}";
        assertThat(FieldAccuracy.field("vendor").score(sample(answer, EXPECTED))).isEqualTo(1.0);
        assertThat(FieldAccuracy.field("/address/city").score(sample(answer, EXPECTED))).isEqualTo(0.0);
        assertThat(FieldAccuracy.field("vendor").name()).isEqualTo("field:vendor");
        assertThat(FieldAccuracy.of("total", "currency").score(sample(answer, EXPECTED))).isEqualTo(0.5);
        assertThat(FieldAccuracy.field("missing").score(sample(answer, EXPECTED))).isNaN();
    }

    @Test
    void fieldAccuracySkipsCasesWithoutExpectedAndRejectsNonJsonExpected() {
        assertThat(FieldAccuracy.all().score(sample("{}", null))).isNaN();
        assertThatThrownBy(() -> FieldAccuracy.all().score(sample("{}", "just text")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("case 'c1'")
                .hasMessageContaining("not a JSON object");
    }
}
