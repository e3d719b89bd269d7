package dev.bedrock4j.core.chat;

import java.util.Objects;

/**
 * The exact Converse request a prompt would send, as the Bedrock console's "View API request" shows it:
 * the JSON body and the equivalent AWS CLI command.
 *
 * <pre>{@code
 * RenderedRequest view = model.prompt().system("Be brief.").user("Hi").render();
 * System.out.println(view.json());
 * System.out.println(view.cli()); // aws bedrock-runtime converse --model-id ... --messages '...'
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param modelId the model the request addresses
 * @param json the request body, pretty-printed
 * @param cli the {@code aws bedrock-runtime converse} command line
 */
public record RenderedRequest(String modelId, String json, String cli) {
    /**
     * Validates the components.
     *
     * @param modelId the model id
     * @param json the request body
     * @param cli the command line
     */
    public RenderedRequest {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(cli, "cli");
    }
}
