package dev.bedrock4j.examples;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.ModelPrice;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.evaluation.CaseResult;
import dev.bedrock4j.evaluation.EvalCase;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.EvalSuite;
import dev.bedrock4j.evaluation.Evaluation;
import dev.bedrock4j.evaluation.FieldAccuracy;
import dev.bedrock4j.evaluation.JsonValidity;
import dev.bedrock4j.evaluation.PromptVariant;
import dev.bedrock4j.evaluation.RunSummary;
import dev.bedrock4j.evaluation.Toxicity;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation step of the tour: two models evaluated offline on a small entity-extraction suite, and
 * the table printed, toxicity included (graded by a judge model with {@link Toxicity#RUBRIC}). The models are testkit fakes, one good and one worse, standing in for two Bedrock
 * models (or a base model and its fine-tuned version); with real models only the two {@code model(...)}
 * lines change.
 */
public final class EvaluationTour {
    /** The model that extracts well. */
    static final String GOOD = "fake.extractor-large-v1";
    /** The model that misreads currencies and sometimes answers in prose, once rudely. */
    static final String WORSE = "fake.extractor-small-v1";
    /** The judge of toxicity. */
    static final String JUDGE = "fake.judge-v1";

    private EvaluationTour() {
    }

    /**
     * Runs the step.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Evaluates the two models and prints the table, the winner and the loser's worst case.
     *
     * @param out where to print
     */
    static void run(PrintStream out) {
        out.println("== Evaluation: two models on a small extraction suite (offline)");
        EvalSuite suite = EvalSuite.of("invoice-extraction", List.of(
                invoice("inv-1", "Invoice 4411 from ACME Corp, total 120.50 EUR, due 1 July.", "ACME Corp", "120.50", "EUR"),
                invoice("inv-2", "Initech bills 99 USD for printer repairs (invoice 17).", "Initech", "99", "USD"),
                invoice("inv-3", "Globex Corporation: 1,500.00 USD, net 30.", "Globex Corporation", "1500.00", "USD"),
                invoice("inv-4", "Umbrella Ltd invoice, amount due GBP 42.10.", "Umbrella Ltd", "42.10", "GBP"),
                invoice("inv-5", "Hooli: 7 EUR for one coffee mug.", "Hooli", "7", "EUR")));

        EvalReport report = Evaluation.builder(suite)
                .model(extractor(GOOD, false))
                .model(extractor(WORSE, true))
                .variant(PromptVariant.withSystem("json-only",
                        "Extract vendor, total and currency from the invoice. Reply with one JSON object only."))
                .metrics(FieldAccuracy.all(), JsonValidity.strict(), FieldAccuracy.field("currency"),
                        Toxicity.judgedBy(judge()))
                .prices(PriceTable.empty()
                        .with(GOOD, ModelPrice.perThousand("0.003", "0.015"))
                        .with(WORSE, ModelPrice.perThousand("0.00025", "0.00125")))
                .build()
                .run();

        out.print(indent(report.toTable()));
        RunSummary winner = report.ranking().get(0);
        RunSummary runnerUp = report.ranking().get(1);
        out.printf("  winner: %s (field accuracy %.2f vs %.2f)%n", winner.model(), winner.mean("field_accuracy"),
                runnerUp.mean("field_accuracy"));
        CaseResult worst = report.worstCases(runnerUp.model(), runnerUp.variant(), "field_accuracy", 1).get(0);
        out.println("  worst case of " + runnerUp.model() + ": " + worst.caseId() + " -> " + worst.output());
        out.printf("  toxicity (1 = clean): %s %.2f, %s %.2f%n", winner.model(), winner.mean(Toxicity.NAME),
                runnerUp.model(), runnerUp.mean(Toxicity.NAME));
        out.println();
    }

    private static EvalCase invoice(String id, String text, String vendor, String total, String currency) {
        return EvalCase.builder(id).input(text)
                .expected("{\"vendor\":\"" + vendor + "\",\"total\":" + total + ",\"currency\":\"" + currency + "\"}")
                .build();
    }

    /** A fake extractor: it looks the invoice up in a small answer key, and the worse one gets some wrong. */
    private static FakeChatModel extractor(String modelId, boolean worse) {
        FakeChatModel model = FakeChatModel.create(modelId);
        model.respondWith(request -> ChatResponse.builder().text(answer(request, worse))
                .usage(Usage.of(60 + request.lastUserText().length() / 4, 25)).build());
        return model;
    }

    /**
     * A fake judge standing in for a strong model: it grades the answer in the request 1 (toxic) when it insults
     * the reader, else 5 (clean), as a judge following {@link Toxicity#RUBRIC} would.
     */
    private static FakeChatModel judge() {
        FakeChatModel judge = FakeChatModel.create(JUDGE);
        judge.respondWith(request -> {
            String answer = request.lastUserText().substring(request.lastUserText().lastIndexOf("<answer>"));
            boolean insult = answer.toLowerCase(Locale.ROOT).contains("idiot");
            return ChatResponse.builder().text("{\"score\": " + (insult ? 1 : 5) + ", \"reason\": \""
                    + (insult ? "insults the reader" : "neutral and polite") + "\"}").usage(Usage.of(120, 15)).build();
        });
        return judge;
    }

    private static String answer(ChatRequest request, boolean worse) {
        String text = request.lastUserText();
        if (text.startsWith("Invoice 4411")) {
            return "{\"vendor\":\"ACME Corp\",\"total\":120.5,\"currency\":\"EUR\"}";
        }
        if (text.startsWith("Initech")) {
            return worse ? "{\"vendor\":\"Initech\",\"total\":99,\"currency\":\"$\"}"
                    : "{\"vendor\":\"Initech\",\"total\":99,\"currency\":\"USD\"}";
        }
        if (text.startsWith("Globex")) {
            return worse ? "{\"vendor\":\"Globex\",\"total\":1.5,\"currency\":\"USD\"}"
                    : "{\"vendor\":\"Globex Corporation\",\"total\":1500,\"currency\":\"USD\"}";
        }
        if (text.startsWith("Umbrella")) {
            return worse ? "The invoice is from Umbrella Ltd and asks for 42.10 pounds, as any idiot can read."
                    : "{\"vendor\":\"Umbrella Ltd\",\"total\":42.10,\"currency\":\"GBP\"}";
        }
        return "{\"vendor\":\"Hooli\",\"total\":7,\"currency\":\"EUR\"}";
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ") + "\n";
    }
}
