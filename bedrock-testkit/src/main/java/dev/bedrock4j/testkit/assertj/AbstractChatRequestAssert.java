package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.Messages.message;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * The checks on a chat request, shared by every assertion that holds one: a {@link ChatRequest} itself,
 * a request a fake recorded, or a request the local server received. Whichever way the request
 * travelled (the library's types, an SDK {@code ConverseRequest}, a native {@code InvokeModel} body),
 * it is read back as a {@link ChatRequest}, so the same checks apply.
 *
 * <pre>{@code
 * assertThat(model).lastRequest()
 *         .hasSystemPromptContaining("triage")
 *         .hasLastUserTextContaining("Printer on fire")
 *         .hasToolOffered("lookup_customer")
 *         .hasMaxTokens(5);
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 *
 * @param <SELF> the assertion's own type, returned by every check for chaining
 * @param <ACTUAL> the type of the value under test
 */
public abstract class AbstractChatRequestAssert<SELF extends AbstractChatRequestAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    /**
     * Creates the assertion.
     *
     * @param actual the value under test
     * @param selfType the concrete assertion class
     */
    protected AbstractChatRequestAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * The chat request the checks read.
     *
     * @return the request
     * @throws AssertionError if the value under test is {@code null} or carries no chat request
     */
    protected abstract ChatRequest chatRequest();

    /**
     * Checks the text of the last user turn.
     *
     * @param expected the exact text
     * @return this
     */
    public SELF hasLastUserText(String expected) {
        return textIs("the last user text", chatRequest().lastUserText(), expected);
    }

    /**
     * Checks that the last user turn contains a text.
     *
     * @param expected the text to find
     * @return this
     */
    public SELF hasLastUserTextContaining(String expected) {
        return textContains("the last user text", chatRequest().lastUserText(), expected);
    }

    /**
     * Checks that some user turn, not necessarily the last, contains a text.
     *
     * @param expected the text to find
     * @return this
     */
    public SELF hasUserTextContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        List<String> texts = chatRequest().messages().stream().filter(m -> m.role() == Role.USER)
                .map(Message::text).toList();
        if (texts.stream().noneMatch(t -> t.contains(expected))) {
            throwAssertionError(message("%nExpecting a user turn to contain:%n  %s%nbut the user turns were:%n  %s",
                    expected, texts));
        }
        return myself;
    }

    /**
     * Checks the system prompt: the texts of the system blocks, joined with new lines.
     *
     * @param expected the exact system prompt
     * @return this
     */
    public SELF hasSystemPrompt(String expected) {
        return textIs("the system prompt", systemPrompt(chatRequest()), expected);
    }

    /**
     * Checks that the system prompt contains a text.
     *
     * @param expected the text to find
     * @return this
     */
    public SELF hasSystemPromptContaining(String expected) {
        return textContains("the system prompt", systemPrompt(chatRequest()), expected);
    }

    /**
     * Checks that the request offers the model a tool.
     *
     * @param toolName the tool's name
     * @return this
     */
    public SELF hasToolOffered(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        List<String> names = toolNames(chatRequest());
        if (!names.contains(toolName)) {
            throwAssertionError(message("%nExpecting the request to offer the tool:%n  %s%nbut it offered:%n  %s",
                    toolName, names));
        }
        return myself;
    }

    /**
     * Checks that the request offers the model no tool.
     *
     * @return this
     */
    public SELF hasNoToolsOffered() {
        List<String> names = toolNames(chatRequest());
        if (!names.isEmpty()) {
            throwAssertionError(message("%nExpecting the request to offer no tools, but it offered:%n  %s", names));
        }
        return myself;
    }

    /**
     * Checks the number of turns (user and assistant messages; the system prompt does not count).
     *
     * @param expected the number of messages
     * @return this
     */
    public SELF hasMessageCount(int expected) {
        List<Message> messages = chatRequest().messages();
        if (messages.size() != expected) {
            throwAssertionError(message("%nExpecting the request to have "
                    + (expected == 1 ? "1 message" : expected + " messages") + ", but it had %s: %s", messages.size(),
                    messages.stream().map(m -> m.role().wireName()).toList()));
        }
        return myself;
    }

    /**
     * Checks the maximum number of tokens the request allows.
     *
     * @param expected the limit
     * @return this
     */
    public SELF hasMaxTokens(int expected) {
        ChatRequest request = chatRequest();
        if (request.maxTokens().isEmpty() || request.maxTokens().getAsInt() != expected) {
            throwAssertionError(message("%nExpecting maxTokens to be %s, but it was %s",
                    expected, request.maxTokens()));
        }
        return myself;
    }

    /**
     * Checks the sampling temperature.
     *
     * @param expected the temperature
     * @return this
     */
    public SELF hasTemperature(double expected) {
        ChatRequest request = chatRequest();
        if (request.temperature().isEmpty() || Double.compare(request.temperature().getAsDouble(), expected) != 0) {
            throwAssertionError(message("%nExpecting temperature to be %s, but it was %s",
                    expected, request.temperature()));
        }
        return myself;
    }

    private static String systemPrompt(ChatRequest request) {
        return request.system().stream().filter(ContentBlock.Text.class::isInstance)
                .map(b -> ((ContentBlock.Text) b).text()).collect(Collectors.joining("\n"));
    }

    private static List<String> toolNames(ChatRequest request) {
        return request.tools().stream().map(ToolDefinition::name).toList();
    }

    // "what" names the text in the message; it is ours, never the user's, so it may go into the format.
    private SELF textIs(String what, String text, String expected) {
        Objects.requireNonNull(expected, "expected");
        if (!text.equals(expected)) {
            failWithActualExpectedAndMessage(text, expected, "%nExpecting " + what + " to be:%n  %s%nbut was:%n  %s",
                    info.representation().toStringOf(expected), info.representation().toStringOf(text));
        }
        return myself;
    }

    private SELF textContains(String what, String text, String expected) {
        Objects.requireNonNull(expected, "expected");
        if (!text.contains(expected)) {
            throwAssertionError(message("%nExpecting " + what + " to contain:%n  %s%nbut it was:%n  %s", expected, text));
        }
        return myself;
    }
}
