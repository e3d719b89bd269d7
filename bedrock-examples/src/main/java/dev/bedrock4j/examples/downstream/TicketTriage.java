package dev.bedrock4j.examples.downstream;

import dev.bedrock4j.core.chat.ChatModel;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service of the kind an application writes on top of Bedrock4j: it asks a model how urgent a support
 * ticket is. It depends only on {@link ChatModel}, so its tests hand it the testkit's fakes, a model on
 * the local server, or recordings.
 *
 * <pre>{@code
 * TicketTriage triage = new TicketTriage(bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0"));
 * TicketTriage.Priority priority = triage.prioritize("The printer is on fire");
 * }</pre>
 *
 * <p>Thread-safe; create one and share it.
 */
public final class TicketTriage {
    /** What the model is told; it must answer with one priority. */
    public static final String INSTRUCTIONS =
            "You triage support tickets. Answer with one priority only: P1 (urgent), P2 (soon) or P3 (can wait).";

    private static final Pattern PRIORITY = Pattern.compile("\\bP[123]\\b");

    /** How urgent a ticket is. */
    public enum Priority {
        /** Urgent: someone acts now. */
        P1,
        /** Soon: within the day; also where unclear answers go, for a person to look at. */
        P2,
        /** Can wait. */
        P3
    }

    private final ChatModel model;

    /**
     * A triage service asking a model.
     *
     * @param model the model to ask
     */
    public TicketTriage(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Asks the model for a ticket's priority.
     *
     * @param ticket the ticket's text
     * @return the priority the model named first, or {@link Priority#P2} when its answer names none
     */
    public Priority prioritize(String ticket) {
        String answer = model.prompt().system(INSTRUCTIONS).user(ticket).maxTokens(10).temperature(0).call().text();
        Matcher found = PRIORITY.matcher(answer);
        return found.find() ? Priority.valueOf(found.group()) : Priority.P2;
    }
}
