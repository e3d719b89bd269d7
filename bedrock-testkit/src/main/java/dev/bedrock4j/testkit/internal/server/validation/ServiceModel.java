package dev.bedrock4j.testkit.internal.server.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The constraints a service's API model puts on the input of its operations, and the check of a request
 * against them as AWS request validation words it: required members, the lengths of strings, lists and
 * maps, numeric ranges, patterns, enums, and unions that must have exactly one member set.
 *
 * <p>The constraints come from {@code service-model.json} next to this class: the shapes of the
 * bedrock-runtime and bedrock-agent-runtime service models that botocore ships, trimmed to what validation
 * needs by {@code bedrock-testkit/src/build/extract-service-model.py} (the file names the botocore version).
 *
 * <p>The wording is AWS's: {@code 1 validation error detected: Value '5.0' at 'inferenceConfig.temperature'
 * failed to satisfy constraint: Member must have value less than or equal to 1} (a Bedrock user's report of
 * Converse), paths such as {@code toolConfig.tools.2.member.toolSpec.name} (lists counted from 1, then
 * {@code member}), {@code Value null at ...: Member must not be null} for a missing required member,
 * {@code Member must satisfy enum value set: [user, assistant]}, {@code Member must satisfy regular expression
 * pattern: [a-zA-Z0-9_-]+}, {@code Member must have length less than or equal to 64}, several errors joined
 * with {@code "; "} after {@code N validation errors detected: }, and {@code Value at ...} (no value) where
 * the member is sensitive. For a union with no member or several members set no report gives the service's
 * words; the message follows the same pattern ({@code Member must have exactly one member set}).
 *
 * <p>Values of the wrong JSON type are left to the operation (the SDK clients never send them). Members
 * bound to the URI, headers or query, and the raw payload of {@code InvokeModel}, are not part of the JSON
 * body; URI parameters are checked when given.
 *
 * <p>Thread-safe: immutable once loaded.
 */
public final class ServiceModel {
    private static final String RESOURCE = "service-model.json";
    private static final JsonNode ROOT = load();
    private static final Map<String, ServiceModel> SERVICES = new ConcurrentHashMap<>();

    private final JsonNode shapes;
    private final JsonNode operations;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private ServiceModel(JsonNode service) {
        this.shapes = service.path("shapes");
        this.operations = service.path("operations");
    }

