/**
 * Evaluation: run a curated suite of cases against several models and prompt variants, score the
 * answers with metrics (exact match, token F1, ROUGE-L, JSON validity, field accuracy, robustness under
 * perturbation, a judge model, people's ratings, or any function), and report each metric's mean with a
 * confidence interval, the worst cases, tokens and cost.
 *
 * <p>Start with {@link dev.bedrock4j.evaluation.Evaluation}; suites are
 * {@link dev.bedrock4j.evaluation.EvalSuite}s of {@link dev.bedrock4j.evaluation.EvalCase}s, built in Java
 * or read from JSONL.
 */
package dev.bedrock4j.evaluation;
