package dev.bedrock4j.spring;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.spring.BedrockResilienceProperties.Policy;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@code bedrock4j.resilience.*} into a {@link ResilienceRegistry}, failing with the property to fix.
 * Only loaded when bedrock-production is on the class path.
 */
final class ResiliencePolicies {
    private static final String PREFIX = "bedrock4j.resilience";

    private ResiliencePolicies() {
    }

    static ResilienceRegistry registry(BedrockResilienceProperties properties) {
        Policy defaults = properties.getDefault();
        ResilienceRegistry.Builder registry = ResilienceRegistry.builder()
                .defaultPolicy(policy(PREFIX + ".default", defaults, new Policy()));
        ModelCatalog catalog = ModelCatalog.defaults();
        for (Map.Entry<String, Policy> model : properties.getModels().entrySet()) {
            String prefix = PREFIX + ".models[" + model.getKey() + "]";
            try {
                Preflight.modelId(model.getKey(), catalog);
            } catch (BedrockException e) {
                throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
            }
            registry.policy(model.getKey(), policy(prefix, defaults, model.getValue()));
        }
        return registry.build();
    }

    /** The policy of {@code own}'s settings over {@code base}'s over {@link ResiliencePolicy#defaults()}. */
    static ResiliencePolicy policy(String prefix, Policy base, Policy own) {
        try {
            return build(base, own);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static ResiliencePolicy build(Policy base, Policy own) {
        ResiliencePolicy defaults = ResiliencePolicy.defaults();
        ResiliencePolicy.Builder b = defaults.toBuilder();
        Integer maxAttempts = pick(base, own, Policy::getMaxAttempts);
        if (maxAttempts != null) {
            b.maxAttempts(maxAttempts);
        }
        Duration initialBackoff = pick(base, own, Policy::getInitialBackoff);
        Duration maxBackoff = pick(base, own, Policy::getMaxBackoff);
        if (initialBackoff != null || maxBackoff != null) {
            b.backoff(initialBackoff != null ? initialBackoff : defaults.initialBackoff(),
                    maxBackoff != null ? maxBackoff : defaults.maxBackoff());
        }
        Double multiplier = pick(base, own, Policy::getBackoffMultiplier);
        if (multiplier != null) {
            b.backoffMultiplier(multiplier);
        }
        Double jitter = pick(base, own, Policy::getJitter);
        if (jitter != null) {
            b.jitter(jitter);
        }
        Integer requestsPerMinute = pick(base, own, Policy::getRequestsPerMinute);
        if (requestsPerMinute != null) {
            b.requestsPerMinute(requestsPerMinute);
        }
        Integer tokensPerMinute = pick(base, own, Policy::getTokensPerMinute);
        if (tokensPerMinute != null) {
            b.tokensPerMinute(tokensPerMinute);
        }
        Duration rateLimitWait = pick(base, own, Policy::getRateLimitWait);
        if (rateLimitWait != null) {
            requires("rate-limit-wait", requestsPerMinute != null || tokensPerMinute != null,
                    "requests-per-minute or tokens-per-minute");
            b.rateLimitWait(rateLimitWait);
        }
        Float failureRate = pick(base, own, Policy::getFailureRateThreshold);
        Duration openStateWait = pick(base, own, Policy::getOpenStateWait);
        Integer windowSize = pick(base, own, Policy::getSlidingWindowSize);
        Integer minimumCalls = pick(base, own, Policy::getMinimumCalls);
        if (failureRate != null) {
            b.circuitBreaker(failureRate, openStateWait != null ? openStateWait : defaults.openStateWait());
            if (windowSize != null || minimumCalls != null) {
                b.circuitBreakerWindow(windowSize != null ? windowSize : defaults.slidingWindowSize(),
                        minimumCalls != null ? minimumCalls : defaults.minimumCalls());
            }
        } else {
            requires("open-state-wait", openStateWait == null, "failure-rate-threshold");
            requires("sliding-window-size", windowSize == null, "failure-rate-threshold");
            requires("minimum-calls", minimumCalls == null, "failure-rate-threshold");
        }
        Integer maxConcurrentCalls = pick(base, own, Policy::getMaxConcurrentCalls);
        if (maxConcurrentCalls != null) {
            b.maxConcurrentCalls(maxConcurrentCalls);
        }
        Duration bulkheadWait = pick(base, own, Policy::getBulkheadWait);
        if (bulkheadWait != null) {
            requires("bulkhead-wait", maxConcurrentCalls != null, "max-concurrent-calls");
            b.bulkheadWait(bulkheadWait);
        }
        return b.build();
    }

    private static <T> T pick(Policy base, Policy own, Function<Policy, T> setting) {
        T value = setting.apply(own);
        return value != null ? value : setting.apply(base);
    }

    private static void requires(String setting, boolean ok, String needed) {
        if (!ok) {
            throw new IllegalArgumentException(setting + " has no effect without " + needed + "; set " + needed
                    + " too, or remove " + setting);
        }
    }
}
