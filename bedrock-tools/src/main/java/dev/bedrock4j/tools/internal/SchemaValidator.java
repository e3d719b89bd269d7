package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled JSON Schema that checks values, on the networknt validator. Schemas without {@code $schema}
 * are read as draft 2020-12, with {@code format} asserted (a {@code "date"} must be a date); only the bundled
 * meta-schemas are loaded, never anything remote.
 * Thread-safe.
 */
public final class SchemaValidator {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<SpecificationVersion, Schema> META_SCHEMAS = new ConcurrentHashMap<>();

    private final Schema schema;

    private SchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles a schema after checking it against the meta-schema of its {@code $schema} dialect, draft 2020-12
     * when it names none.
     *
     * @throws IllegalArgumentException listing what is wrong with the schema
     */
    public static SchemaValidator compile(JsonNode schema) {
        SpecificationVersion version = SpecificationVersion.fromSchemaNode(schema).orElse(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = META_SCHEMAS.computeIfAbsent(version,
                v -> REGISTRY.getSchema(SchemaLocation.of(v.getDialectId())));
        List<String> problems = messages(metaSchema.validate(schema));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + String.join("; ", problems));
        }
        try {
            Schema compiled = REGISTRY.getSchema(schema);
            compiled.initializeValidators();
            return new SchemaValidator(compiled);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("the JSON Schema cannot be compiled: " + e.getMessage(), e);
        }
    }

    /** What is wrong with a value, one message per problem; empty when the value conforms. */
    public List<String> validate(JsonNode value) {
        return messages(schema.validate(value));
    }

    private static List<String> messages(List<Error> errors) {
        List<String> messages = new ArrayList<>();
        for (Error error : errors) {
            String location = error.getInstanceLocation().toString();
            messages.add((location.isEmpty() ? "(root)" : location) + ": " + error.getMessage());
        }
        return messages;
    }
}
