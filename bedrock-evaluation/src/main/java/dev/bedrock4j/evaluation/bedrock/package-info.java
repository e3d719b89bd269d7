/**
 * Amazon Bedrock's own model evaluation: automatic jobs with built-in metrics (accuracy, robustness, toxicity) and
 * human jobs, submitted, watched and read back into the same {@link dev.bedrock4j.evaluation.EvalReport} as local
 * runs ({@link dev.bedrock4j.evaluation.bedrock.BedrockEvaluator}).
 */
package dev.bedrock4j.evaluation.bedrock;
