package dev.bedrock4j.spring.sample;

// README-BEGIN spring-boot
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.spring.sample.TicketTriage.Priority;
import dev.bedrock4j.spring.test.AutoConfigureLocalBedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@AutoConfigureLocalBedrock
class ReadmeExampleTest {
    @Autowired TicketTriage triage;             // the application's service, on the ChatModel bean
    @Autowired LocalBedrockServer server;
    @Autowired MeterRegistry meters;            // the actuator's

    @Test
    void triagesThroughTheConfiguredModel() {
        server.model("us.anthropic.claude-3-5-haiku-20241022-v1:0").reply("P1");

        assertThat(triage.prioritize("The printer is on fire")).isEqualTo(Priority.P1);
        assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText())
                .isEqualTo("The printer is on fire");
        assertThat(meters.get("gen_ai.client.operation.duration").timer().count()).isPositive();
    }
}
// README-END
