package dev.bedrock4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.tools.internal.SchemaGenerator;
import java.lang.reflect.Type;

/**
 * JSON Schemas (draft 2020-12) for Java types, as {@link Tool} and {@link StructuredOutput} send them to the
 * model. The schema describes the type the way Jackson reads it:
 * <ul>
 *   <li>records and classes become objects with the properties Jackson can set (record components, public
 *       fields, setters, creator parameters; {@code @JsonProperty} renames, {@code @JsonIgnore} hides), with
 *       {@code "additionalProperties": false};</li>
 *   <li>every property is {@code required} unless its type is {@code Optional}, {@code OptionalInt},
 *       {@code OptionalLong} or {@code OptionalDouble};</li>
 *   <li>enums become {@code "enum"} strings; arrays and collections {@code "array"} (sets with
 *       {@code "uniqueItems"}); maps objects with {@code "additionalProperties"};</li>
 *   <li>numbers, booleans, strings, {@code char}, {@code BigDecimal}, {@code BigInteger}, {@code UUID},
 *       {@code URI}, {@code byte[]} (base64) and {@code java.time} values ({@code LocalDate} as
 *       {@code "date"}, {@code Instant}/{@code OffsetDateTime}/{@code ZonedDateTime} as {@code "date-time"},
 *       {@code Duration} as {@code "duration"}, local times by pattern) map to their JSON forms;</li>
 *   <li>nested object types are defined once under {@code $defs} and referenced with {@code $ref}; a reference
 *       back to the root type is {@code "#"}, so recursive types work;</li>
 *   <li>{@link Description} on types, record components, fields, getters and setters becomes {@code "description"}.</li>
 * </ul>
 *
 * <pre>{@code
 * record Address(@Description("Street and number") String street, String city, Optional<String> postcode) {}
 * JsonNode schema = JsonSchemas.of(Address.class);
 * // {"type":"object","properties":{"street":{"type":"string","description":"Street and number"},
 * //  "city":{"type":"string"},"postcode":{"type":"string"}},"required":["street","city"],
 * //  "additionalProperties":false}
 * }</pre>
 *
 * <p>Thread-safe: a holder of static methods.
 */
public final class JsonSchemas {
    private JsonSchemas() {
    }

    /**
     * The JSON Schema of a type.
     *
     * @param type a class, or a parameterized type such as {@code List<Address>}
     * @return a new schema object
     * @throws IllegalArgumentException if the type cannot be described, such as a class Jackson cannot set
     *     any property of
     */
    public static JsonNode of(Type type) {
        return SchemaGenerator.generate(type);
    }
}
