package dev.bedrock4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.production.resilience.ResilienceRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/** The {@code bedrock} health on Spring Boot 4: circuit states read from memory, no call to Bedrock. */
class BedrockHealthTest {
    static final String NOVA = "amazon.nova-lite-v1:0";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BedrockAutoConfiguration.class, BedrockHealthAutoConfiguration.class))
            .withPropertyValues("bedrock4j.region=us-east-1")
            .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                    "resilienceModels", Map.of("bedrock4j.resilience.models[" + NOVA + "].failure-rate-threshold", "50"))));

    @Test
    void reportsEachCircuitAndAnOpenOneAsCircuitOpen() {
        runner.run(context -> {
            HealthIndicator health = context.getBean("bedrockHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
            registry.resilience(NOVA).orElseThrow();              // a model's resilience is made on first use
            registry.resilience("amazon.titan-text-express-v1").orElseThrow();   // the default policy: no circuit
            Health closed = health.health();
            assertThat(closed.getStatus()).isEqualTo(Status.UP);
            assertThat(closed.getDetails()).isEqualTo(Map.of("circuits", Map.of(NOVA, "CLOSED")));

            registry.resilience(NOVA).orElseThrow().circuitBreaker().orElseThrow().transitionToOpenState();
            Health open = health.health();
            assertThat(open.getStatus().getCode()).isEqualTo("CIRCUIT_OPEN");
            assertThat(open.getDetails()).isEqualTo(Map.of("circuits", Map.of(NOVA, "OPEN")));
        });
    }

    @Test
    void canBeSwitchedOffAsEveryHealthIndicator() {
        runner.withPropertyValues("management.health.bedrock.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("bedrockHealthIndicator"));
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("bedrockHealthIndicator"));
        runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.bedrock.enabled=true")
                .run(context -> assertThat(context).hasBean("bedrockHealthIndicator"));
    }

    @Test
    void needsTheResilienceRegistry() {
        runner.withPropertyValues("bedrock4j.resilience.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("bedrockHealthIndicator"));
    }
}
