package dev.bedrock4j.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.tools.internal.InputCodec;
import dev.bedrock4j.tools.internal.SchemaGenerator;
import dev.bedrock4j.tools.internal.ToolChecks;
import dev.bedrock4j.tools.internal.ToolJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Answers as Java objects: the model is made to call one tool whose input schema is the type
 * ({@code toolChoice} names it), and the tool's input becomes the object. This is how to extract entities
 * (an account number, a stock symbol, an address) from free text.
 *
 * <pre>{@code
 * record Invoice(@Description("Invoice number, e.g. \"INV-2024-001\"") String number,
 *                @Description("Total amount due") BigDecimal total,
 *                LocalDate dueDate) {}
 *
 * Invoice invoice = StructuredOutput.of(model, Invoice.class)
 *         .call(r -> r.system("Extract the invoice from the e-mail.").user(emailText));
 * }</pre>
 *
 * <p>The model's output is checked against the schema and converted; if that fails, the error is fed back
 * and the model tries again, once by default ({@link #withMaxAttempts(int)}); then
 * {@link StructuredOutputException} says what was wrong.
 *
 * <p>The model must support a named tool choice (see the model catalog's tool capabilities).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the type of the answer
 */
public final class StructuredOutput<T> {
    /** Attempts made by default: the first and one retry. */
    public static final int DEFAULT_MAX_ATTEMPTS = 2;

    private final ChatModel model;
    private final Class<T> type;
    private final ToolDefinition definition;
    private final InputCodec<T> codec;
    private final int maxAttempts;

    private StructuredOutput(ChatModel model, Class<T> type, String name, String description, int maxAttempts) {
        this.model = Objects.requireNonNull(model, "model");
        this.type = Objects.requireNonNull(type, "type");
        JsonNode schema;
        try {
            schema = SchemaGenerator.generate(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("type", "cannot describe " + type.getName() + ": " + e.getMessage());
        }
        this.codec = ToolChecks.codec(name, description, schema,
                input -> ToolJson.MAPPER.readerFor(type).readValue(input));
        this.definition = ToolDefinition.of(name, description, schema);
        this.maxAttempts = maxAttempts;
    }

    /**
     * Answers of a type, through a tool named after it ({@code Invoice} gives {@code invoice},
     * {@code StockQuote} gives {@code stock_quote}) and described by its {@link Description}.
     *
     * @param model the model
     * @param type the answer's type, usually a record
     * @param <T> the answer's type
     * @return the structured output
     * @throws InvalidRequestException if the type cannot be described as a JSON object
     */
    public static <T> StructuredOutput<T> of(ChatModel model, Class<T> type) {
        Description description = type.getAnnotation(Description.class);
        return new StructuredOutput<>(model, type, toolName(type),
                description != null ? description.value()
                        : "Returns the answer as a " + type.getSimpleName() + ". Call it with the values you found.",
                DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * The same, through a tool with this name and description.
     *
     * @param name the tool's name, 1 to 64 letters, digits, {@code _} or {@code -}
     * @param description what the tool is for, for the model
     * @return a copy with the tool renamed
     * @throws InvalidRequestException if Bedrock would reject the name or description
     */
    public StructuredOutput<T> withTool(String name, String description) {
        return new StructuredOutput<>(model, type, name, description, maxAttempts);
    }

    /**
     * The same, with another number of attempts.
     *
     * @param maxAttempts at least 1; 2 means one retry
     * @return a copy with the limit
     */
    public StructuredOutput<T> withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        return new StructuredOutput<>(model, type, definition.name(), definition.description(), maxAttempts);
    }

    /**
     * The tool the model is made to call.
     *
     * @return the definition, whose schema is the type's
     */
    public ToolDefinition definition() {
        return definition;
    }

    /**
     * Asks with one user turn of text.
     *
     * @param userText the text to extract from or the question
     * @return the answer
     * @throws StructuredOutputException if no attempt produced a valid answer
     */
    public T call(String userText) {
        return call(ChatRequest.of(userText));
    }

    /**
     * Asks with a request built by a consumer.
     *
     * @param request sets up the request
     * @return the answer
     * @throws StructuredOutputException if no attempt produced a valid answer
     */
    public T call(Consumer<ChatRequest.Builder> request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        return call(builder.build());
    }

    /**
     * Asks and converts the answer.
     *
     * @param request the request; the tool and the tool choice are added to it
     * @return the answer
     * @throws StructuredOutputException if no attempt produced a valid answer
     * @throws dev.bedrock4j.core.BedrockException if a model call fails
     */
    public T call(ChatRequest request) {
        List<Message> messages = new ArrayList<>(request.messages());
        List<String> problems = List.of();
        JsonNode lastOutput = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            ChatResponse response = model.call(request.toBuilder().messages(messages).tools(definition)
                    .toolChoice(ToolChoice.tool(definition.name())).build());
            messages.add(response.message());
            ContentBlock.ToolUse use = response.toolUses().stream()
                    .filter(u -> u.name().equals(definition.name())).findFirst().orElse(null);
            if (use == null) {
                problems = List.of("the model answered without calling the tool '" + definition.name() + "'");
                messages.add(Message.user("Answer by calling the tool '" + definition.name() + "'."));
                continue;
            }
            lastOutput = use.input();
            try {
                return codec.decode(lastOutput);
            } catch (InputCodec.InvalidInputException e) {
                problems = e.problems();
                List<ContentBlock> results = new ArrayList<>();
                for (ContentBlock.ToolUse other : response.toolUses()) {
                    results.add(ContentBlock.ToolResult.ofError(other.id(), other == use
                            ? "invalid input: " + String.join("; ", problems) + ". Call '" + definition.name()
                                    + "' again with corrected values."
                            : "only '" + definition.name() + "' is available"));
                }
                messages.add(new Message(Role.USER, results));
            }
        }
        throw new StructuredOutputException(type, maxAttempts, problems, lastOutput);
    }

    static String toolName(Class<?> type) {
        String simple = type.getSimpleName().isEmpty() ? "answer" : type.getSimpleName();
        String snake = simple.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return snake.length() > 64 ? snake.substring(0, 64) : snake;
    }

    @Override
    public String toString() {
        return "StructuredOutput[" + type.getSimpleName() + " via " + definition.name() + "]";
    }
}
