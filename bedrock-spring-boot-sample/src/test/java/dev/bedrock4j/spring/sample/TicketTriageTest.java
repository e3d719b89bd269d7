package dev.bedrock4j.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.spring.sample.TicketTriage.Priority;
import dev.bedrock4j.spring.test.AutoConfigureLocalBedrock;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on Spring Boot 4, its Bedrock calls answered by the local server: the service gets its
 * answer through the auto-configured model, and the calls show in the actuator's meter registry and health.
 * {@code src/test/resources/application.properties} shortens the retries' backoff and shows the health details.
 */
@SpringBootTest
@AutoConfigureLocalBedrock
class TicketTriageTest {
    static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    @Autowired
    TicketTriage triage;
    @Autowired
    LocalBedrockServer server;
    @Autowired
    MeterRegistry meters;

    @Test
    void asksTheConfiguredModelThroughTheLocalServer() {
        server.model(MODEL).reply("P1");

        assertThat(triage.prioritize("The printer is on fire")).isEqualTo(Priority.P1);

        var request = server.lastRequest().chatRequest().orElseThrow();
        assertThat(request.lastUserText()).isEqualTo("The printer is on fire");
        assertThat(request.system()).singleElement().asString().contains("P1 (urgent)");
    }

    @Test
    void recordsEachCallInTheActuatorsMeterRegistry() {
        server.model(MODEL).reply("P3");

        triage.prioritize("Please add a dark mode");

        Timer calls = meters.get(BedrockMetrics.OPERATION_DURATION)
                .tags(BedrockMetrics.REQUEST_MODEL, MODEL, BedrockMetrics.OPERATION_NAME, "chat",
                        BedrockMetrics.ERROR_TYPE, "none")
                .timer();
        assertThat(calls.count()).isPositive();
        assertThat(meters.get(BedrockMetrics.TOKEN_USAGE).tags(BedrockMetrics.REQUEST_MODEL, MODEL,
                BedrockMetrics.TOKEN_TYPE, "input").summary().totalAmount()).isPositive();
    }

    @Test
    void retriesAThrottledCallAndCountsTheRetry() {
        server.model(MODEL).reply("P2").faultNext(1, Fault.throttling());
        double before = counted(BedrockMetrics.RETRIES);

        assertThat(triage.prioritize("The wifi is slow")).isEqualTo(Priority.P2);

        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(2);
        assertThat(counted(BedrockMetrics.RETRIES) - before).isEqualTo(1.0);
    }

    @Test
    void takesTheModelsPolicyFromApplicationYml(@Autowired ResilienceRegistry resilience) {
        var policy = resilience.policy(MODEL).orElseThrow();

        assertThat(policy.requestsPerMinute()).hasValue(100);
        assertThat(policy.maxAttempts()).as("from the default policy").isEqualTo(3);
    }

    @Test
    void reportsTheCircuitInTheActuatorsHealth(@Autowired HealthEndpoint health) {
        server.model(MODEL).reply("P3");
        triage.prioritize("A typo on the about page");

        var bedrock = (IndicatedHealthDescriptor) health.healthForPath("bedrock");

        assertThat(bedrock.getStatus()).isEqualTo(Status.UP);
        assertThat(bedrock.getDetails()).isEqualTo(Map.of("circuits", Map.of(MODEL, "CLOSED")));
    }

    @Test
    void anOpenCircuitShowsInTheBedrockHealthButLeavesTheApplicationUp(@Autowired HealthEndpoint health,
                                                                       @Autowired ResilienceRegistry resilience) {
        var circuit = resilience.resilience(MODEL).orElseThrow().circuitBreaker().orElseThrow();
        circuit.transitionToOpenState();
        try {
            var bedrock = (IndicatedHealthDescriptor) health.healthForPath("bedrock");

            assertThat(bedrock.getStatus().getCode()).isEqualTo("CIRCUIT_OPEN");
            assertThat(bedrock.getDetails()).isEqualTo(Map.of("circuits", Map.of(MODEL, "OPEN")));
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            circuit.transitionToClosedState();
        }
    }

    private double counted(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
