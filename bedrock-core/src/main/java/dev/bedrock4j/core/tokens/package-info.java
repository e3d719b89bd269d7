/**
 * Input token counts before a call: exact ones from Bedrock's {@code CountTokens} for the models that support
 * it, an estimate for the others ({@link dev.bedrock4j.core.tokens.TokenCounter}).
 */
package dev.bedrock4j.core.tokens;
