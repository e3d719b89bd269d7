package dev.bedrock4j.evaluation.bedrock;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The prompts of a Bedrock evaluation job: a curated dataset Bedrock provides ({@link #builtin(String)}, such as
 * {@code Builtin.Bold}), or your own prompt dataset in S3 ({@link #s3(String, String)}), a JSON Lines file with
 * one {@code {"prompt": ..., "referenceResponse": ..., "category": ...}} per line, at most
 * {@value BedrockEvaluator#MAX_CUSTOM_PROMPTS} prompts ({@link BedrockEvaluator#writeDataset} writes one from a
 * suite).
 *
 * <pre>{@code
 * EvaluationDataset mine = EvaluationDataset.s3("support-questions", "s3://my-bucket/eval/support.jsonl");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the dataset's name, 1 to 63 letters, digits, {@code -}, {@code _} and {@code .}
 * @param s3Uri the S3 URI of a custom dataset; empty for a built-in one
 */
public record EvaluationDataset(String name, String s3Uri) {
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,63}");
    /** The service model's pattern of S3 URIs. */
    static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'()"
            + ".a-z0-9A-Z]+)*)?/?");

    /**
     * Validates the components.
     *
     * @param name the name
     * @param s3Uri the URI, or empty
     * @throws InvalidRequestException if the name or URI has the wrong form
     */
    public EvaluationDataset {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("dataset.name", "the dataset name '" + name + "' must be 1 to 63 letters,"
                    + " digits, '-', '_' or '.'");
        }
        s3Uri = s3Uri == null ? "" : s3Uri;
        if (!s3Uri.isEmpty()) {
            checkS3("dataset.s3Uri", s3Uri);
        }
    }

    /**
     * A dataset Bedrock curates, such as {@code Builtin.Bold}, {@code Builtin.RealToxicityPrompts},
     * {@code Builtin.TriviaQa} or {@code Builtin.Gigaword}.
     *
     * @param name the built-in dataset's name
     * @return the dataset
     */
    public static EvaluationDataset builtin(String name) {
        return new EvaluationDataset(name, "");
    }

    /**
     * Your prompt dataset in S3.
     *
     * @param name a name for it
     * @param s3Uri where the JSON Lines file is
     * @return the dataset
     */
    public static EvaluationDataset s3(String name, String s3Uri) {
        if (s3Uri == null || s3Uri.isEmpty()) {
            throw new InvalidRequestException("dataset.s3Uri", "a custom dataset needs its s3:// URI; upload the JSON"
                    + " Lines file first (BedrockEvaluator.writeDataset writes one from a suite)");
        }
        return new EvaluationDataset(name, s3Uri);
    }

    /**
     * The S3 URI, for a custom dataset.
     *
     * @return the URI, or empty for a built-in dataset
     */
    public Optional<String> location() {
        return s3Uri.isEmpty() ? Optional.empty() : Optional.of(s3Uri);
    }

    /** Fails unless the value is an S3 URI as the service model allows it. */
    static String checkS3(String field, String uri) {
        if (uri == null || uri.length() > 1024 || !S3_URI.matcher(uri).matches()) {
            throw new InvalidRequestException(field, field + " must be an s3://bucket/key URI (lower-case bucket, at most"
                    + " 1024 characters), was " + uri);
        }
        return uri;
    }
}
