package dev.bedrock4j.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bedrock4j.evaluation.internal.JsonText;
import dev.bedrock4j.evaluation.internal.TextTokens;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Field-level accuracy for extraction: the share of the expected JSON's fields that the answer's JSON
 * gets right. Fields are the leaves of the expected object, addressed by JSON pointer ({@code /vendor},
 * {@code /address/city}); texts are compared normalised (case, punctuation, whitespace), numbers by
 * value ({@code 120.5} equals {@code 120.50}), arrays in any order. The answer's JSON is found leniently
 * (in a fence or amid prose); an answer without JSON gets every field wrong. Cases without an expected
 * output are left out; an expected output that is not a JSON object is an error naming the case.
 *
 * <pre>{@code
 * Metric allFields = FieldAccuracy.all();                 // field_accuracy
 * Metric vendor = FieldAccuracy.field("vendor");           // field:vendor, 1 or 0 per case
 * Metric money = FieldAccuracy.of("total", "currency");    // field_accuracy(total,currency)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FieldAccuracy implements Metric {
    private final String name;
    private final List<String> pointers;

    private FieldAccuracy(String name, List<String> pointers) {
        this.name = name;
        this.pointers = List.copyOf(pointers);
    }

    /**
     * Accuracy over every field of the expected JSON.
     *
     * @return the metric, named {@code field_accuracy}
     */
    public static FieldAccuracy all() {
        return new FieldAccuracy("field_accuracy", List.of());
    }

    /**
     * Accuracy over some fields; cases whose expected JSON lacks all of them are left out.
     *
     * @param fields top-level field names, or JSON pointers such as {@code /address/city}
     * @return the metric, named {@code field_accuracy(<fields>)}
     */
    public static FieldAccuracy of(String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("name at least one field, or use FieldAccuracy.all()");
        }
        List<String> pointers = new ArrayList<>();
        for (String field : fields) {
            pointers.add(pointer(field));
        }
        return new FieldAccuracy("field_accuracy(" + String.join(",", fields) + ")", pointers);
    }

    /**
     * Whether one field is right: 1 or 0 per case, so the mean is that field's accuracy.
     *
     * @param field a top-level field name, or a JSON pointer
     * @return the metric, named {@code field:<field>}
     */
    public static FieldAccuracy field(String field) {
        return new FieldAccuracy("field:" + field, List.of(pointer(field)));
    }

    private static String pointer(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a field name must not be blank");
        }
        return field.startsWith("/") ? field : "/" + field.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double score(Sample sample) {
        if (sample.expected().isEmpty()) {
            return Double.NaN;
        }
        JsonNode expected = JsonText.strict(sample.expected().get())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new IllegalArgumentException("case '" + sample.evalCase().id()
                        + "': the expected output is not a JSON object; field accuracy needs one"));
        JsonNode actual = JsonText.find(sample.output()).orElse(MissingNode.getInstance());
        List<String> fields = pointers.isEmpty() ? leaves(expected, "", new ArrayList<>()) : pointers;
        int applicable = 0;
        int right = 0;
        for (String field : fields) {
            JsonNode want = expected.at(field);
            if (want.isMissingNode()) {
                continue;
            }
            applicable++;
            if (same(want, actual.at(field))) {
                right++;
            }
        }
        return applicable == 0 ? Double.NaN : (double) right / applicable;
    }

    private static List<String> leaves(JsonNode node, String prefix, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                leaves(field.getValue(), prefix + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else {
            out.add(prefix);
        }
        return out;
    }

    /** Whether two JSON values are the same for extraction: texts normalised, numbers by value, arrays in any order. */
    static boolean same(JsonNode want, JsonNode got) {
        if (want.isNull()) {
            return got.isNull() || got.isMissingNode();
        }
        if (want.isNumber() || got.isNumber()) {
            BigDecimal a = decimal(want);
            BigDecimal b = decimal(got);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        if (want.isTextual() && got.isTextual()) {
            return TextTokens.normalize(want.asText()).equals(TextTokens.normalize(got.asText()));
        }
        if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                return false;
            }
            List<JsonNode> left = new ArrayList<>();
            got.forEach(left::add);
            for (JsonNode item : want) {
                if (!removeMatch(left, item)) {
                    return false;
                }
            }
            return true;
        }
        if (want.isObject() && got.isObject()) {
            if (want.size() != got.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!same(field.getValue(), got.path(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(got);
    }

    private static boolean removeMatch(List<JsonNode> candidates, JsonNode item) {
        for (int i = 0; i < candidates.size(); i++) {
            if (same(item, candidates.get(i))) {
                candidates.remove(i);
                return true;
            }
        }
        return false;
    }

    // Numbers, and texts that are numbers ("120.50"), by value; null for anything else.
    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FieldAccuracy[" + name + "]";
    }
}
