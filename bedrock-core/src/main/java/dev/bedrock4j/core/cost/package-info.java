/**
 * Estimated cost of calls from a price table users can override, with cache tokens counted.
 */
package dev.bedrock4j.core.cost;
