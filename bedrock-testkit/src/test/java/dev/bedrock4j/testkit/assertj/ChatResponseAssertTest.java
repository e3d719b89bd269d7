package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;
import static dev.bedrock4j.testkit.assertj.Lines.lines;

import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ChatResponseAssertTest {
    private final ChatResponse text = ChatResponse.builder().modelId("amazon.nova-lite-v1:0").text("It is P2.")
            .usage(Usage.of(12, 4)).build();
    private final ChatResponse toolUse = ChatResponse.builder()
            .message(Message.assistant(new ContentBlock.Text("Let me look."),
                    new ContentBlock.ToolUse("t1", "lookup_customer", JsonSupport.parse("{\"id\":7}"))))
            .stopReason(StopReason.TOOL_USE).build();

    @Test
    void passesWhenTheResponseMatches() {
        assertThat(text).hasText("It is P2.").hasTextContaining("P2").hasStopReason(StopReason.END_TURN).hasNoToolUse()
                .hasUsage(12, 4).hasModelId("amazon.nova-lite-v1:0");
        assertThat(toolUse).hasToolUse("lookup_customer").hasStopReason(StopReason.TOOL_USE);
    }

    @Test
    void textFailuresShowBothTexts() {
        assertThatThrownBy(() -> assertThat(text).hasText("P1"))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> assertThat(e.getExpected().getValue()).isEqualTo("P1"))
                .hasMessage(lines("", "Expecting the response text to be:", "  \"P1\"", "but was:", "  \"It is P2.\""));
        assertThatThrownBy(() -> assertThat(text).hasTextContaining("P1"))
                .hasMessage(lines("", "Expecting the response text to contain:", "  \"P1\"", "but it was:", "  \"It is P2.\""));
    }

    @Test
    void stopReasonToolAndUsageFailuresNameWhatWasFound() {
        assertThatThrownBy(() -> assertThat(toolUse).hasStopReason(StopReason.END_TURN))
                .hasMessage(lines("", "Expecting the response to stop with \"end_turn\", but it stopped with \"tool_use\""));
        assertThatThrownBy(() -> assertThat(toolUse).hasToolUse("refund"))
                .hasMessage(lines("", "Expecting the response to ask for the tool:", "  \"refund\"", "but it asked for:",
                        "  [\"lookup_customer\"]"));
        assertThatThrownBy(() -> assertThat(toolUse).hasNoToolUse())
                .hasMessage(lines("", "Expecting the response to ask for no tool, but it asked for:", "  [\"lookup_customer\"]"));
        assertThatThrownBy(() -> assertThat(text).hasUsage(1, 2))
                .hasMessage(lines("", "Expecting the usage to be 1 input and 2 output tokens, but it was 12 input and 4 output tokens"));
        assertThatThrownBy(() -> assertThat(toolUse).hasModelId("amazon.nova-lite-v1:0"))
                .hasMessage(lines("", "Expecting the response to come from the model:", "  \"amazon.nova-lite-v1:0\"",
                        "but it names no model"));
        assertThatThrownBy(() -> assertThat(text).hasModelId("amazon.nova-pro-v1:0"))
                .hasMessage(lines("", "Expecting the response to come from the model:", "  \"amazon.nova-pro-v1:0\"",
                        "but it came from:", "  \"amazon.nova-lite-v1:0\""));
    }
}
