package dev.bedrock4j.spring.sample;

import dev.bedrock4j.core.chat.ChatModel;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Asks a model how urgent a support ticket is. It depends on the {@link ChatModel} bean only, which the starter
 * defines from {@code bedrock4j.chat.model}: a model that already retries, respects the rate limits and records
 * its metrics.
 *
 * <p>Thread-safe, as the model is.
 */
@Service
public class TicketTriage {
    /** What the model is told; it must answer with one priority. */
    static final String INSTRUCTIONS =
            "You triage support tickets. Answer with one priority only: P1 (urgent), P2 (soon) or P3 (can wait).";

    private static final Pattern PRIORITY = Pattern.compile("\\bP[123]\\b");

    /** How urgent a ticket is. */
    public enum Priority {
        /** Urgent: someone acts now. */
        P1,
        /** Soon; also where unclear answers go, for a person to look at. */
        P2,
        /** Can wait. */
        P3
    }

    private final ChatModel model;

    /**
     * Creates the service; Spring injects the model.
     *
     * @param model the auto-configured chat model
     */
    public TicketTriage(ChatModel model) {
        this.model = model;
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
