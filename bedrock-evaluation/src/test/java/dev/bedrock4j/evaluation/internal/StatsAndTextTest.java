package dev.bedrock4j.evaluation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsAndTextTest {

    @Test
    void bootstrapIntervalIsReproducibleAndBracketsTheMean() {
        double[] scores = {1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0};
        double[] a = Stats.bootstrapMean(scores, 1000, 42, 0.95);
        double[] b = Stats.bootstrapMean(scores, 1000, 42, 0.95);
        assertThat(a).isEqualTo(b);
        double mean = Stats.mean(scores);
        assertThat(mean).isCloseTo(0.75, within(1e-12));
        assertThat(a[0]).isLessThan(mean).isGreaterThanOrEqualTo(0.5);
        assertThat(a[1]).isGreaterThan(mean).isLessThanOrEqualTo(0.95);
        double[] continuous = new double[40];
        for (int i = 0; i < continuous.length; i++) {
            continuous[i] = (i * 37 % 41) / 41.0;
        }
        assertThat(Stats.bootstrapMean(continuous, 1000, 7, 0.95)).isNotEqualTo(Stats.bootstrapMean(continuous, 1000, 8, 0.95));
    }

    @Test
    void degenerateSamples() {
        assertThat(Stats.bootstrapMean(new double[0], 1000, 1, 0.95)).containsExactly(Double.NaN, Double.NaN);
        assertThat(Stats.bootstrapMean(new double[] {0.4}, 1000, 1, 0.95)).containsExactly(0.4, 0.4);
        assertThat(Stats.bootstrapMean(new double[] {1, 1, 1}, 1000, 1, 0.95)).containsExactly(1.0, 1.0);
        assertThat(Stats.percentile(new double[] {5, 1, 4, 2, 3}, 0.95)).isEqualTo(5);
        assertThat(Stats.percentile(new double[] {5, 1, 4, 2, 3}, 0.5)).isEqualTo(3);
    }

    @Test
    void jsonIsFoundWhereModelsPutIt() {
        assertThat(JsonText.find("```\n[1,2]\n```")).isPresent();
        assertThat(JsonText.find("x {\"a\": \"b}\\\"\"} y").orElseThrow().get("a").asText()).isEqualTo("b}\"");
        assertThat(JsonText.find("{broken} then {\"ok\":1}").orElseThrow().has("ok")).isTrue();
        assertThat(JsonText.strict("{\"a\":1}{\"b\":2}")).isEmpty();
    }

    @Test
    void textNormalisation() {
        assertThat(TextTokens.normalize("  The  Cat—sat! ")).isEqualTo("the cat sat");
        assertThat(TextTokens.tokens("ﬁne, FINE")).containsExactly("fine", "fine");
        assertThat(String.join("", TextTokens.runs(" a  b\n"))).isEqualTo(" a  b\n");
        assertThat(TextTokens.runs(" a  b\n")).containsExactly(" ", "a", "  ", "b", "\n");
    }
}
