package dev.bedrock4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.production.metrics.BedrockMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The metrics bind to the MeterRegistry that Spring Boot 4's own auto-configuration defines, whatever order the
 * auto-configurations are listed in: the starter's runs after them.
 */
class BootMetricsOrderingTest {
    @Test
    void bindsToBootsMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BedrockAutoConfiguration.class,
                        ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
                .withPropertyValues("bedrock4j.region=us-east-1")
                .run(context -> assertThat(context.getBean(BedrockMetrics.class).registry())
                        .isSameAs(context.getBean(MeterRegistry.class)));
    }
}
