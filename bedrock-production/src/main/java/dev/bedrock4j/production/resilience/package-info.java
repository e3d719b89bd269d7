/**
 * Retries, rate limits, circuit breaking and bulkheads for model calls, on resilience4j.
 */
package dev.bedrock4j.production.resilience;
