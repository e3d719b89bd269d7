package dev.bedrock4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextMetricsTest {

    static Sample sample(String output, String expected, String... references) {
        EvalCase.Builder c = EvalCase.builder("c1").input("question");
        if (expected != null) {
            c.expected(expected);
        }
        return Sample.of(c.references(references).build(), output);
    }

    @Test
    void exactMatchNormalizedIgnoresCasePunctuationAndSpacing() {
        assertThat(ExactMatch.normalized().score(sample("  Paris. ", "paris"))).isEqualTo(1.0);
        assertThat(ExactMatch.normalized().score(sample("Paris, France", "Paris"))).isEqualTo(0.0);
        assertThat(ExactMatch.normalized().name()).isEqualTo("exact_match");
    }

    @Test
    void exactMatchStrictIgnoresOnlySurroundingWhitespace() {
        assertThat(ExactMatch.strict().score(sample(" Paris\n", "Paris"))).isEqualTo(1.0);
        assertThat(ExactMatch.strict().score(sample("paris", "Paris"))).isEqualTo(0.0);
    }

    @Test
    void exactMatchTakesTheBestOverReferencesAndSkipsCasesWithoutTargets() {
        assertThat(ExactMatch.normalized().score(sample("Lutetia", "Paris", "Lutetia"))).isEqualTo(1.0);
        assertThat(ExactMatch.normalized().score(sample("anything", null))).isNaN();
    }

    @Test
    void tokenF1GivesPartialCredit() {
        // answer 3 words, reference 2, 2 in common: precision 2/3, recall 1, F1 0.8
        assertThat(TokenF1.create().score(sample("ACME Corp Ltd", "acme corp"))).isCloseTo(0.8, within(1e-9));
        assertThat(TokenF1.create().score(sample("the the cat", "the cat"))).isCloseTo(0.8, within(1e-9));
        assertThat(TokenF1.create().score(sample("dog", "cat"))).isEqualTo(0.0);
        assertThat(TokenF1.create().score(sample("Cat!", "cat"))).isEqualTo(1.0);
        assertThat(TokenF1.f1("", "")).isEqualTo(1.0);
        assertThat(TokenF1.f1("", "x")).isEqualTo(0.0);
    }

    @Test
    void rougeLRewardsInOrderOverlap() {
        // LCS("the cat sat on the mat", "the cat on the mat") = 5: precision 5/6, recall 5/5
        double expected = 2 * (5.0 / 6) * 1.0 / (5.0 / 6 + 1.0);
        assertThat(RougeL.create().score(sample("The cat sat on the mat.", "the cat on the mat"))).isCloseTo(expected, within(1e-9));
        // same words, reversed order: LCS 1 of 3
        assertThat(RougeL.f1("a b c", "c b a")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(TokenF1.f1("a b c", "c b a")).isEqualTo(1.0);
    }

    @Test
    void rougeLTakesTheBestReferenceSummary() {
        assertThat(RougeL.create().score(sample("profits rose sharply", "revenue fell", "profits rose sharply"))).isEqualTo(1.0);
    }

    @Test
    void customMetricIsAFunction() {
        Metric shortEnough = Metric.of("under_5_words", s -> s.output().split("\\s+").length < 5 ? 1 : 0);
        assertThat(shortEnough.name()).isEqualTo("under_5_words");
        assertThat(shortEnough.score(sample("one two three", "x"))).isEqualTo(1.0);
        assertThat(shortEnough.score(sample("one two three four five six", "x"))).isEqualTo(0.0);
    }
}
