package dev.bedrock4j.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code bedrock4j.resilience.*} properties: the policies of the auto-configured {@code ResilienceRegistry}
 * (retries with backoff and jitter, rate limits, circuit breaker, bulkhead; see {@code ResiliencePolicy} in
 * bedrock-production). Bound only when bedrock-production is on the class path.
 *
 * <p>Every model gets the {@code default} policy, which starts from {@code ResiliencePolicy.defaults()} (4 attempts,
 * backoff from 500 ms to 20 s with 50% jitter, nothing else) and changes what is set under
 * {@code bedrock4j.resilience.default}. A model listed under {@code models} gets the default policy with its own
 * settings on top. Model ids hold dots and often a colon, so a key is written in brackets, quoted in YAML, and
 * with its colon escaped in a {@code .properties} file:
 *
 * <pre>{@code
 * bedrock4j:
 *   resilience:
 *     default:
 *       max-attempts: 5
 *     models:
 *       "[amazon.nova-lite-v1:0]":
 *         requests-per-minute: 200
 *         tokens-per-minute: 400000
 *         failure-rate-threshold: 50      # adds a circuit breaker
 *         open-state-wait: 30s
 *
 * # application.properties
 * bedrock4j.resilience.models[amazon.nova-lite-v1\:0].requests-per-minute=200
 * }</pre>
 *
 * <p>Binding is strict: a property under {@code bedrock4j.resilience} that names no setting fails the start, so
 * that a model id written without brackets (which Spring would split at its dots) cannot silently leave a model
 * unprotected. A setting that would have no effect (a wait without its limit) fails the start too.
 *
 * <p>Not thread-safe: Spring binds it once at start-up, and it is read-only after that.
 */
@ConfigurationProperties(prefix = "bedrock4j.resilience", ignoreUnknownFields = false)
public class BedrockResilienceProperties {
    /**
     * Whether to protect model calls with a ResilienceRegistry built from these policies. Needs bedrock-production.
     */
    private boolean enabled = true;

    private final Policy defaultPolicy = new Policy();

    /**
     * Policies of single models, by model id as passed to Bedrock (in brackets: "[amazon.nova-lite-v1:0]"); each
     * is the default policy with its own settings on top.
     */
    private final Map<String, Policy> models = new LinkedHashMap<>();

    /**
     * Creates the properties with nothing set.
     */
    public BedrockResilienceProperties() {
    }

    /**
     * Whether resilience is on.
     *
     * @return true unless switched off
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Switches resilience on or off.
     *
     * @param enabled false for the AWS SDK's own retries only
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The policy of every model without one of its own ({@code bedrock4j.resilience.default.*}).
     *
     * @return the default policy's settings; never null
     */
    public Policy getDefault() {
        return defaultPolicy;
    }

    /**
     * The policies of single models, by model id.
     *
     * @return the mutable map the binder fills; never null
     */
    public Map<String, Policy> getModels() {
        return models;
    }

    /**
     * The settings of one policy. Each is unset (null) unless given, and then keeps the value of the policy it
     * starts from.
     */
    public static class Policy {
        /** Attempts per call, the first included; 1 disables retries. Default: 4. */
        private Integer maxAttempts;

        /** Wait before the first retry. Default: 500ms. */
        private Duration initialBackoff;

        /** Longest wait between attempts. Default: 20s. */
        private Duration maxBackoff;

        /** How much each backoff grows, at least 1. Default: 2. */
        private Double backoffMultiplier;

        /** Random spread of each backoff, from 0 (none) to 1. Default: 0.5. */
        private Double jitter;

        /** Rate limit in requests per minute. Default: none. */
        private Integer requestsPerMinute;

        /** Rate limit in tokens per minute (estimated input tokens plus maxTokens of each call). Default: none. */
        private Integer tokensPerMinute;

        /** How long a call may wait for the rate limiter before it fails; needs a rate limit. Default: 5m. */
        private Duration rateLimitWait;

        /** Failure rate in percent, from 1 to 100, above which the circuit opens; setting it adds a circuit breaker. */
        private Float failureRateThreshold;

        /** How long an open circuit stays open; needs failure-rate-threshold. Default: 30s. */
        private Duration openStateWait;

        /** How many recent calls the circuit breaker judges; needs failure-rate-threshold. Default: 20. */
        private Integer slidingWindowSize;

        /** Calls the circuit breaker needs before it judges the rate; needs failure-rate-threshold. Default: 10. */
        private Integer minimumCalls;

        /** Bulkhead: at most this many calls in flight. Default: no limit. */
        private Integer maxConcurrentCalls;

        /** How long a call may wait for a bulkhead slot; needs max-concurrent-calls. Default: 5m. */
        private Duration bulkheadWait;

