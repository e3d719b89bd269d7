package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.spi.Preflight;

/** Checks a tool's name, description and input schema against what Bedrock accepts. Thread-safe. */
public final class ToolChecks {
    private ToolChecks() {
    }

    /**
     * Checks a tool and compiles its schema into a codec.
     *
     * @throws InvalidRequestException naming the field ({@code name}, {@code description}, {@code inputSchema}) and the fix
     */
    public static <I> InputCodec<I> codec(String name, String description, JsonNode schema,
                                          InputCodec.Converter<I> converter) {
        Preflight.toolName(name, "name");
        if (description == null || description.isBlank()) {
            throw new InvalidRequestException("description", "tool '" + name + "' has no description;"
                    + " say what it does and when to use it: the model picks tools by their descriptions");
        }
        if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
            throw new InvalidRequestException("inputSchema", "the input schema of tool '" + name + "' must be a"
                    + " JSON Schema with \"type\": \"object\" at the top level, because Bedrock passes tool inputs as"
                    + " objects; wrap other values in a property, e.g. {\"type\":\"object\",\"properties\":{\"items\":...}}");
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.has(combinator)) {
                throw new InvalidRequestException("inputSchema", "the input schema of tool '" + name + "' has \""
                        + combinator + "\" at the top level, which Bedrock's models reject; move it into a property");
            }
        }
        try {
            return InputCodec.of(schema, converter);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("inputSchema", "the input schema of tool '" + name + "' is invalid: "
                    + e.getMessage());
        }
    }
}
