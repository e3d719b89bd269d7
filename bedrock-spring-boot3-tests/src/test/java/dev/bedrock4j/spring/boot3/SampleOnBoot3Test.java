package dev.bedrock4j.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.spring.sample.SampleApplication;
import dev.bedrock4j.spring.sample.TicketTriage;
import dev.bedrock4j.spring.sample.TicketTriage.Priority;
import dev.bedrock4j.spring.test.AutoConfigureLocalBedrock;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;

/** The sample application, built for Spring Boot 4, on Spring Boot 3.5 and the local server. */
@SpringBootTest(classes = SampleApplication.class, properties = {
        "bedrock4j.resilience.default.initial-backoff=1ms", "management.endpoint.health.show-details=always"})
@AutoConfigureLocalBedrock
class SampleOnBoot3Test {
    static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    @Autowired
    TicketTriage triage;
    @Autowired
    LocalBedrockServer server;
    @Autowired
    MeterRegistry meters;

    @Test
    void runsOnSpringBoot3() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    }

    @Test
    void asksTheConfiguredModelAndRecordsTheCallInTheActuatorsRegistry() {
        server.model(MODEL).reply("P1");

        assertThat(triage.prioritize("The printer is on fire")).isEqualTo(Priority.P1);

        assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText()).isEqualTo("The printer is on fire");
        assertThat(meters.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.REQUEST_MODEL, MODEL).timer()
                .count()).isPositive();
    }

    @Test
    void retriesAThrottledCallUnderThePolicyOfApplicationYml(@Autowired ResilienceRegistry resilience) {
        server.model(MODEL).reply("P3").faultNext(1, Fault.throttling());

        assertThat(triage.prioritize("Please add a dark mode")).isEqualTo(Priority.P3);

        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(2);
        assertThat(resilience.policy(MODEL).orElseThrow().requestsPerMinute()).hasValue(100);
        assertThat(meters.get(BedrockMetrics.RETRIES).counter().count()).isPositive();
    }

    @Test
    void reportsTheCircuitInTheActuatorsHealth(@Autowired HealthEndpoint health) {
        server.model(MODEL).reply("P2");
        triage.prioritize("The wifi is slow");

        Health bedrock = (Health) health.healthForPath("bedrock");

        assertThat(bedrock.getStatus()).isEqualTo(Status.UP);
        assertThat(bedrock.getDetails()).isEqualTo(Map.of("circuits", Map.of(MODEL, "CLOSED")));
    }
}
