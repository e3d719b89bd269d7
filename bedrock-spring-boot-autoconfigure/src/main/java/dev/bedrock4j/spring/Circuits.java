package dev.bedrock4j.spring;

import dev.bedrock4j.production.resilience.ResilienceRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The circuit breakers of a {@link ResilienceRegistry}, by model id, as the registry creates them: what the health
 * indicators report, read from memory without any call to Bedrock. Thread-safe.
 */
final class Circuits {
    /** The health status of a Bedrock whose circuit for some model is open. */
    static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

    private final Map<String, CircuitBreaker> byModel = new ConcurrentSkipListMap<>();

    Circuits(ResilienceRegistry registry) {
        // runs under the registry's lock: only a map put
        registry.forEachResilience(resilience -> resilience.circuitBreaker()
                .ifPresent(circuit -> byModel.put(resilience.name(), circuit)));
    }

    /** Each model's circuit state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...), in model id order. */
    Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        byModel.forEach((model, circuit) -> states.put(model, circuit.getState().name()));
        return Collections.unmodifiableMap(states);
    }

    /** Whether one of the states is open, so that calls to that model fail at once. */
    static boolean anyOpen(Map<String, String> states) {
        return states.containsValue(CircuitBreaker.State.OPEN.name())
                || states.containsValue(CircuitBreaker.State.FORCED_OPEN.name());
    }
}
