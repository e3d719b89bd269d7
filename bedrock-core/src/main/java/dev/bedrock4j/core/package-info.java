/**
 * The entry point, {@link dev.bedrock4j.core.Bedrock}, and the exception hierarchy rooted at
 * {@link dev.bedrock4j.core.BedrockException}.
 */
package dev.bedrock4j.core;
