package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.testkit.FakeChatModel;
import java.util.Locale;

/**
 * The invoice-extraction suite the evaluation tests share, and fake models that answer it: one always
 * right, one wrong in known ways. Public so that the tests of other packages (customization) use the
 * same cases.
 */
public final class Invoices {
    /** Six invoices; the expected output is the extraction. */
    public static final EvalSuite SUITE = EvalSuite.of("invoices",
            invoice("inv-1", "ACME Corp", "120.50", "EUR"),
            invoice("inv-2", "Initech", "99", "USD"),
            invoice("inv-3", "Globex", "1500", "USD"),
            invoice("inv-4", "Umbrella", "42.10", "GBP"),
            invoice("inv-5", "Hooli", "7", "EUR"),
            invoice("inv-6", "Stark Industries", "100000", "USD"));

    private Invoices() {
    }

    static EvalCase invoice(String id, String vendor, String total, String currency) {
        return EvalCase.builder(id)
                .input("Invoice " + id + " from " + vendor + ", total " + total + " " + currency + ".")
                .expected("{\"vendor\":\"" + vendor + "\",\"total\":" + total + ",\"currency\":\"" + currency + "\"}")
                .tags(currency.toLowerCase(Locale.ROOT))
                .build();
    }

    /**
     * The case a request asks about, found by the case id in its last user turn.
     *
     * @param request a request for one of the suite's cases, perhaps perturbed
     * @return the case
     */
    public static EvalCase caseFor(ChatRequest request) {
        String text = request.lastUserText().toLowerCase(Locale.ROOT);   // perturbed inputs change case
        return SUITE.cases().stream().filter(c -> text.contains(c.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no invoice case in request: " + text));
    }

    /**
     * The right answer to a request.
     *
     * @param request a request for one of the suite's cases
     * @return the case's expected extraction
     */
    public static String rightAnswer(ChatRequest request) {
        return caseFor(request).expected().orElseThrow();
    }

    /**
     * A model that answers every invoice right.
     *
     * @return a new fake, {@code fake.good-v1}
     */
    public static FakeChatModel good() {
        FakeChatModel model = FakeChatModel.create("fake.good-v1");
        model.respondWith(r -> ChatResponse.builder().text(rightAnswer(r)).usage(Usage.of(100, 20)).build());
        return model;
    }

    /**
     * A model that gets the currency wrong on USD invoices and answers inv-6 in prose.
     *
     * @return a new fake, {@code fake.worse-v1}
     */
    public static FakeChatModel worse() {
        FakeChatModel model = FakeChatModel.create("fake.worse-v1");
        model.respondWith(r -> {
            EvalCase c = caseFor(r);
            String answer = c.id().equals("inv-6") ? "The vendor is Stark Industries."
                    : c.expected().orElseThrow().replace("\"USD\"", "\"EUR\"");
            return ChatResponse.builder().text(answer).usage(Usage.of(100, 40)).build();
        });
        return model;
    }
}
