package dev.bedrock4j.evaluation.customize;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of checking training (and validation) files against a model's dataset limits: the records
 * counted and every problem found.
 *
 * <pre>{@code
 * DatasetCheck check = TrainingData.check(DatasetFormat.CONVERSATION, DatasetLimits.claude3Haiku(),
 *         Path.of("train.jsonl"), Path.of("validation.jsonl"));
 * check.orThrow();   // before uploading
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param trainingRecords records in the training file
 * @param validationRecords records in the validation file; 0 when there is none
 * @param problems the problems found, by file and line; empty when the files are fit to upload
 */
public record DatasetCheck(long trainingRecords, long validationRecords, List<DatasetProblem> problems) {

    /**
     * Copies the problems.
     *
     * @param trainingRecords records in the training file
     * @param validationRecords records in the validation file
     * @param problems the problems found
     */
    public DatasetCheck {
        problems = List.copyOf(problems);
    }

    /**
     * Whether the files are fit to upload.
     *
     * @return {@code true} when no problem was found
     */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * Throws if a problem was found.
     *
     * @return this, when the files are fit to upload
     * @throws InvalidRequestException listing the first problems, with the field {@code trainingData}
     */
    public DatasetCheck orThrow() {
        if (!ok()) {
            String listed = problems.stream().limit(10).map(DatasetProblem::toString).collect(Collectors.joining("\n  "));
            throw new InvalidRequestException("trainingData", problems.size() + " problem(s) in the dataset; fix them"
                    + " before uploading:\n  " + listed + (problems.size() > 10 ? "\n  ..." : ""));
        }
        return this;
    }
}
