package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts AWS SDK model objects to and from the JSON Bedrock puts on the wire, driven by the SDK's own
 * field metadata, so every member of every shape maps without a hand-written mapping: blobs are base64,
 * documents raw JSON, timestamps ISO-8601, unions objects with one key, numbers the node types Jackson
 * parses from the text the SDK writes (a float temperature is {@code 0.9}, equal to parsed {@code 0.9}).
 * Members bound to the path or headers are left out. Thread-safe.
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    /** The JSON body of an SDK object. */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode json = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            json.set(field.locationName(), valueToJson(field, value));
        }
        return json;
    }

    /** Fills an SDK builder (for example {@code ConverseRequest.builder()}) from JSON, ignoring unknown keys. */
    public static <T> T fromJson(JsonNode json, SdkBuilder<?, T> builder) {
        fill((SdkPojo) builder, json);
        return builder.build();
    }

    /** Sets the payload members of an SDK builder from JSON, ignoring unknown keys; path and header members stay as they are. */
    public static void fill(SdkPojo builder, JsonNode json) {
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            JsonNode value = json.get(field.locationName());
            if (value == null || value.isNull()) {
                continue;
            }
            field.set(builder, jsonToValue(field, value));
        }
    }

    private static JsonNode valueToJson(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return toJson((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(element == null ? NODES.nullNode() : valueToJson(member, element));
            }
            return array;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, ?> entry : ((Map<String, ?>) value).entrySet()) {
                object.set(entry.getKey(), entry.getValue() == null ? NODES.nullNode() : valueToJson(member, entry.getValue()));
            }
            return object;
        }
        return scalarToJson(value);
    }

    private static JsonNode scalarToJson(Object value) {
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        // Numbers become the node types Jackson's parser makes of the text the SDK writes, so that converted JSON equals parsed JSON.
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(decimal(f));
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        }
        if (value instanceof Document document) {
            return documentToJson(document);
        }
        throw new IllegalArgumentException("unsupported SDK member type " + value.getClass().getName());
    }

    /**
     * The decimal a float stands for, as a double: the SDK writes a float member such as a temperature with
     * its shortest decimal ({@code 0.9}), and this is that decimal, not the float's binary value
     * ({@code 0.8999999761581421}).
     */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static Object jsonToValue(SdkField<?> field, JsonNode json) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, json);
            return nested instanceof SdkBuilder<?, ?> b ? b.build() : nested;
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (JsonNode element : json) {
                list.add(element.isNull() ? null : jsonToValue(member, element));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = json.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                map.put(entry.getKey(), entry.getValue().isNull() ? null : jsonToValue(member, entry.getValue()));
            }
            return map;
        }
        if (type == MarshallingType.STRING) {
            return json.asText();
        }
        if (type == MarshallingType.INTEGER) {
            return json.asInt();
        }
        if (type == MarshallingType.LONG) {
            return json.asLong();
        }
        if (type == MarshallingType.FLOAT) {
            return json.floatValue();
        }
        if (type == MarshallingType.DOUBLE) {
            return json.asDouble();
        }
        if (type == MarshallingType.SHORT) {
            return json.shortValue();
        }
        if (type == MarshallingType.BYTE) {
            return (byte) json.asInt();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return json.decimalValue();
        }
        if (type == MarshallingType.BOOLEAN) {
            return json.asBoolean();
        }
        if (type == MarshallingType.INSTANT) {
            return json.isNumber() ? Instant.ofEpochMilli((long) (json.asDouble() * 1000)) : Instant.parse(json.asText());
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(json.asText()));
        }
        if (type == MarshallingType.DOCUMENT) {
            return jsonToDocument(json);
        }
        throw new IllegalArgumentException("unsupported SDK member type " + type);
    }

    /** Converts an SDK document to JSON. */
    public static JsonNode documentToJson(Document document) {
        if (document == null || document.isNull()) {
            return NODES.nullNode();
        }
        if (document.isString()) {
            return NODES.textNode(document.asString());
        }
        if (document.isBoolean()) {
            return NODES.booleanNode(document.asBoolean());
        }
        if (document.isNumber()) {
            return number(document.asNumber().bigDecimalValue());
        }
        if (document.isList()) {
            ArrayNode array = NODES.arrayNode();
            for (Document element : document.asList()) {
                array.add(documentToJson(element));
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, Document> entry : document.asMap().entrySet()) {
            object.set(entry.getKey(), documentToJson(entry.getValue()));
        }
        return object;
    }

    // The node types Jackson's own parser would produce, so that converted JSON equals parsed JSON.
    private static JsonNode number(BigDecimal number) {
        if (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0) {
            try {
                long value = number.longValueExact();
                return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
            } catch (ArithmeticException tooLarge) {
                return NODES.numberNode(number.toBigIntegerExact());
            }
        }
        double value = number.doubleValue();
        return new BigDecimal(Double.toString(value)).compareTo(number) == 0 ? NODES.numberNode(value) : NODES.numberNode(number);
    }

    /** Converts JSON to an SDK document. */
    public static Document jsonToDocument(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return Document.fromNull();
        }
        if (json.isTextual()) {
            return Document.fromString(json.asText());
        }
        if (json.isBoolean()) {
            return Document.fromBoolean(json.asBoolean());
        }
        if (json.isIntegralNumber()) {
            return Document.fromNumber(SdkNumber.fromBigInteger(json.bigIntegerValue()));
        }
        if (json.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(json.decimalValue()));
        }
        if (json.isArray()) {
            List<Document> list = new ArrayList<>();
            for (JsonNode element : json) {
                list.add(jsonToDocument(element));
            }
            return Document.fromList(list);
        }
        Map<String, Document> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = json.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            map.put(entry.getKey(), jsonToDocument(entry.getValue()));
        }
        return Document.fromMap(map);
    }
}
