package dev.bedrock4j.production.resilience;

import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.core.tokens.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How calls to a model are protected: retries with exponential backoff and jitter on retryable errors,
 * a rate limit in requests and tokens per minute (Bedrock's quotas are both), a circuit breaker and a
 * bulkhead. Every part is optional; {@link #defaults()} retries only.
 *
 * <pre>{@code
 * ResiliencePolicy policy = ResiliencePolicy.builder()
 *         .maxAttempts(5)
 *         .requestsPerMinute(200)
 *         .tokensPerMinute(400_000)
 *         .circuitBreaker(50, Duration.ofSeconds(30))
 *         .maxConcurrentCalls(16)
 *         .build();
 * Bedrock bedrock = Bedrock.builder().decorate(ResilienceRegistry.of(policy)).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ResiliencePolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double backoffMultiplier;
    private final double jitter;
    private final Integer requestsPerMinute;
    private final Integer tokensPerMinute;
    private final Duration rateLimitWait;
    private final Float failureRateThreshold;
    private final Duration openStateWait;
    private final Clock circuitBreakerClock;
    private final int slidingWindowSize;
    private final int minimumCalls;
    private final Integer maxConcurrentCalls;
    private final Duration bulkheadWait;
    private final TokenCounter tokenCounter;

    private ResiliencePolicy(Builder b) {
        this.tokenCounter = b.tokenCounter;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.jitter = b.jitter;
        this.requestsPerMinute = b.requestsPerMinute;
        this.tokensPerMinute = b.tokensPerMinute;
        this.rateLimitWait = b.rateLimitWait;
        this.failureRateThreshold = b.failureRateThreshold;
        this.openStateWait = b.openStateWait;
        this.circuitBreakerClock = b.circuitBreakerClock;
        this.slidingWindowSize = b.slidingWindowSize;
        this.minimumCalls = b.minimumCalls;
        this.maxConcurrentCalls = b.maxConcurrentCalls;
        this.bulkheadWait = b.bulkheadWait;
    }

    /**
     * The default policy: up to 4 attempts with backoff from 500 ms to 20 s and 50% jitter; no rate
     * limit, circuit breaker or bulkhead.
     *
     * @return the policy
     */
    public static ResiliencePolicy defaults() {
        return builder().build();
    }

    /**
     * A policy that never retries and limits nothing.
     *
     * @return the policy
     */
    public static ResiliencePolicy none() {
        return builder().maxAttempts(1).build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this policy's settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.backoffMultiplier = backoffMultiplier;
        b.jitter = jitter;
        b.requestsPerMinute = requestsPerMinute;
        b.tokensPerMinute = tokensPerMinute;
        b.rateLimitWait = rateLimitWait;
        b.failureRateThreshold = failureRateThreshold;
        b.openStateWait = openStateWait;
        b.circuitBreakerClock = circuitBreakerClock;
        b.slidingWindowSize = slidingWindowSize;
        b.minimumCalls = minimumCalls;
        b.maxConcurrentCalls = maxConcurrentCalls;
        b.bulkheadWait = bulkheadWait;
        b.tokenCounter = tokenCounter;
        return b;
    }

    /**
     * What counts the input tokens of a call for {@link #tokensPerMinute()}.
     *
     * @return the counter; {@link TokenCounter#estimate()} unless set
     */
    public TokenCounter tokenCounter() {
        return tokenCounter;
    }

    /**
     * Attempts per call, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The wait before the first retry.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The longest wait between attempts.
     *
     * @return the maximum backoff
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * How much each backoff grows.
     *
     * @return the multiplier
     */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /**
     * The random spread of each backoff, as a fraction of it.
     *
     * @return from 0 (none) to 1
     */
    public double jitter() {
        return jitter;
    }

    /**
     * The request rate limit.
     *
     * @return requests per minute, or empty for none
     */
    public OptionalInt requestsPerMinute() {
        return requestsPerMinute == null ? OptionalInt.empty() : OptionalInt.of(requestsPerMinute);
    }

    /**
     * The token rate limit.
     *
     * @return tokens per minute, or empty for none
     */
    public OptionalInt tokensPerMinute() {
        return tokensPerMinute == null ? OptionalInt.empty() : OptionalInt.of(tokensPerMinute);
    }

    /**
     * How long a call may wait for the rate limiter before it is rejected.
     *
     * @return the wait
     */
    public Duration rateLimitWait() {
        return rateLimitWait;
    }

    /**
     * The failure rate, in percent, above which the circuit opens.
     *
     * @return the threshold, or empty when there is no circuit breaker
     */
    public Optional<Float> failureRateThreshold() {
        return Optional.ofNullable(failureRateThreshold);
    }

    /**
     * How long an open circuit stays open before it lets trial calls through.
     *
     * @return the wait
     */
    public Duration openStateWait() {
        return openStateWait;
    }

    /**
     * The clock that times the circuit breaker's {@link #openStateWait() open-state wait}.
     *
     * @return the clock; {@link Clock#systemUTC()} unless set
     */
    public Clock circuitBreakerClock() {
        return circuitBreakerClock;
    }

    /**
     * How many recent calls the circuit breaker looks at.
     *
     * @return the window size
     */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /**
     * How many calls the circuit breaker needs before it judges the failure rate.
     *
     * @return the minimum number of calls
     */
    public int minimumCalls() {
        return minimumCalls;
    }

    /**
     * The bulkhead's limit on calls in flight.
     *
     * @return the limit, or empty for none
     */
    public OptionalInt maxConcurrentCalls() {
        return maxConcurrentCalls == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentCalls);
    }

    /**
     * How long a call may wait for a bulkhead slot.
     *
     * @return the wait
     */
    public Duration bulkheadWait() {
        return bulkheadWait;
    }

    @Override
    public String toString() {
        return "ResiliencePolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", rpm=" + requestsPerMinute + ", tpm=" + tokensPerMinute + ", circuitBreaker=" + failureRateThreshold
                + ", maxConcurrentCalls=" + maxConcurrentCalls + "]";
    }

    /**
     * Builds a {@link ResiliencePolicy}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(20);
        private double backoffMultiplier = 2.0;
        private double jitter = 0.5;
        private Integer requestsPerMinute;
        private Integer tokensPerMinute;
        private Duration rateLimitWait = Duration.ofMinutes(5);
        private Float failureRateThreshold;
        private Duration openStateWait = Duration.ofSeconds(30);
        private Clock circuitBreakerClock = Clock.systemUTC();
        private int slidingWindowSize = 20;
        private int minimumCalls = 10;
        private Integer maxConcurrentCalls;
        private Duration bulkheadWait = Duration.ofMinutes(5);
        private TokenCounter tokenCounter = TokenCounter.estimate();

        private Builder() {
        }

        /**
         * Sets what counts a call's input tokens for {@link #tokensPerMinute(int)}: with
         * {@code bedrock.tokenCounter()} the count is exact on models that support {@code CountTokens} (one free
         * call per distinct request, cached) and estimated on the others. Counting happens only when a token limit
         * is set.
         *
         * @param tokenCounter the counter; default {@link TokenCounter#estimate()}
         * @return this
         */
        public Builder tokenCounter(TokenCounter tokenCounter) {
            this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
            return this;
        }

        /**
         * Sets the attempts per call, the first included; 1 disables retries.
         *
         * @param maxAttempts at least 1
         * @return this
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Preflight.atLeastOne("maxAttempts", maxAttempts);
            return this;
        }

        /**
         * Sets the exponential backoff between attempts.
         *
         * @param initial the wait before the first retry
         * @param max the longest wait
         * @return this
         */
        public Builder backoff(Duration initial, Duration max) {
            Preflight.positive("initial backoff", initial);
            Preflight.positive("max backoff", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff (" + max + ") must not be shorter than initial backoff (" + initial + ")");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Sets how much each backoff grows.
         *
         * @param multiplier at least 1
         * @return this
         */
        public Builder backoffMultiplier(double multiplier) {
            if (!(multiplier >= 1.0)) {
                throw new IllegalArgumentException("backoff multiplier must be at least 1.0, was " + multiplier);
            }
            this.backoffMultiplier = multiplier;
            return this;
        }

        /**
         * Sets the random spread of each backoff, so that many clients do not retry in step.
         *
         * @param jitter from 0 (none) to 1 (anything from 0 to twice the backoff)
         * @return this
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw new IllegalArgumentException("jitter must be between 0.0 and 1.0, was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * Limits requests per minute; calls wait for a slot up to {@link #rateLimitWait(Duration)}.
         *
         * @param requestsPerMinute at least 1
         * @return this
         */
        public Builder requestsPerMinute(int requestsPerMinute) {
            this.requestsPerMinute = Preflight.atLeastOne("requestsPerMinute", requestsPerMinute);
            return this;
        }

        /**
         * Limits tokens per minute, counting each call's input tokens (as the {@link #tokenCounter(TokenCounter)
         * token counter} counts them) plus its {@code maxTokens}.
         *
         * @param tokensPerMinute at least 1
         * @return this
         */
        public Builder tokensPerMinute(int tokensPerMinute) {
            this.tokensPerMinute = Preflight.atLeastOne("tokensPerMinute", tokensPerMinute);
            return this;
        }

        /**
         * Sets how long a call may wait for the rate limiter before it fails.
         *
         * @param wait zero to fail at once
         * @return this
         */
        public Builder rateLimitWait(Duration wait) {
            this.rateLimitWait = Preflight.notNegative("rateLimitWait", wait);
            return this;
        }

        /**
         * Adds a circuit breaker that opens when retryable failures exceed a rate, and lets trial calls
         * through after a wait.
         *
         * @param failureRatePercent from 1 to 100
         * @param openStateWait how long the circuit stays open
         * @return this
         */
        public Builder circuitBreaker(float failureRatePercent, Duration openStateWait) {
            if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
                throw new IllegalArgumentException("failure rate must be in (0, 100], was " + failureRatePercent);
            }
            this.failureRateThreshold = failureRatePercent;
            this.openStateWait = Preflight.positive("openStateWait", openStateWait);
            return this;
        }

        /**
         * Sets the clock that times the circuit breaker's open-state wait. Only tests need another clock: one they
         * advance themselves shows an open circuit turning half-open without waiting in real time.
         *
         * <pre>{@code
         * Clock clock = testClock; // a Clock the test moves forward by hand
         * ResiliencePolicy.builder().circuitBreaker(50, Duration.ofMinutes(1)).circuitBreakerClock(clock).build();
         * }</pre>
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this
         */
        public Builder circuitBreakerClock(Clock clock) {
            this.circuitBreakerClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how many recent calls the circuit breaker judges, and how many it needs first.
         *
         * @param windowSize the number of recent calls
         * @param minimumCalls calls needed before the rate is judged
         * @return this
         */
        public Builder circuitBreakerWindow(int windowSize, int minimumCalls) {
            this.slidingWindowSize = Preflight.atLeastOne("windowSize", windowSize);
            this.minimumCalls = Preflight.atLeastOne("minimumCalls", minimumCalls);
            return this;
        }

        /**
         * Adds a bulkhead: at most this many calls in flight; others wait up to {@link #bulkheadWait(Duration)}.
         *
         * @param maxConcurrentCalls at least 1
         * @return this
         */
        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = Preflight.atLeastOne("maxConcurrentCalls", maxConcurrentCalls);
            return this;
        }

        /**
         * Sets how long a call may wait for a bulkhead slot.
         *
         * @param wait zero to fail at once
         * @return this
         */
        public Builder bulkheadWait(Duration wait) {
            this.bulkheadWait = Preflight.notNegative("bulkheadWait", wait);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public ResiliencePolicy build() {
            return new ResiliencePolicy(this);
        }
    }
}
