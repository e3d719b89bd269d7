package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.tools.Description;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Generates a JSON Schema (draft 2020-12) for a Java type, seeing the type as {@link ToolJson#MAPPER}
 * reads it: records and POJOs become objects with the properties Jackson can set, each nested object type
 * is defined once under {@code $defs} and referenced with {@code $ref} (the root type itself as
 * {@code "#"}), so recursive types terminate. Every property is required unless its type is an
 * {@code Optional}. Not thread-safe; use one instance per schema.
 */
public final class SchemaGenerator {
    private static final String LOCAL_TIME_PATTERN = "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$";
    private static final String LOCAL_DATE_TIME_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$";

    private final JavaType root;
    private final Map<JavaType, String> defNames = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final ObjectNode defs = JsonSupport.object();

    private SchemaGenerator(JavaType root) {
        this.root = root;
    }

    /** The schema of a type, with its nested object types under {@code $defs}. */
    public static ObjectNode generate(Type type) {
        JavaType root = ToolJson.MAPPER.constructType(type);
        SchemaGenerator generator = new SchemaGenerator(root);
        ObjectNode schema = generator.isBean(root) ? generator.beanSchema(root) : generator.schemaFor(root);
        if (!generator.defs.isEmpty()) {
            schema.set("$defs", generator.defs);
        }
        return schema;
    }

    /**
     * The schema of an object whose properties are given one by one, as for the parameters of a method.
     * Each property is required unless its type is an {@code Optional}.
     */
    public static ObjectNode generateObject(List<String> names, List<Type> types, List<String> descriptions) {
        SchemaGenerator generator = new SchemaGenerator(null);
        ObjectNode schema = JsonSupport.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JsonSupport.array();
        for (int i = 0; i < names.size(); i++) {
            JavaType type = ToolJson.MAPPER.constructType(types.get(i));
            properties.set(names.get(i), describe(generator.schemaFor(type), descriptions.get(i)));
            if (!isOptional(type)) {
                required.add(names.get(i));
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        if (!generator.defs.isEmpty()) {
            schema.set("$defs", generator.defs);
        }
        return schema;
    }

    /** Whether a value of this type may be left out: {@code Optional}, {@code OptionalInt} and the like. */
    public static boolean isOptional(JavaType type) {
        Class<?> raw = type.getRawClass();
        return raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
                || raw == OptionalDouble.class;
    }

    private ObjectNode schemaFor(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class) {
            return schemaFor(type.containedTypeOrUnknown(0));
        }
        if (raw == OptionalInt.class || raw == OptionalLong.class) {
            return typed("integer");
        }
        if (raw == OptionalDouble.class) {
            return typed("number");
        }
        ObjectNode scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (type.isEnumType()) {
            return enumSchema(raw);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode array = typed("array");
            array.set("items", schemaFor(type.getContentType()));
            if (Set.class.isAssignableFrom(raw)) {
                array.put("uniqueItems", true);
            }
            return array;
        }
        if (type.isMapLikeType()) {
            ObjectNode map = typed("object");
            if (type.getKeyType().isEnumType()) {
                map.set("propertyNames", enumSchema(type.getKeyType().getRawClass()));
            }
            map.set("additionalProperties", schemaFor(type.getContentType()));
            return map;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return JsonSupport.object();
        }
        if (!isBean(type)) {
            throw new IllegalArgumentException("cannot describe " + type.toCanonical() + " as JSON Schema;"
                    + " use a record, a class with properties, or a JSON-compatible standard type");
        }
        return JsonSupport.object().put("$ref", reference(type));
    }

    private static ObjectNode scalar(Class<?> raw) {
        if (raw == String.class || raw == CharSequence.class) {
            return typed("string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
                || raw == BigInteger.class) {
            return typed("integer");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class || raw == Number.class) {
            return typed("number");
        }
        if (raw == char.class || raw == Character.class) {
            return typed("string").put("minLength", 1).put("maxLength", 1);
        }
        if (raw == byte[].class) {
            return typed("string").put("contentEncoding", "base64");
        }
        if (raw == UUID.class) {
            return typed("string").put("format", "uuid");
        }
        if (raw == URI.class || raw == URL.class) {
            return typed("string").put("format", "uri");
        }
        if (raw == LocalDate.class) {
            return typed("string").put("format", "date");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            return typed("string").put("format", "date-time");
        }
        if (raw == LocalDateTime.class) {
            return typed("string").put("pattern", LOCAL_DATE_TIME_PATTERN)
                    .put("description", "ISO-8601 local date and time, e.g. 2024-05-01T09:30:00");
        }
        if (raw == LocalTime.class) {
            return typed("string").put("pattern", LOCAL_TIME_PATTERN)
                    .put("description", "ISO-8601 local time, e.g. 09:30:00");
        }
        if (raw == Duration.class) {
            return typed("string").put("format", "duration");
        }
        return null;
    }

    private static ObjectNode enumSchema(Class<?> raw) {
        ObjectNode schema = typed("string");
        ArrayNode values = schema.putArray("enum");
        for (Object constant : raw.getEnumConstants()) {
            values.add(ToolJson.MAPPER.valueToTree(constant).asText());
        }
        Description description = raw.getAnnotation(Description.class);
        return description == null ? schema : schema.put("description", description.value());
    }

    private boolean isBean(JavaType type) {
        Class<?> raw = type.getRawClass();
        return !type.isContainerType() && !type.isEnumType() && !type.isPrimitive() && scalar(raw) == null
                && raw != Object.class && !JsonNode.class.isAssignableFrom(raw) && !isOptional(type)
                && !raw.isInterface() && !raw.getName().startsWith("java.");
    }

    private String reference(JavaType type) {
        if (type.equals(root)) {
            return "#";
        }
        String name = defNames.get(type);
        if (name == null) {
            name = uniqueName(type);
            defNames.put(type, name);
            defs.set(name, JsonSupport.object()); // reserve first: recursive references find the name
            defs.set(name, beanSchema(type));
        }
        return "#/$defs/" + name;
    }

    private String uniqueName(JavaType type) {
        StringBuilder base = new StringBuilder(type.getRawClass().getSimpleName());
        for (int i = 0; i < type.containedTypeCount(); i++) {
            base.append('_').append(type.containedType(i).getRawClass().getSimpleName());
        }
        String name = base.toString();
        for (int n = 2; !usedNames.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    private ObjectNode beanSchema(JavaType type) {
        BeanDescription bean = ToolJson.MAPPER.getDeserializationConfig().introspect(type);
        ObjectNode schema = typed("object");
        Description typeDescription = type.getRawClass().getAnnotation(Description.class);
        if (typeDescription != null) {
            schema.put("description", typeDescription.value());
        }
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.couldDeserialize()) {
                continue;
            }
            JavaType propertyType = property.getPrimaryType();
            properties.set(property.getName(), describe(schemaFor(propertyType), description(property)));
            if (!isOptional(propertyType)) {
                required.add(property.getName());
            }
        }
        if (properties.isEmpty() && !type.getRawClass().isRecord()) {
            throw new IllegalArgumentException(type.getRawClass().getName() + " has no property Jackson can set;"
                    + " use a record, or give the class setters, public fields or a @JsonCreator constructor");
        }
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        return schema.put("additionalProperties", false);
    }

    private static String description(BeanPropertyDefinition property) {
        for (AnnotatedMember member : new AnnotatedMember[] {property.getConstructorParameter(), property.getField(),
            property.getGetter(), property.getSetter()}) {
            if (member != null) {
                Description description = member.getAnnotation(Description.class);
                if (description != null) {
                    return description.value();
                }
            }
        }
        return null;
    }

    private static ObjectNode describe(ObjectNode schema, String description) {
        return description == null ? schema : schema.put("description", description);
    }

    private static ObjectNode typed(String type) {
        return JsonSupport.object().put("type", type);
    }
}
