/**
 * Large runs: a bulk runner with adaptive concurrency, checkpoints and a dead-letter file, and Bedrock
 * batch inference jobs.
 */
package dev.bedrock4j.production.batch;
