package dev.bedrock4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.tools.internal.InputCodec;
import dev.bedrock4j.tools.internal.MethodTools;
import dev.bedrock4j.tools.internal.SchemaGenerator;
import dev.bedrock4j.tools.internal.ToolChecks;
import dev.bedrock4j.tools.internal.ToolExecutor;
import dev.bedrock4j.tools.internal.ToolFailures;
import dev.bedrock4j.tools.internal.ToolJson;
import dev.bedrock4j.tools.internal.ToolResults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tool the model can call: a {@link ToolDefinition} (name, description, input schema) and the Java
 * function that runs it. The input schema is generated from the input type, so the model's arguments
 * arrive as a typed value; before the function runs, the arguments are checked against the schema.
 *
 * <pre>{@code
 * record WeatherQuery(@Description("City name, e.g. \"Paris\"") String city) {}
 *
 * Tool<WeatherQuery> weather = Tool.of("get_weather", "Returns the current weather for a city.",
 *         WeatherQuery.class, query -> weatherService.current(query.city()));
 * }</pre>
 *
 * <p>The function's return value goes back to the model: text as text, other values as JSON (see
 * {@link #call(String, JsonNode)}). Tools are usually run by a {@link ToolRunner}; tools can also come from
 * annotated methods ({@link #fromMethods(Object)}) or from a hand-written schema
 * ({@link #of(ToolDefinition, Function)}).
 *
 * <p>Instances are immutable and thread-safe, as long as the function is.
 *
 * @param <I> the Java type of the input
 */
public final class Tool<I> {
    private final ToolDefinition definition;
    private final InputCodec<I> codec;
    private final Function<? super I, ?> function;
    private final Duration timeout;

    private Tool(ToolDefinition definition, InputCodec<I> codec, Function<? super I, ?> function, Duration timeout) {
        this.definition = definition;
        this.codec = codec;
        this.function = Objects.requireNonNull(function, "function");
        this.timeout = timeout;
    }

    /**
     * A tool whose input is a record or class; the JSON Schema is generated from it (see {@link JsonSchemas}).
     *
     * @param name the name, 1 to 64 letters, digits, {@code _} or {@code -}
     * @param description what the tool does and when to use it, for the model
     * @param inputType the input's type, usually a record
     * @param function runs the tool; its result goes back to the model
     * @param <I> the input type
     * @return the tool
     * @throws InvalidRequestException naming the field ({@code name}, {@code description}, {@code inputType} or
     *     {@code inputSchema}) if Bedrock would reject the tool or the type cannot be described
     */
    public static <I> Tool<I> of(String name, String description, Class<I> inputType, Function<? super I, ?> function) {
        Objects.requireNonNull(inputType, "inputType");
        JsonNode schema;
        try {
            schema = SchemaGenerator.generate(inputType);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("inputType", "cannot use " + inputType.getName() + " as the input of tool '"
                    + name + "': " + e.getMessage());
        }
        InputCodec<I> codec = ToolChecks.codec(name, description, schema,
                input -> ToolJson.MAPPER.readerFor(inputType).readValue(input));
        return new Tool<>(ToolDefinition.of(name, description, schema), codec, function, null);
    }

    /**
     * A tool with a hand-written schema; the function receives the model's JSON input after it passed the schema.
     *
     * <pre>{@code
     * ToolDefinition definition = ToolDefinition.of("lookup", "Looks up a word.", schemaJson);
     * Tool<JsonNode> lookup = Tool.of(definition, input -> dictionary.get(input.get("word").asText()));
     * }</pre>
     *
     * @param definition the name, description and JSON Schema
     * @param function runs the tool
     * @return the tool
     * @throws InvalidRequestException if Bedrock would reject the name or the schema, or the schema is not valid
     *     JSON Schema
     */
    public static Tool<JsonNode> of(ToolDefinition definition, Function<? super JsonNode, ?> function) {
        InputCodec<JsonNode> codec = ToolChecks.codec(definition.name(), definition.description(),
                definition.inputSchema(), input -> input);
        return new Tool<>(definition, codec, function, null);
    }

    /**
     * The tools declared by an object's public methods annotated with {@link ToolMethod}, sorted by name.
     *
     * <pre>{@code
     * ToolRunner runner = ToolRunner.of(model, Tool.fromMethods(new OrderTools()));
     * }</pre>
     *
     * @param target the object whose methods are called
     * @return the tools; empty when no method is annotated
     * @throws InvalidRequestException if an annotated method is not public, has no description, a bad name,
     *     parameters without names, or parameter types that cannot be described
     */
    public static List<Tool<?>> fromMethods(Object target) {
        Objects.requireNonNull(target, "target");
        List<Tool<?>> tools = new ArrayList<>();
        for (MethodTools.Spec spec : MethodTools.read(target)) {
            tools.add(new Tool<>(spec.definition(), spec.codec(), spec.invoker(), spec.timeout()));
        }
        return List.copyOf(tools);
    }

    /**
     * This tool with its own timeout: when a call runs longer, it is cancelled (the thread is interrupted) and
     * the model gets an error result saying so.
     *
     * @param timeout how long a call may take
     * @return a copy with the timeout
     */
    public Tool<I> withTimeout(Duration timeout) {
        ToolExecutor.requirePositive("timeout", timeout);
        return new Tool<>(definition, codec, function, timeout);
    }

    /**
     * The definition offered to the model.
     *
     * @return the name, description and input schema
     */
    public ToolDefinition definition() {
        return definition;
    }

    /**
     * The tool's name.
     *
     * @return the name
     */
    public String name() {
        return definition.name();
    }

    /**
     * The tool's own timeout.
     *
     * @return the timeout, or empty to use the runner's default
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Runs the tool once on the caller's thread, as a {@link ToolRunner} does for each call the model makes.
     * Never throws for the tool's own failures: an input that does not match the schema becomes an error result
     * that says what is wrong, and an exception from the function an error result with
     * {@link ToolErrorMapper#generic()}'s text, which names the exception's class but not its message.
     *
     * <pre>{@code
     * JsonNode input = new ObjectMapper().readTree("{\"city\":\"Paris\"}");
     * ContentBlock.ToolResult result = weather.call("call-1", input);
     * }</pre>
     *
     * @param toolUseId the id of the model's tool call, echoed in the result
     * @param input the model's arguments
     * @return the result: the function's value (text as text, JSON objects and other values as JSON), or an error
     */
    public ContentBlock.ToolResult call(String toolUseId, JsonNode input) {
        return call(toolUseId, input, ToolErrorMapper.generic());
    }

    /**
     * Runs the tool once on the caller's thread, with the text for an exception from the function chosen by a
     * mapper (see {@link ToolErrorMapper}).
     *
     * @param toolUseId the id of the model's tool call, echoed in the result
     * @param input the model's arguments
     * @param errors what the model reads when the function throws
     * @return the result, or an error result
     */
    public ContentBlock.ToolResult call(String toolUseId, JsonNode input, ToolErrorMapper errors) {
        Objects.requireNonNull(errors, "errors");
        I value;
        try {
            value = codec.decode(input);
        } catch (InputCodec.InvalidInputException e) {
            return ContentBlock.ToolResult.ofError(toolUseId, "invalid input for tool '" + name() + "': "
                    + String.join("; ", e.problems()) + ". Correct the input and call the tool again.");
        }
        try {
            return ToolResults.success(toolUseId, function.apply(value));
        } catch (MethodTools.ToolFailure e) {
            return ContentBlock.ToolResult.ofError(toolUseId, ToolFailures.text(errors, name(), e.getCause()));
        } catch (RuntimeException e) {
            return ContentBlock.ToolResult.ofError(toolUseId, ToolFailures.text(errors, name(), e));
        }
    }

    @Override
    public String toString() {
        return "Tool[" + name() + (timeout == null ? "" : ", timeout=" + timeout) + "]";
    }
}