    /**
     * The model of a service.
     *
     * @param service {@code bedrock-runtime} or {@code bedrock-agent-runtime}
     * @return the model
     * @throws IllegalArgumentException for a service the resource does not hold
     */
    public static ServiceModel of(String service) {
        return SERVICES.computeIfAbsent(service, name -> {
            JsonNode node = ROOT.path("services").path(name);
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("no service model for " + name);
            }
            return new ServiceModel(node);
        });
    }

    /**
     * The botocore version the models were taken from.
     *
     * @return such as {@code 1.43.11}
     */
    public static String botocoreVersion() {
        return ROOT.path("botocore").asText();
    }

    /**
     * Whether the model knows an operation.
     *
     * @param operation the API name, such as {@code Converse}
     * @return {@code true} if its input can be checked
     */
    public boolean knows(String operation) {
        return operations.has(operation);
    }

    /**
     * Checks the input of an operation.
     *
     * @param operation the API name, such as {@code Converse}
     * @param body the JSON body, or a missing node for none
     * @param uriParameters the decoded URI parameters by member location name; those not given are not checked
     * @return the violations, in the words of AWS request validation, in the order found; empty when valid
     */
    public List<String> violations(String operation, JsonNode body, Map<String, String> uriParameters) {
        List<String> found = new ArrayList<>();
        String input = operations.path(operation).asText(null);
        if (input == null) {
            return found;
        }
        JsonNode shape = shapes.path(input);
        String payload = shape.path("payload").asText("");
        JsonNode required = shape.path("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode ref = member.getValue();
            String location = ref.path("location").asText("");
            if (location.equals("uri")) {
                String value = uriParameters.get(ref.path("locationName").asText(name));
                if (value != null) {
                    check(com.fasterxml.jackson.databind.node.TextNode.valueOf(value), ref.path("shape").asText(), name, false, found);
                }
            } else if (location.isEmpty() && !name.equals(payload) && body.isObject()) {
                JsonNode value = body.get(name);
                if (value == null || value.isNull()) {
                    if (contains(required, name)) {
                        found.add("Value null at '" + name + "' failed to satisfy constraint: Member must not be null");
                    }
                } else {
                    check(value, ref.path("shape").asText(), name, false, found);
                }
            }
        }
        return found;
    }

    /**
     * The message of a {@code ValidationException} for violations.
     *
     * @param violations as {@link #violations} found them, at least one
     * @return {@code "1 validation error detected: ..."} or {@code "N validation errors detected: ...; ..."}
     */
    public static String message(List<String> violations) {
        int n = violations.size();
        return n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations);
    }

    private void check(JsonNode value, String shapeName, String path, boolean hidden, List<String> found) {
        JsonNode shape = shapes.path(shapeName);
        if (shape.isMissingNode() || shape.path("document").asBoolean(false)) {
            return;
        }
        boolean sensitive = hidden || shape.path("sensitive").asBoolean(false);
        String type = shape.path("type").asText();
        switch (type) {
            case "string" -> {
                if (value.isTextual()) {
                    String text = value.asText();
                    List<String> broken = stringConstraints(shape, text);
                    for (String constraint : broken) {
                        found.add(at(sensitive ? null : "'" + text + "'", path) + constraint);
                    }
                }
            }
            case "blob" -> {
                if (value.isTextual()) {
                    long length = decodedLength(value.asText());
                    lengthConstraints(shape, length).forEach(c -> found.add(at(null, path) + c));
                }
            }
            case "integer", "long", "float", "double" -> {
                if (value.isNumber()) {
                    for (String constraint : rangeConstraints(shape, value.decimalValue())) {
                        found.add(at(sensitive ? null : "'" + render(value, type) + "'", path) + constraint);
                    }
                }
            }
            case "list" -> {
                if (value.isArray()) {
                    for (String constraint : lengthConstraints(shape, value.size())) {
                        found.add(at(sensitive ? null : renderList(value), path) + constraint);
                    }
                    String member = shape.path("member").asText();
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode element = value.get(i);
                        String elementPath = path + "." + (i + 1) + ".member";
                        if (element == null || element.isNull()) {
                            found.add("Value null at '" + elementPath + "' failed to satisfy constraint: Member must not be null");
                        } else {
                            check(element, member, elementPath, sensitive, found);
                        }
                    }
                }
            }
            case "map" -> {
                if (value.isObject()) {
                    for (String constraint : lengthConstraints(shape, value.size())) {
                        found.add(at(null, path) + constraint);
                    }
                    mapEntries(value, shape, path, sensitive, found);
                }
            }
            case "structure" -> {
                if (value.isObject()) {
                    structure(value, shape, path, sensitive, found);
                }
            }
            default -> {
                // booleans, timestamps: no constraints
            }
        }
    }

    private void structure(JsonNode value, JsonNode shape, String path, boolean sensitive, List<String> found) {
        JsonNode members = shape.path("members");
        if (shape.path("union").asBoolean(false)) {
            int set = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                if (!it.next().getValue().isNull()) {
                    set++;
                }
            }
            if (set != 1) {
                found.add(at(null, path) + "Member must have exactly one member set");
                return;
            }
        }
        JsonNode required = shape.path("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getValue().path("location").asText("").isEmpty()) {
                continue;
            }
            String name = member.getKey();
            JsonNode child = value.get(name);
            String childPath = path + "." + name;
            if (child == null || child.isNull()) {
                if (contains(required, name)) {
                    found.add("Value null at '" + childPath + "' failed to satisfy constraint: Member must not be null");
                }
            } else {
                check(child, member.getValue().path("shape").asText(), childPath, sensitive, found);
            }
        }
    }

    // AWS reports a map's entries at the map, with every constraint of the key or value shape listed.
    private void mapEntries(JsonNode value, JsonNode shape, String path, boolean sensitive, List<String> found) {
        JsonNode keyShape = shapes.path(shape.path("key").asText());
        String valueShapeName = shape.path("value").asText();
        JsonNode valueShape = shapes.path(valueShapeName);
        boolean keysBroken = false;
        boolean valuesBroken = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            keysBroken |= !stringConstraints(keyShape, entry.getKey()).isEmpty();
            JsonNode v = entry.getValue();
            if (valueShape.path("type").asText().equals("string") && v.isTextual()) {
                valuesBroken |= !stringConstraints(valueShape, v.asText()).isEmpty();
            } else if (!v.isNull()) {
                check(v, valueShapeName, path + "." + entry.getKey() + ".member", sensitive, found);
            }
        }
        if (keysBroken) {
            found.add(at(null, path) + "Map keys must satisfy constraint: " + allConstraints(keyShape));
        }
        if (valuesBroken) {
            found.add(at(null, path) + "Map value must satisfy constraint: " + allConstraints(valueShape));
        }
    }

    private static String allConstraints(JsonNode shape) {
        List<String> all = new ArrayList<>();
        if (shape.has("max")) {
            all.add("Member must have length less than or equal to " + shape.get("max").asText());
        }
        if (shape.has("min")) {
            all.add("Member must have length greater than or equal to " + shape.get("min").asText());
        }
        if (shape.has("pattern")) {
            all.add("Member must satisfy regular expression pattern: " + shape.get("pattern").asText());
        }
        return "[" + String.join(", ", all) + "]";
    }

    private List<String> stringConstraints(JsonNode shape, String text) {
        List<String> broken = new ArrayList<>(lengthConstraints(shape, text.codePointCount(0, text.length())));
        if (shape.has("pattern") && !pattern(shape.get("pattern").asText()).matcher(text).matches()) {
            broken.add("Member must satisfy regular expression pattern: " + shape.get("pattern").asText());
        }
        if (shape.has("enum") && !contains(shape.get("enum"), text)) {
            List<String> values = new ArrayList<>();
            shape.get("enum").forEach(v -> values.add(v.asText()));
            broken.add("Member must satisfy enum value set: [" + String.join(", ", values) + "]");
        }
        return broken;
    }

    private static List<String> lengthConstraints(JsonNode shape, long length) {
        List<String> broken = new ArrayList<>();
        if (shape.has("max") && length > shape.get("max").asLong()) {
            broken.add("Member must have length less than or equal to " + shape.get("max").asText());
        }
        if (shape.has("min") && length < shape.get("min").asLong()) {
            broken.add("Member must have length greater than or equal to " + shape.get("min").asText());
        }
        return broken;
    }

    private static List<String> rangeConstraints(JsonNode shape, java.math.BigDecimal value) {
        List<String> broken = new ArrayList<>();
        if (shape.has("max") && value.compareTo(shape.get("max").decimalValue()) > 0) {
            broken.add("Member must have value less than or equal to " + shape.get("max").asText());
        }
        if (shape.has("min") && value.compareTo(shape.get("min").decimalValue()) < 0) {
            broken.add("Member must have value greater than or equal to " + shape.get("min").asText());
        }
        return broken;
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return Pattern.compile("(?s).*");
            }
        });
    }

    private static String at(String value, String path) {
        return "Value " + (value == null ? "" : value + " ") + "at '" + path + "' failed to satisfy constraint: ";
    }

    // As the service's Java validation prints numbers: a float member 5 is '5.0'.
    private static String render(JsonNode value, String type) {
        return switch (type) {
            case "float" -> Float.toString(value.floatValue());
            case "double" -> Double.toString(value.doubleValue());
            default -> value.asText();
        };
    }

    private static String renderList(JsonNode list) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isValueNode()) {
                return null;
            }
            items.add(item.asText());
        }
        return "'[" + String.join(", ", items) + "]'";
    }

    private static long decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length();
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode load() {
        try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the testkit's " + RESOURCE + " resource is missing");
            }
            return JsonSupport.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
