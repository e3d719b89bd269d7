package dev.bedrock4j.spring;

import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** The {@code bedrock} health on Spring Boot 3 (spring-boot-actuator's health API). */
final class Boot3HealthIndicator implements HealthIndicator {
    private static final Status CIRCUIT_OPEN = new Status(Circuits.CIRCUIT_OPEN, "a model's circuit is open");

    private final Circuits circuits;

    Boot3HealthIndicator(Circuits circuits) {
        this.circuits = circuits;
    }

    @Override
    public Health health() {
        Map<String, String> states = circuits.states();
        Health.Builder health = Circuits.anyOpen(states) ? Health.status(CIRCUIT_OPEN) : Health.up();
        return health.withDetail("circuits", states).build();
    }
}
