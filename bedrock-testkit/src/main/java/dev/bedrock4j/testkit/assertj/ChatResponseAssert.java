package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.Messages.message;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ChatResponse}: its text, why it stopped, the tools it asked for, its usage.
 *
 * <pre>{@code
 * ChatResponse reply = model.prompt().user("Name a prime number.").call();
 * assertThat(reply).hasText("7").hasStopReason(StopReason.END_TURN).hasNoToolUse();
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 */
public final class ChatResponseAssert extends AbstractAssert<ChatResponseAssert, ChatResponse> {

    /**
     * Creates the assertion; {@link BedrockAssertions#assertThat(ChatResponse)} reads better.
     *
     * @param actual the response under test
     */
    public ChatResponseAssert(ChatResponse actual) {
        super(actual, ChatResponseAssert.class);
    }

    /**
     * Checks the text of the answer (its text blocks, joined).
     *
     * @param expected the exact text
     * @return this
     */
    public ChatResponseAssert hasText(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (!actual.text().equals(expected)) {
            failWithActualExpectedAndMessage(actual.text(), expected,
                    "%nExpecting the response text to be:%n  %s%nbut was:%n  %s", show(expected), show(actual.text()));
        }
        return this;
    }

    /**
     * Checks that the text of the answer contains a text.
     *
     * @param expected the text to find
     * @return this
     */
    public ChatResponseAssert hasTextContaining(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (!actual.text().contains(expected)) {
            throwAssertionError(message("%nExpecting the response text to contain:%n  %s%nbut it was:%n  %s",
                    expected, actual.text()));
        }
        return this;
    }

    /**
     * Checks why generation stopped.
     *
     * @param expected the stop reason, such as {@link StopReason#END_TURN}
     * @return this
     */
    public ChatResponseAssert hasStopReason(StopReason expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (!actual.stopReason().equals(expected)) {
            throwAssertionError(message("%nExpecting the response to stop with %s, but it stopped with %s",
                    expected.value(),
                    actual.stopReason().value()));
        }
        return this;
    }

    /**
     * Checks that the answer asks to call a tool.
     *
     * @param toolName the tool's name
     * @return this
     */
    public ChatResponseAssert hasToolUse(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        isNotNull();
        List<String> names = toolNames();
        if (!names.contains(toolName)) {
            throwAssertionError(message("%nExpecting the response to ask for the tool:%n  %s%nbut it asked for:%n  %s",
                    toolName, names));
        }
        return this;
    }

    /**
     * Checks that the answer asks to call no tool.
     *
     * @return this
     */
    public ChatResponseAssert hasNoToolUse() {
        isNotNull();
        List<String> names = toolNames();
        if (!names.isEmpty()) {
            throwAssertionError(message("%nExpecting the response to ask for no tool, but it asked for:%n  %s", names));
        }
        return this;
    }

    /**
     * Checks the input and output token counts.
     *
     * @param inputTokens the expected input tokens
     * @param outputTokens the expected output tokens
     * @return this
     */
    public ChatResponseAssert hasUsage(int inputTokens, int outputTokens) {
        isNotNull();
        Usage usage = actual.usage();
        if (usage.inputTokens() != inputTokens || usage.outputTokens() != outputTokens) {
            throwAssertionError(message("%nExpecting the usage to be %s input and %s output tokens, but it was %s input and %s output tokens",
                    inputTokens, outputTokens, usage.inputTokens(), usage.outputTokens()));
        }
        return this;
    }

    /**
     * Checks the model that answered.
     *
     * @param expected the model id
     * @return this
     */
    public ChatResponseAssert hasModelId(String expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        Optional<String> modelId = actual.modelId();
        if (!modelId.equals(Optional.of(expected))) {
            throwAssertionError(message("%nExpecting the response to come from the model:%n  %s%nbut "
                    + (modelId.isPresent() ? "it came from:%n  %s" : "it names no model"), expected, modelId.orElse(null)));
        }
        return this;
    }

    private List<String> toolNames() {
        return actual.toolUses().stream().map(ContentBlock.ToolUse::name).toList();
    }

    private String show(Object value) {
        return info.representation().toStringOf(value);
    }
}
