/**
 * Model customization, the step from a good base model to a better one: labelled examples written as
 * the training and validation JSONL Bedrock fine-tuning reads (conversation or prompt/completion
 * records), unlabelled text for continued pre-training, a check of the files against the model's limits
 * before upload, and customization jobs submitted and awaited through the control-plane client. The
 * resulting custom model is evaluated like any other with {@link dev.bedrock4j.evaluation.Evaluation}.
 *
 * <p>Start with {@link dev.bedrock4j.evaluation.customize.TrainingData} and
 * {@link dev.bedrock4j.evaluation.customize.ModelCustomizer}.
 */
package dev.bedrock4j.evaluation.customize;
