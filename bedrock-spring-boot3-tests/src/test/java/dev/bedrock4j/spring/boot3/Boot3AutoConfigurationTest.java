package dev.bedrock4j.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.spring.BedrockAutoConfiguration;
import dev.bedrock4j.spring.BedrockHealthAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/** The auto-configuration's Spring Boot 3 paths: Boot 3's metrics auto-configuration and health API. */
class Boot3AutoConfigurationTest {
    static final String NOVA = "amazon.nova-lite-v1:0";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BedrockAutoConfiguration.class, BedrockHealthAutoConfiguration.class))
            .withPropertyValues("bedrock4j.region=eu-central-1", "bedrock4j.chat.model=" + NOVA,
                    "bedrock4j.timeouts.call=1m")
            .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                    "resilienceModels", Map.of("bedrock4j.resilience.models[" + NOVA + "].failure-rate-threshold", "50"))));

    @Test
    void bindsThePropertiesAndDefinesTheModel() {
        runner.run(context -> {
            assertThat(context.getBean(Bedrock.class).apiCallTimeout()).isEqualTo(Duration.ofMinutes(1));
            assertThat(context.getBean(Bedrock.class).toString()).contains("eu-central-1");
            assertThat(context.getBean(ChatModel.class).modelId()).isEqualTo(NOVA);
            assertThat(context.getBean(ResilienceRegistry.class).policy(NOVA).orElseThrow().failureRateThreshold())
                    .hasValue(50f);
        });
    }

    @Test
    void bindsToBoot3sMeterRegistry() {
        runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                        MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(BedrockMetrics.class).registry())
                        .isSameAs(context.getBean(MeterRegistry.class)));
    }

    @Test
    void reportsAnOpenCircuitWithBoot3sHealthApi() {
        runner.run(context -> {
            HealthIndicator health = context.getBean("bedrockHealthIndicator", HealthIndicator.class);
            ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
            registry.resilience(NOVA).orElseThrow().circuitBreaker().orElseThrow().transitionToOpenState();

            assertThat(health.health().getStatus().getCode()).isEqualTo("CIRCUIT_OPEN");
            assertThat(health.health().getDetails()).isEqualTo(Map.of("circuits", Map.of(NOVA, "OPEN")));
        });
    }
}
