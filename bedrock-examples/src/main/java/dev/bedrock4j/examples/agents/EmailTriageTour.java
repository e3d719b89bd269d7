package dev.bedrock4j.examples.agents;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The tour's entity-extraction step: customer e-mails read into {@link EmailEntities} records with
 * structured output, then routed on the model's confidence: an automatic reply, or a draft for a person.
 *
 * <p>Offline, {@link #scriptOffline(LocalBedrockServer)} makes {@link #MODEL} on the local server answer
 * as a model would ({@link OfflineExtractionModel}), through the AWS SDK and the Converse wire format.
 */
public final class EmailTriageTour {
    /** The model that reads the e-mails. */
    public static final String MODEL = "us.anthropic.claude-3-haiku-20240307-v1:0";
    /** The confidence from which replies go out without a person. */
    static final double THRESHOLD = 0.8;
    /** The e-mails. */
    static final List<String> EMAILS = List.of(
            "Hello, please sell 50 shares of AMZN from my account ACC-7731-0042 and post the confirmation to"
                    + " 12 Harbour Street, Seattle. Thanks, Dana",
            "hi, I moved to Lisbon last month and want to buy some tech stock, can you call me? thx");

    private EmailTriageTour() {
    }

    /**
     * Makes the tour's model answer offline on a local server.
     *
     * @param server the server the tour's Bedrock calls
     */
    public static void scriptOffline(LocalBedrockServer server) {
        server.model(MODEL).respondWith(OfflineExtractionModel::answer);
    }

    /**
     * Runs the step.
     *
     * @param out where to print
     * @param bedrock the entry point to use
     */
    public static void run(PrintStream out, Bedrock bedrock) {
        out.println("== Entity extraction from e-mails into a record, routed on the model's confidence");
        EmailTriage triage = new EmailTriage(bedrock.chat(MODEL), THRESHOLD);
        for (String email : EMAILS) {
            EmailTriage.Routed routed = triage.route(email);
            EmailEntities found = routed.entities();
            out.println("  e-mail    : " + email);
            out.println("  extracted : account=" + found.accountNumber().orElse("-") + ", symbol="
                    + found.stockSymbol().orElse("-") + ", city=" + found.city().orElse("-") + ", address="
                    + found.address().orElse("-") + String.format(Locale.ROOT, ", confidence=%.2f", found.confidence()));
            if (routed instanceof EmailTriage.AutoReply) {
                out.println("  auto-reply (confidence >= " + THRESHOLD + "): " + routed.text());
            } else {
                out.println("  draft for a person (confidence < " + THRESHOLD + "): " + routed.text());
            }
        }
        out.println();
    }
}
