package dev.bedrock4j.spring;

import dev.bedrock4j.production.resilience.ResilienceRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code bedrock} health indicator, which reports the circuit breakers of the
 * {@code ResilienceRegistry} bean without calling Bedrock: its details list each model's circuit state, and its
 * status is {@code UP}, or {@code CIRCUIT_OPEN} while a model's circuit is open (calls to that model then fail at
 * once, until the circuit lets trial calls through).
 *
 * <pre>{@code
 * GET /actuator/health/bedrock
 * {"status":"CIRCUIT_OPEN","details":{"circuits":{"amazon.nova-lite-v1:0":"OPEN"}}}
 * }</pre>
 *
 * <p>{@code CIRCUIT_OPEN} is not in Spring Boot's default status order, so it leaves the application's overall
 * health as it is: one model's outage does not take every instance out of a load balancer. To count it as down,
 * list it: {@code management.endpoint.health.status.order=down,circuit_open,out-of-service,up,unknown}, and map it:
 * {@code management.endpoint.health.status.http-mapping.circuit_open=503}.
 *
 * <p>Present with Spring Boot's health support (spring-boot-health on Boot 4, spring-boot-actuator on Boot 3) and a
 * {@code ResilienceRegistry} bean, unless {@code management.health.bedrock.enabled=false} (or
 * {@code management.health.defaults.enabled=false}).
 *
 * <p>Thread safety: Spring calls the bean method while the context starts; the health indicator it returns only
 * reads the circuit breakers' states and is safe for concurrent use.
 */
@AutoConfiguration(after = BedrockAutoConfiguration.class)
@ConditionalOnClass(ResilienceRegistry.class)
@ConditionalOnBean(ResilienceRegistry.class)
@Conditional(OnHealthIndicatorEnabled.class)
public class BedrockHealthAutoConfiguration {

    /**
     * Creates the configuration; Spring calls it.
     */
    public BedrockHealthAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4Health {
        @Bean
        @ConditionalOnMissingBean(name = "bedrockHealthIndicator")
        Boot4HealthIndicator bedrockHealthIndicator(ResilienceRegistry registry) {
            return new Boot4HealthIndicator(new Circuits(registry));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3Health {
        @Bean
        @ConditionalOnMissingBean(name = "bedrockHealthIndicator")
        Boot3HealthIndicator bedrockHealthIndicator(ResilienceRegistry registry) {
            return new Boot3HealthIndicator(new Circuits(registry));
        }
    }
}
