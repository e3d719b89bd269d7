package dev.bedrock4j.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool offered to the model: a name, a description the model reads, and a JSON Schema for its input.
 * Running tools is the job of {@code bedrock-tools}; here the definition is passed through to Bedrock.
 *
 * <pre>{@code
 * ToolDefinition weather = ToolDefinition.of("get_weather", "Current weather for a city.",
 *         "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the name, matching {@code [a-zA-Z0-9_-]{1,64}}
 * @param description what the tool does, for the model
 * @param inputSchema a JSON Schema object for the input
 */
public record ToolDefinition(String name, String description, JsonNode inputSchema) {
    /**
     * Validates the components; the name's form is checked before the request is sent.
     *
     * @param name the name
     * @param description the description
     * @param inputSchema the schema
     */
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        inputSchema = Objects.requireNonNull(inputSchema, "inputSchema").deepCopy();
    }

    /**
     * A copy of the schema.
     *
     * @return the JSON Schema
     */
    @Override
    public JsonNode inputSchema() {
        return inputSchema.deepCopy();
    }

    /**
     * Creates a tool definition.
     *
     * @param name the name, matching {@code [a-zA-Z0-9_-]{1,64}}
     * @param description what the tool does
     * @param inputSchema the JSON Schema of the input
     * @return the definition
     */
    public static ToolDefinition of(String name, String description, JsonNode inputSchema) {
        return new ToolDefinition(name, description, inputSchema);
    }

    /**
     * Creates a tool definition from a schema written as JSON text.
     *
     * @param name the name, matching {@code [a-zA-Z0-9_-]{1,64}}
     * @param description what the tool does
     * @param inputSchemaJson the JSON Schema of the input, as JSON text
     * @return the definition
     * @throws IllegalArgumentException if the schema is not valid JSON
     */
    public static ToolDefinition of(String name, String description, String inputSchemaJson) {
        JsonNode schema;
        try {
            schema = dev.bedrock4j.core.spi.JsonSupport.parse(inputSchemaJson);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("the input schema of tool '" + name + "' is not valid JSON: " + e.getMessage(), e);
        }
        return new ToolDefinition(name, description, schema);
    }
}
