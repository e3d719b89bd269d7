package dev.bedrock4j.testkit.internal.server.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A family's {@code InvokeModel} body schema from {@code native-bodies.json}, and the check of a body against
 * it in the words of the JSON Schema validator behind Bedrock's {@code "Malformed input request: ..."}
 * answers: each violation is a JSON pointer and a message ({@code #: required key [prompt] not found},
 * {@code #: extraneous key [foo] is not permitted}, {@code #/max_gen_len: 8192 is not less or equal to 2048},
 * {@code #/messages/0/content: expected type: JSONArray, found: String},
 * {@code #/texts/0: expected maxLength: 2048, actual: 4680}, all reported by Bedrock's users), found in the
 * validator's order: an object's type, its required keys in the schema's order, keys it does not permit,
 * then each property in the schema's order.
 *
 * <p>Thread-safe: immutable.
 */
public final class BodySchema {
    private static final JsonNode SCHEMAS = load();

    private final JsonNode schema;

    private BodySchema(JsonNode schema) {
        this.schema = schema;
    }

    /**
     * A schema by its name in {@code native-bodies.json}.
     *
     * @param name such as {@code meta-llama}
     * @return the schema
     * @throws IllegalArgumentException for an unknown name
     */
    public static BodySchema named(String name) {
        JsonNode schema = SCHEMAS.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no body schema " + name);
        }
        return new BodySchema(schema);
    }

    /**
     * Checks a body.
     *
     * @param body the parsed body
     * @return the violations, each as {@code "#/pointer: message"}, in the validator's order; empty when valid
     */
    public List<String> violations(JsonNode body) {
        List<String> found = new ArrayList<>();
        check(schema, body, "#", found);
        return found;
    }

    /**
     * Bedrock's answer to a body with these violations.
     *
     * @param violations at least one
     * @return {@code "Malformed input request: ..., please reformat your input and try again."}
     */
    public static String message(List<String> violations) {
        return "Malformed input request: " + String.join("", violations) + ", please reformat your input and try again.";
    }

    private static void check(JsonNode schema, JsonNode value, String pointer, List<String> found) {
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            found.add(pointer + ": expected type: " + typeName(type) + ", found: " + foundName(value));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            found.add(pointer + ": " + render(value) + " is not a valid enum value");
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                found.add(pointer + ": " + render(value) + " is not greater or equal to " + schema.get("minimum").asText());
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                found.add(pointer + ": " + render(value) + " is not less or equal to " + schema.get("maximum").asText());
            }
        }
        if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                found.add(pointer + ": expected minLength: " + schema.get("minLength").asInt() + ", actual: " + length);
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                found.add(pointer + ": expected maxLength: " + schema.get("maxLength").asInt() + ", actual: " + length);
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                found.add(pointer + ": expected minimum item count: " + schema.get("minItems").asInt() + ", found: " + value.size());
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                found.add(pointer + ": expected maximum item count: " + schema.get("maxItems").asInt() + ", found: " + value.size());
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), pointer + "/" + i, found);
                }
            }
        }
        if (value.isObject()) {
            object(schema, value, pointer, found);
        }
    }

    private static void object(JsonNode schema, JsonNode value, String pointer, List<String> found) {
        for (JsonNode key : schema.path("required")) {
            if (!value.has(key.asText())) {
                found.add(pointer + ": required key [" + key.asText() + "] not found");
            }
        }
        JsonNode properties = schema.path("properties");
        if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!properties.has(name)) {
                    found.add(pointer + ": extraneous key [" + name + "] is not permitted");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode child = value.get(property.getKey());
            if (child != null) {
                check(property.getValue(), child, pointer + "/" + property.getKey(), found);
            }
        }
        if (schema.has("oneOf")) {
            List<List<String>> failures = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> optionFound = new ArrayList<>();
                check(option, value, pointer, optionFound);
                failures.add(optionFound);
            }
            long matching = failures.stream().filter(List::isEmpty).count();
            if (matching == 0) {
                failures.forEach(found::addAll);
            } else if (matching > 1) {
                found.add(pointer + ": " + matching + " subschemas matched instead of one");
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    // The validator names types as the org.json classes that hold them.
    private static String typeName(String type) {
        return switch (type) {
            case "object" -> "JSONObject";
            case "array" -> "JSONArray";
            case "string" -> "String";
            case "integer" -> "Integer";
            case "number" -> "Number";
            case "boolean" -> "Boolean";
            default -> type;
        };
    }

    private static String foundName(JsonNode value) {
        if (value.isObject()) {
            return "JSONObject";
        }
        if (value.isArray()) {
            return "JSONArray";
        }
        if (value.isTextual()) {
            return "String";
        }
        if (value.isBoolean()) {
            return "Boolean";
        }
        if (value.isNull()) {
            return "Null";
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? "Integer" : "Long";
        }
        return "BigDecimal";
    }

    private static String render(JsonNode value) {
        return value.isTextual() ? value.asText() : JsonSupport.write(value);
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value) || (candidate.isNumber() && value.isNumber()
                    && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode load() {
        try (InputStream in = BodySchema.class.getResourceAsStream("native-bodies.json")) {
            if (in == null) {
                throw new IllegalStateException("the testkit's native-bodies.json resource is missing");
            }
            return JsonSupport.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
