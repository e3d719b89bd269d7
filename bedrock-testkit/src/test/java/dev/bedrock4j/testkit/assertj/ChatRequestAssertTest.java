package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;
import static dev.bedrock4j.testkit.assertj.Lines.lines;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.spi.JsonSupport;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ChatRequestAssertTest {
    static final ToolDefinition LOOKUP = ToolDefinition.of("lookup_customer", "Finds a customer.",
            JsonSupport.parse("{\"type\":\"object\"}"));

    private final ChatRequest request = ChatRequest.builder()
            .system("You triage support tickets.")
            .system("Answer with P1, P2 or P3.")
            .user("My printer is on fire")
            .assistant("P1")
            .user("And the fax too")
            .tools(LOOKUP)
            .maxTokens(5)
            .temperature(0.2)
            .build();

    private final ChatRequest bare = ChatRequest.of("hi");

    @Test
    void passesWhenTheRequestMatches() {
        assertThat(request)
                .hasLastUserText("And the fax too")
                .hasLastUserTextContaining("fax")
                .hasUserTextContaining("printer")
                .hasSystemPrompt("You triage support tickets.\nAnswer with P1, P2 or P3.")
                .hasSystemPromptContaining("P1, P2 or P3")
                .hasToolOffered("lookup_customer")
                .hasMessageCount(3)
                .hasMaxTokens(5)
                .hasTemperature(0.2);
        assertThat(bare).hasNoToolsOffered().hasSystemPrompt("");
    }

    @Test
    void lastUserTextFailuresShowExpectedAndActualForTheIdesDiff() {
        assertThatThrownBy(() -> assertThat(request).hasLastUserText("My printer is on fire"))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    assertThat(e.getExpected().getValue()).isEqualTo("My printer is on fire");
                    assertThat(e.getActual().getValue()).isEqualTo("And the fax too");
                })
                .hasMessage(lines("", "Expecting the last user text to be:", "  \"My printer is on fire\"", "but was:",
                        "  \"And the fax too\""));
        assertThatThrownBy(() -> assertThat(request).hasLastUserTextContaining("printer"))
                .hasMessage(lines("", "Expecting the last user text to contain:", "  \"printer\"", "but it was:",
                        "  \"And the fax too\""));
        assertThatThrownBy(() -> assertThat(request).hasUserTextContaining("scanner"))
                .hasMessage(lines("", "Expecting a user turn to contain:", "  \"scanner\"", "but the user turns were:",
                        "  [\"My printer is on fire\", \"And the fax too\"]"));
    }

    @Test
    void systemPromptFailuresShowTheWholePrompt() {
        assertThatThrownBy(() -> assertThat(request).hasSystemPrompt("Be nice."))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(lines("", "Expecting the system prompt to be:", "  \"Be nice.\"", "but was:",
                        "  \"You triage support tickets.\nAnswer with P1, P2 or P3.\""));
        assertThatThrownBy(() -> assertThat(bare).hasSystemPromptContaining("triage"))
                .hasMessage(lines("", "Expecting the system prompt to contain:", "  \"triage\"", "but it was:", "  \"\""));
    }

    @Test
    void toolFailuresListTheToolsOffered() {
        assertThatThrownBy(() -> assertThat(request).hasToolOffered("refund"))
                .hasMessage(lines("", "Expecting the request to offer the tool:", "  \"refund\"", "but it offered:",
                        "  [\"lookup_customer\"]"));
        assertThatThrownBy(() -> assertThat(request).hasNoToolsOffered())
                .hasMessage(lines("", "Expecting the request to offer no tools, but it offered:", "  [\"lookup_customer\"]"));
    }

    @Test
    void settingFailuresNameTheSettingAndItsValue() {
        assertThatThrownBy(() -> assertThat(request).hasMessageCount(1))
                .hasMessage(lines("", "Expecting the request to have 1 message, but it had 3: [\"user\", \"assistant\", \"user\"]"));
        assertThatThrownBy(() -> assertThat(request).hasMaxTokens(100))
                .hasMessage(lines("", "Expecting maxTokens to be 100, but it was OptionalInt[5]"));
        assertThatThrownBy(() -> assertThat(bare).hasMaxTokens(100))
                .hasMessage(lines("", "Expecting maxTokens to be 100, but it was OptionalInt.empty"));
        assertThatThrownBy(() -> assertThat(request).hasTemperature(0.7))
                .hasMessage(lines("", "Expecting temperature to be 0.7, but it was OptionalDouble[0.2]"));
    }

    @Test
    void aDescriptionPrefixesTheMessageAndNullIsRejected() {
        assertThatThrownBy(() -> assertThat(request).as("triage request").hasMaxTokens(1))
                .hasMessageStartingWith("[triage request] ");
        assertThatThrownBy(() -> assertThat((ChatRequest) null).hasLastUserText("x"))
                .hasMessageContaining("Expecting actual not to be null");
    }
}
