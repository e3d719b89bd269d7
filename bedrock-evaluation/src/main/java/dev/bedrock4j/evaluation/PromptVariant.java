package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.ChatRequest;
import java.util.Objects;
import java.util.function.Function;

/**
 * One way of prompting for a case: a name for reports and a function from a case to the request sent.
 * Running a suite with several variants compares prompts the way running it with several models
 * compares models.
 *
 * <pre>{@code
 * PromptVariant terse = PromptVariant.withSystem("terse", "Reply with JSON only.");
 * PromptVariant fewShot = PromptVariant.of("few-shot", c -> ChatRequest.builder()
 *         .system("Extract vendor, total and currency as JSON.")
 *         .user("Invoice 17 from Initech, 99 USD.").assistant("{\"vendor\":\"Initech\",\"total\":99,\"currency\":\"USD\"}")
 *         .user(c.input())
 *         .build());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe if the function is.
 *
 * @param name the variant's name, unique within an evaluation
 * @param render turns a case into the request to send
 */
public record PromptVariant(String name, Function<EvalCase, ChatRequest> render) {
    private static final PromptVariant AS_IS = new PromptVariant("as-is", EvalCase::request);

    /**
     * Validates the components.
     *
     * @param name the name
     * @param render the function
     */
    public PromptVariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(render, "render");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a prompt variant needs a non-blank name for reports");
        }
    }

    /**
     * A variant from a function.
     *
     * @param name the variant's name
     * @param render turns a case into the request to send
     * @return the variant
     */
    public static PromptVariant of(String name, Function<EvalCase, ChatRequest> render) {
        return new PromptVariant(name, render);
    }

    /**
     * The variant that sends each case's own request ({@link EvalCase#request()}); the default.
     *
     * @return the variant, named {@code as-is}
     */
    public static PromptVariant asIs() {
        return AS_IS;
    }

    /**
     * A variant that adds a system prompt to each case's own request, after the case's own system blocks
     * if it has any.
     *
     * @param name the variant's name
     * @param system the system prompt
     * @return the variant
     */
    public static PromptVariant withSystem(String name, String system) {
        Objects.requireNonNull(system, "system");
        return new PromptVariant(name, c -> c.request().toBuilder().system(system).build());
    }

    /**
     * Renders the request for a case.
     *
     * @param evalCase the case
     * @return the request
     * @throws NullPointerException if the function returns null
     */
    public ChatRequest requestFor(EvalCase evalCase) {
        return Objects.requireNonNull(render.apply(evalCase), () -> "prompt variant '" + name + "' returned no request");
    }
}
