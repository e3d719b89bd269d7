package dev.bedrock4j.examples.downstream;

// README-BEGIN junit-extension
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.bedrock4j.testkit.junit.SdkRetries;
import org.junit.jupiter.api.Test;

@BedrockTest(retries = SdkRetries.IMMEDIATE)
class TicketTriageOverTheWireTest {
    static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    /** The code under test, as in the example above. */
    record TicketTriage(ChatModel model) {
        String priority(String ticket) {
            String answer = model.prompt().system("Answer with one priority: P1 (urgent), P2 (soon) or P3 (can wait).")
                    .user(ticket).maxTokens(10).call().text().strip();
            return answer.matches("P[123]") ? answer : "P2";
        }
    }

    @Test
    void getsItsAnswerDespiteThrottling(LocalBedrockServer server, Bedrock bedrock) {
        server.model(MODEL).reply("P3").faultNext(1, Fault.throttling());

        String priority = new TicketTriage(bedrock.chat(MODEL)).priority("Please add a dark mode");

        assertThat(priority).isEqualTo("P3");
        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2)
                .lastRequest().hasAttempt(2).hasLastUserText("Please add a dark mode");
    }

    @Test
    void sendsTheSystemPromptAndTheLimitOverTheWire(LocalBedrockServer server, Bedrock bedrock) {
        server.model(MODEL).reply("P1");

        assertThat(new TicketTriage(bedrock.chat(MODEL)).priority("The printer is on fire")).isEqualTo("P1");
        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 1)
                .lastRequest().hasSystemPromptContaining("P1 (urgent)").hasMaxTokens(10);
    }
}
// README-END
