/**
 * Evaluation: run a curated suite of cases against several models and prompt variants, score the
 * answers with metrics (exact match, token F1, ROUGE-L, JSON validity, field accuracy, robustness under
 * perturbation, a judge model, people's ratings read back from a CSV sheet, or any function), and report
 * each metric's mean with a confidence interval, the worst cases, tokens and cost. Models are called as
 * given, so they keep the resilience of the {@code Bedrock} they came from and the evaluation never adds
 * a retry layer of its own; a call that still fails is recorded as a failed case.
 *
 * <p>Start with {@link dev.bedrock4j.evaluation.Evaluation}; suites are
 * {@link dev.bedrock4j.evaluation.EvalSuite}s of {@link dev.bedrock4j.evaluation.EvalCase}s, built in Java
 * or read from JSONL.
 */
package dev.bedrock4j.evaluation;