        /**
         * Creates a policy with nothing set.
         */
        public Policy() {
        }

        /**
         * The attempts per call.
         *
         * @return the attempts, or null when unset
         */
        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets the attempts per call.
         *
         * @param maxAttempts at least 1
         */
        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /**
         * The wait before the first retry.
         *
         * @return the wait, or null when unset
         */
        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        /**
         * Sets the wait before the first retry.
         *
         * @param initialBackoff a positive duration
         */
        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        /**
         * The longest wait between attempts.
         *
         * @return the wait, or null when unset
         */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /**
         * Sets the longest wait between attempts.
         *
         * @param maxBackoff a positive duration, not shorter than the initial backoff
         */
        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /**
         * The backoff multiplier.
         *
         * @return the multiplier, or null when unset
         */
        public Double getBackoffMultiplier() {
            return backoffMultiplier;
        }

        /**
         * Sets the backoff multiplier.
         *
         * @param backoffMultiplier at least 1
         */
        public void setBackoffMultiplier(Double backoffMultiplier) {
            this.backoffMultiplier = backoffMultiplier;
        }

        /**
         * The backoff jitter.
         *
         * @return the jitter, or null when unset
         */
        public Double getJitter() {
            return jitter;
        }

        /**
         * Sets the backoff jitter.
         *
         * @param jitter from 0 to 1
         */
        public void setJitter(Double jitter) {
            this.jitter = jitter;
        }

        /**
         * The request rate limit.
         *
         * @return requests per minute, or null when unset
         */
        public Integer getRequestsPerMinute() {
            return requestsPerMinute;
        }

        /**
         * Sets the request rate limit.
         *
         * @param requestsPerMinute at least 1
         */
        public void setRequestsPerMinute(Integer requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
        }

        /**
         * The token rate limit.
         *
         * @return tokens per minute, or null when unset
         */
        public Integer getTokensPerMinute() {
            return tokensPerMinute;
        }

        /**
         * Sets the token rate limit.
         *
         * @param tokensPerMinute at least 1
         */
        public void setTokensPerMinute(Integer tokensPerMinute) {
            this.tokensPerMinute = tokensPerMinute;
        }

        /**
         * The rate limiter wait.
         *
         * @return the wait, or null when unset
         */
        public Duration getRateLimitWait() {
            return rateLimitWait;
        }

        /**
         * Sets the rate limiter wait.
         *
         * @param rateLimitWait zero to fail at once
         */
        public void setRateLimitWait(Duration rateLimitWait) {
            this.rateLimitWait = rateLimitWait;
        }

        /**
         * The circuit breaker's failure rate threshold.
         *
         * @return the percentage, or null when unset
         */
        public Float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        /**
         * Sets the circuit breaker's failure rate threshold, which adds a circuit breaker.
         *
         * @param failureRateThreshold from 1 to 100
         */
        public void setFailureRateThreshold(Float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        /**
         * How long an open circuit stays open.
         *
         * @return the wait, or null when unset
         */
        public Duration getOpenStateWait() {
            return openStateWait;
        }

        /**
         * Sets how long an open circuit stays open.
         *
         * @param openStateWait a positive duration
         */
        public void setOpenStateWait(Duration openStateWait) {
            this.openStateWait = openStateWait;
        }

        /**
         * The circuit breaker's window.
         *
         * @return the number of calls, or null when unset
         */
        public Integer getSlidingWindowSize() {
            return slidingWindowSize;
        }

        /**
         * Sets the circuit breaker's window.
         *
         * @param slidingWindowSize at least 1
         */
        public void setSlidingWindowSize(Integer slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        /**
         * The calls the circuit breaker needs before judging.
         *
         * @return the number of calls, or null when unset
         */
        public Integer getMinimumCalls() {
            return minimumCalls;
        }

        /**
         * Sets the calls the circuit breaker needs before judging.
         *
         * @param minimumCalls at least 1
         */
        public void setMinimumCalls(Integer minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        /**
         * The bulkhead's limit.
         *
         * @return calls in flight, or null when unset
         */
        public Integer getMaxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        /**
         * Sets the bulkhead's limit, which adds a bulkhead.
         *
         * @param maxConcurrentCalls at least 1
         */
        public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
        }

        /**
         * The bulkhead wait.
         *
         * @return the wait, or null when unset
         */
        public Duration getBulkheadWait() {
            return bulkheadWait;
        }

        /**
         * Sets the bulkhead wait.
         *
         * @param bulkheadWait zero to fail at once
         */
        public void setBulkheadWait(Duration bulkheadWait) {
            this.bulkheadWait = bulkheadWait;
        }
    }
}
