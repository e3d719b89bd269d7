package dev.bedrock4j.examples.downstream;

// README-BEGIN junit-extension
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.examples.downstream.TicketTriage.Priority;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.bedrock4j.testkit.junit.SdkRetries;
import org.junit.jupiter.api.Test;

@BedrockTest(retries = SdkRetries.IMMEDIATE)
class TicketTriageOverTheWireTest {
    static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    @Test
    void getsItsAnswerDespiteThrottling(LocalBedrockServer server, Bedrock bedrock) {
        server.model(MODEL).reply("P3").faultNext(1, Fault.throttling());

        Priority priority = new TicketTriage(bedrock.chat(MODEL)).prioritize("Please add a dark mode");

        assertThat(priority).isEqualTo(Priority.P3);
        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2)
                .lastRequest().hasAttempt(2).hasLastUserText("Please add a dark mode");
    }

    @Test
    void sendsUnclearAnswersToAPerson(LocalBedrockServer server, Bedrock bedrock) {
        server.model(MODEL).reply("It depends on the printer.");

        assertThat(new TicketTriage(bedrock.chat(MODEL)).prioritize("Printer is odd")).isEqualTo(Priority.P2);
    }
}
// README-END
