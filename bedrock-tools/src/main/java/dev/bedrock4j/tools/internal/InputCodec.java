package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JacksonVersions;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Turns a model's JSON input into a Java value: first checks it against the JSON Schema, then converts it
 * with {@link ToolJson#MAPPER}. Thread-safe.
 *
 * @param <I> the Java type of the input
 */
public final class InputCodec<I> {
    /** Converts a JSON input that already passed the schema. */
    @FunctionalInterface
    public interface Converter<I> {
        /** Converts the input; may throw on values the schema could not rule out. */
        I convert(JsonNode input) throws IOException;
    }

    private final JsonNode schema;
    private final SchemaValidator validator;
    private final Converter<I> converter;

    private InputCodec(JsonNode schema, Converter<I> converter) {
        this.schema = schema;
        this.validator = SchemaValidator.compile(schema);
        this.converter = converter;
    }

    /**
     * A codec with a given schema and conversion.
     *
     * @throws IllegalArgumentException if the schema is not valid JSON Schema
     */
    public static <I> InputCodec<I> of(JsonNode schema, Converter<I> converter) {
        return new InputCodec<>(schema.deepCopy(), Objects.requireNonNull(converter, "converter"));
    }

    /** A codec for a Java type, with the schema generated from the type. */
    public static <I> InputCodec<I> forType(Class<I> type) {
        JavaType javaType = ToolJson.MAPPER.constructType(type);
        return of(SchemaGenerator.generate(type), input -> ToolJson.MAPPER.readerFor(javaType).readValue(input));
    }

    /** The schema inputs are checked against. */
    public JsonNode schema() {
        return schema.deepCopy();
    }

    /**
     * Checks and converts an input.
     *
     * @throws InvalidInputException listing every problem found
     */
    public I decode(JsonNode input) {
        List<String> problems = validator.validate(input);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        try {
            return converter.convert(input);
        } catch (JsonMappingException e) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference reference : e.getPath()) {
                pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
            }
            throw new InvalidInputException(List.of((pointer.length() == 0 ? "(root)" : pointer) + ": "
                    + e.getOriginalMessage()));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(List.of(ToolJson.describe(e)));
        } catch (LinkageError e) {
            throw JacksonVersions.explain(e);
        }
    }

    /** An input that does not conform to the schema or cannot be converted. */
    public static final class InvalidInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidInputException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        /** What is wrong, one entry per problem. */
        public List<String> problems() {
            return problems;
        }
    }
}
