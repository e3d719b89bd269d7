/**
 * Responsible AI with Bedrock Guardrails: {@link dev.bedrock4j.core.guardrail.GuardrailChecker} checks input or
 * output on its own ({@code ApplyGuardrail}), and {@link dev.bedrock4j.core.guardrail.GuardrailResult},
 * {@link dev.bedrock4j.core.guardrail.GuardrailAssessment} and {@link dev.bedrock4j.core.guardrail.GuardrailTrace}
 * are what a guardrail found, on its own or on a chat response.
 */
package dev.bedrock4j.core.guardrail;
