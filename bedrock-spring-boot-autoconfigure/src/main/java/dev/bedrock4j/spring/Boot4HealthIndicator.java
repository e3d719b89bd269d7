package dev.bedrock4j.spring;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/** The {@code bedrock} health on Spring Boot 4 (spring-boot-health). */
final class Boot4HealthIndicator implements HealthIndicator {
    private static final Status CIRCUIT_OPEN = new Status(Circuits.CIRCUIT_OPEN, "a model's circuit is open");

    private final Circuits circuits;

    Boot4HealthIndicator(Circuits circuits) {
        this.circuits = circuits;
    }

    @Override
    public Health health() {
        Map<String, String> states = circuits.states();
        Health.Builder health = Circuits.anyOpen(states) ? Health.status(CIRCUIT_OPEN) : Health.up();
        return health.withDetail("circuits", states).build();
    }
}
