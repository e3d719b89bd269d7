package dev.bedrock4j.evaluation.bedrock;

import java.util.List;
import java.util.Objects;

/**
 * A Bedrock evaluation job as the service last reported it.
 *
 * <pre>{@code
 * EvaluationJob job = evaluator.status(jobArn);
 * System.out.println(job.name() + " " + job.status() + " " + job.failureMessages());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param arn the job's ARN
 * @param name the job's name
 * @param status the status
 * @param statusText the status as Bedrock sent it
 * @param human whether people rate the answers
 * @param models the models evaluated
 * @param outputData where the results are written; empty when not reported
 * @param failureMessages why the job failed; empty unless it did
 */
public record EvaluationJob(String arn, String name, EvaluationJobStatus status, String statusText, boolean human,
                            List<String> models, String outputData, List<String> failureMessages) {
    /**
     * Validates and copies the components.
     *
     * @param arn the ARN
     * @param name the name
     * @param status the status
     * @param statusText the status text
     * @param human whether the job is human
     * @param models the models
     * @param outputData the output location
     * @param failureMessages the failure messages
     */
    public EvaluationJob {
        Objects.requireNonNull(arn, "arn");
        name = Objects.requireNonNullElse(name, "");
        Objects.requireNonNull(status, "status");
        statusText = Objects.requireNonNullElse(statusText, "");
        models = List.copyOf(models);
        outputData = Objects.requireNonNullElse(outputData, "");
        failureMessages = List.copyOf(failureMessages);
    }
}
