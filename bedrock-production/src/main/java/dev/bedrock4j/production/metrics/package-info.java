/**
 * Micrometer metrics and observations of model calls: duration, tokens, errors, retries, throttles, cost.
 */
package dev.bedrock4j.production.metrics;
