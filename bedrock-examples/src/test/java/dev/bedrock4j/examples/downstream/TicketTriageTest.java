package dev.bedrock4j.examples.downstream;

// README-BEGIN fake-chat-model
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;

import dev.bedrock4j.examples.downstream.TicketTriage.Priority;
import dev.bedrock4j.testkit.FakeChatModel;
import org.junit.jupiter.api.Test;

class TicketTriageTest {
    private final FakeChatModel model = FakeChatModel.create();
    private final TicketTriage triage = new TicketTriage(model);

    @Test
    void asksTheModelForAPriority() {
        model.enqueueText("P1");

        assertThat(triage.prioritize("The printer is on fire")).isEqualTo(Priority.P1);
        assertThat(model).hasRequestCount(1)
                .lastRequest()
                .hasSystemPromptContaining("P1 (urgent)")
                .hasLastUserText("The printer is on fire");
    }
}
// README-END
