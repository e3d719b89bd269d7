package dev.bedrock4j.evaluation.customize;

/**
 * One thing wrong with a training or validation file, found before upload.
 *
 * <pre>{@code
 * for (DatasetProblem problem : check.problems()) {
 *     System.err.println(problem);   // train.jsonl line 17: "completion" is missing
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param file the file's name
 * @param line the line, from 1; 0 when the problem is with the whole file
 * @param message what is wrong and how to fix it
 */
public record DatasetProblem(String file, long line, String message) {

    /** Formats the problem as {@code file line N: message}, or {@code file: message} for the whole file. */
    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
