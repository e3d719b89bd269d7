package dev.bedrock4j.evaluation.bedrock;

/**
 * What the evaluated model is asked to do in a Bedrock evaluation job; Bedrock picks its prompts and computes its
 * built-in metrics for that task.
 *
 * <pre>{@code
 * DatasetMetrics.of(EvaluationTask.QUESTION_AND_ANSWER, dataset, BuiltinMetric.ACCURACY, BuiltinMetric.TOXICITY);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum EvaluationTask {
    /** Summarising a text. */
    SUMMARIZATION("Summarization"),
    /** Putting a text in a category. */
    CLASSIFICATION("Classification"),
    /** Answering questions. */
    QUESTION_AND_ANSWER("QuestionAndAnswer"),
    /** Open text generation. */
    GENERATION("Generation"),
    /** Anything else; for human jobs with custom metrics. */
    CUSTOM("Custom");

    private final String wireName;

    EvaluationTask(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The task type as the API names it, such as {@code QuestionAndAnswer}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }
}
