package dev.bedrock4j.examples.downstream;

// README-BEGIN fake-chat-model
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.testkit.FakeChatModel;
import org.junit.jupiter.api.Test;

class TicketTriageTest {
    /** The code under test: yours lives in src/main/java and takes any ChatModel. */
    record TicketTriage(ChatModel model) {
        String priority(String ticket) {
            String answer = model.prompt().system("Answer with one priority: P1 (urgent), P2 (soon) or P3 (can wait).")
                    .user(ticket).maxTokens(10).call().text().strip();
            return answer.matches("P[123]") ? answer : "P2";      // anything else goes to a person, as P2
        }
    }

    private final FakeChatModel model = FakeChatModel.create();

    @Test
    void asksTheModelForAPriority() {
        model.enqueueText("P1");

        assertThat(new TicketTriage(model).priority("The printer is on fire")).isEqualTo("P1");
        assertThat(model).hasRequestCount(1)
                .lastRequest()
                .hasSystemPromptContaining("P1 (urgent)")
                .hasLastUserText("The printer is on fire");
    }

    @Test
    void sendsUnclearAnswersToAPerson() {
        model.enqueueText("It depends on the printer.");

        assertThat(new TicketTriage(model).priority("Printer is odd")).isEqualTo("P2");
    }
}
// README-END
