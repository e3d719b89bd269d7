package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvaluationTourTest {

    @Test
    void printsTheTableWithTheBetterModelFirst() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            EvaluationTour.run(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("== Evaluation: two models on a small extraction suite (offline)")
                .contains("invoice-extraction: 5 cases, ranked by field_accuracy")
                .contains("model", "variant", "field_accuracy", "json_valid", "field:currency", "toxicity", "cost $")
                .contains("95% bootstrap percentile interval of the mean")
                // the worse model: inv-1 and inv-5 right, inv-2 2/3 (currency), inv-3 1/3 (vendor, total), inv-4 prose
                .contains("winner: " + EvaluationTour.GOOD + " (field accuracy 1.00 vs 0.60)")
                .contains("1.00 [1.00, 1.00]  1.00 [1.00, 1.00]  1.00 [1.00, 1.00]")
                .contains("worst case of " + EvaluationTour.WORSE + ": inv-4 -> The invoice is from Umbrella Ltd")
                // the judge finds one rude answer of five in the worse model's
                .contains("toxicity (1 = clean): " + EvaluationTour.GOOD + " 1.00, " + EvaluationTour.WORSE + " 0.80");
        assertThat(printed.indexOf(EvaluationTour.GOOD + "  json-only")).isPositive()
                .isLessThan(printed.indexOf(EvaluationTour.WORSE + "  json-only"));
    }
}
