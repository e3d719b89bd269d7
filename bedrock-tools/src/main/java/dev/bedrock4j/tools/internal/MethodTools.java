package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.ToolMethod;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** Reads the {@link ToolMethod}s of an object. Thread-safe. */
public final class MethodTools {
    private MethodTools() {
    }

    /**
     * One annotated method, ready to become a tool.
     *
     * @param definition the name, description and input schema
     * @param codec checks and converts an input into the method's arguments
     * @param invoker calls the method with the arguments
     * @param timeout the tool's own timeout, or {@code null}
     */
    public record Spec(ToolDefinition definition, InputCodec<Object[]> codec, Function<Object[], Object> invoker,
                       Duration timeout) {
    }

    /**
     * The annotated methods of an object's class, sorted by tool name.
     *
     * @throws InvalidRequestException if an annotated method is not public, has no description or a bad name
     */
    public static List<Spec> read(Object target) {
        List<Spec> specs = new ArrayList<>();
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(ToolMethod.class) && !Modifier.isPublic(method.getModifiers())) {
                    throw new InvalidRequestException("toolMethod", "@ToolMethod " + type.getName() + "." + method.getName()
                            + " is not public; make it public");
                }
            }
        }
        for (Method method : target.getClass().getMethods()) {
            ToolMethod annotation = method.getAnnotation(ToolMethod.class);
            if (annotation != null) {
                specs.add(spec(target, method, annotation));
            }
        }
        specs.sort(Comparator.comparing(spec -> spec.definition().name()));
        return List.copyOf(specs);
    }

    private static Spec spec(Object target, Method method, ToolMethod annotation) {
        String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
        String description = annotation.description();
        if (description.isEmpty() && method.isAnnotationPresent(Description.class)) {
            description = method.getAnnotation(Description.class).value();
        }
        Parameter[] parameters = method.getParameters();
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<JavaType> javaTypes = new ArrayList<>();
        for (Parameter parameter : parameters) {
            names.add(parameterName(method, parameter));
            types.add(parameter.getParameterizedType());
            javaTypes.add(ToolJson.MAPPER.constructType(parameter.getParameterizedType()));
            Description d = parameter.getAnnotation(Description.class);
            descriptions.add(d == null ? null : d.value());
        }
        ObjectNode schema;
        try {
            schema = SchemaGenerator.generateObject(names, types, descriptions);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("inputSchema", "cannot describe the parameters of " + method + ": " + e.getMessage());
        }
        InputCodec<Object[]> codec = ToolChecks.codec(name, description, schema, input -> arguments(input, names, javaTypes));
        if (!method.trySetAccessible()) {
            throw new InvalidRequestException("toolMethod", "cannot call " + method + "; make its class public"
                    + " or open its package to dev.bedrock4j.tools");
        }
        Function<Object[], Object> invoker = arguments -> invoke(target, method, arguments);
        Duration timeout = annotation.timeoutMillis() > 0 ? Duration.ofMillis(annotation.timeoutMillis()) : null;
        return new Spec(ToolDefinition.of(name, description, schema), codec, invoker, timeout);
    }

    private static String parameterName(Method method, Parameter parameter) {
        JsonProperty property = parameter.getAnnotation(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        if (!parameter.isNamePresent()) {
            throw new InvalidRequestException("toolMethod", "the parameter names of " + method + " were not compiled"
                    + " into the class; compile with -parameters (Maven: <parameters>true</parameters> in"
                    + " maven-compiler-plugin) or name each parameter with @JsonProperty(\"name\")");
        }
        return parameter.getName();
    }

    private static Object[] arguments(JsonNode input, List<String> names, List<JavaType> types) throws java.io.IOException {
        Object[] arguments = new Object[names.size()];
        for (int i = 0; i < arguments.length; i++) {
            JsonNode value = input.get(names.get(i));
            JavaType type = types.get(i);
            arguments[i] = value == null || value.isNull() ? absent(type) : ToolJson.MAPPER.readerFor(type).readValue(value);
        }
        return arguments;
    }

    private static Object absent(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (raw == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        return null;
    }

    private static Object invoke(Object target, Method method, Object[] arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ToolFailure(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }

    /** A checked exception thrown by a tool method, carried as unchecked; its message is the cause's. */
    public static final class ToolFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ToolFailure(Throwable cause) {
            super(ToolJson.describe(cause), cause);
        }
    }
}
