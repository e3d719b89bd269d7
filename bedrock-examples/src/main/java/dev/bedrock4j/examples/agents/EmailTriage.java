package dev.bedrock4j.examples.agents;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.tools.StructuredOutput;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads customer e-mails into {@link EmailEntities} with {@link StructuredOutput} and routes each on the
 * model's confidence: at or above the threshold the customer gets an automatic reply; below it a person
 * gets a draft to check and send.
 *
 * <pre>{@code
 * EmailTriage triage = new EmailTriage(bedrock.chat(MODEL), 0.8);
 * EmailTriage.Routed routed = triage.route(emailText);
 * if (routed instanceof EmailTriage.AutoReply reply) {
 *     mailer.send(reply.text());
 * }
 * }</pre>
 *
 * <p>Thread-safe; create one and share it.
 */
public final class EmailTriage {
    static final String INSTRUCTIONS = "You read customer e-mails for a brokerage's client desk. Extract the"
            + " account number, the stock symbol, the city and the postal address, and leave out what the e-mail"
            + " does not say. Rate your confidence low when values are missing or ambiguous.";

    private final StructuredOutput<EmailEntities> extraction;
    private final double threshold;

    /**
     * A triage on a model.
     *
     * @param model the model that reads the e-mails
     * @param threshold the confidence from which replies go out automatically, between 0 and 1
     */
    public EmailTriage(ChatModel model, double threshold) {
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
        this.extraction = StructuredOutput.of(Objects.requireNonNull(model, "model"), EmailEntities.class);
        this.threshold = threshold;
    }

    /**
     * Where an e-mail went.
     *
     * <p>Instances are immutable and thread-safe.
     */
    public sealed interface Routed {
        /**
         * What the model found.
         *
         * @return the entities
         */
        EmailEntities entities();

        /**
         * The reply, or the draft of one.
         *
         * @return the text
         */
        String text();
    }

    /**
     * The model was sure enough: this reply goes to the customer as it is.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param entities what the model found
     * @param text the reply
     */
    public record AutoReply(EmailEntities entities, String text) implements Routed {
    }

    /**
     * The model was not sure enough: a person checks this draft first.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param entities what the model found
     * @param text the draft
     */
    public record ForReview(EmailEntities entities, String text) implements Routed {
    }

    /**
     * Reads an e-mail and routes it.
     *
     * @param email the e-mail's text
     * @return an automatic reply or a draft for a person
     * @throws dev.bedrock4j.tools.StructuredOutputException if the model gave no usable answer
     */
    public Routed route(String email) {
        EmailEntities found = extraction.call(r -> r.system(INSTRUCTIONS).user(email).maxTokens(300));
        String request = found.stockSymbol().map(symbol -> "your request about " + symbol).orElse("your message");
        String account = found.accountNumber().map(number -> " for account " + number).orElse("");
        String confirmation = found.address().map(address -> " We will post the confirmation to " + address + ".")
                .orElse("");
        String reply = "Dear customer, thank you for " + request + account + "." + confirmation
                + " Kind regards, the client desk";
        if (found.confidence() >= threshold) {
            return new AutoReply(found, reply);
        }
        String missing = found.missing().isEmpty() ? "nothing" : String.join(", ", found.missing());
        return new ForReview(found, String.format(Locale.ROOT, "[confidence %.2f, missing: %s] %s", found.confidence(),
                missing, reply));
    }
}
