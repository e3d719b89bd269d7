package dev.bedrock4j.evaluation.customize;

import dev.bedrock4j.core.catalog.ModelCatalog;
import java.util.Objects;

/**
 * What a base model's customization accepts: record counts, the size of each record, and file sizes.
 * Presets hold the limits Bedrock documents for each model at the time of writing; record counts are
 * adjustable account quotas, so raise them with {@link #withMaxRecords(int, int, int)} when your quota
 * is higher, or build limits of your own for models without a preset.
 *
 * <p>A record's size is checked in characters: {@code maxTokensPerRecord * charsPerToken}, the estimate
 * Bedrock itself gives (about six characters a token).
 *
 * <pre>{@code
 * DatasetLimits haiku = DatasetLimits.claude3Haiku();
 * DatasetLimits titan = DatasetLimits.forModel("amazon.titan-text-express-v1", CustomizationMethod.FINE_TUNING)
 *         .withMaxRecords(20_000, 2_000, 20_000);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param minTotalRecords the fewest training plus validation records
 * @param maxTrainingRecords the most training records
 * @param maxValidationRecords the most validation records
 * @param maxTotalRecords the most training plus validation records
 * @param maxTokensPerRecord the most tokens in one record, input and output together
 * @param charsPerToken characters per token for estimating a record's tokens
 * @param maxTrainingFileBytes the largest training file
 * @param maxValidationFileBytes the largest validation file
 */
public record DatasetLimits(int minTotalRecords, int maxTrainingRecords, int maxValidationRecords, int maxTotalRecords,
                            int maxTokensPerRecord, int charsPerToken, long maxTrainingFileBytes,
                            long maxValidationFileBytes) {
    private static final long MB = 1_000_000L;
    private static final long GB = 1_000_000_000L;
    /** File sizes for models whose documentation sets none. */
    private static final long UNLIMITED = Long.MAX_VALUE;

    /**
     * Validates the limits.
     *
     * @param minTotalRecords the fewest records
     * @param maxTrainingRecords the most training records
     * @param maxValidationRecords the most validation records
     * @param maxTotalRecords the most records
     * @param maxTokensPerRecord the most tokens in a record
     * @param charsPerToken characters per token
     * @param maxTrainingFileBytes the largest training file
     * @param maxValidationFileBytes the largest validation file
     * @throws IllegalArgumentException if a limit is not positive or the minimum exceeds the maximum
     */
    public DatasetLimits {
        if (minTotalRecords < 1 || maxTrainingRecords < 1 || maxValidationRecords < 0 || maxTotalRecords < 1
                || maxTokensPerRecord < 1 || charsPerToken < 1 || maxTrainingFileBytes < 1 || maxValidationFileBytes < 1) {
            throw new IllegalArgumentException("dataset limits must be positive (validation records may be 0)");
        }
        if (minTotalRecords > maxTotalRecords) {
            throw new IllegalArgumentException("minTotalRecords " + minTotalRecords + " exceeds maxTotalRecords " + maxTotalRecords);
        }
    }

    /**
     * Anthropic Claude 3 Haiku fine-tuning: 32 to 10,000 records (at most 1,000 for validation), 32,000
     * tokens a record, a 10 GB training and a 1 GB validation file.
     *
     * @return the limits
     */
    public static DatasetLimits claude3Haiku() {
        return new DatasetLimits(32, 10_000, 1_000, 10_000, 32_000, 6, 10 * GB, GB);
    }

    /**
     * Meta Llama 3.1, 3.2 and 3.3 fine-tuning: 100 to 10,000 records, 16,000 tokens a record.
     *
     * @return the limits
     */
    public static DatasetLimits llama3() {
        return new DatasetLimits(100, 10_000, 10_000, 10_000, 16_000, 6, UNLIMITED, UNLIMITED);
    }

    /**
     * Cohere Command fine-tuning: up to 10,000 training and 1,000 validation records, 4,096 input plus
     * 2,048 output tokens a record.
     *
     * @return the limits
     */
    public static DatasetLimits cohereCommand() {
        return new DatasetLimits(1, 10_000, 1_000, 11_000, 4_096 + 2_048, 6, UNLIMITED, UNLIMITED);
    }

    /**
     * Amazon Titan Text (Express, Lite, Premier): 4,096 tokens a record (at batch size 1) and a 100 MB
     * validation file; for fine-tuning up to 10,000 records and a 1 GB training file, for continued
     * pre-training up to 100,000 records and a 10 GB training file.
     *
     * @param method the customization method
     * @return the limits
     */
    public static DatasetLimits titanText(CustomizationMethod method) {
        return method == CustomizationMethod.CONTINUED_PRE_TRAINING
                ? new DatasetLimits(1, 100_000, 100_000, 100_000, 4_096, 6, 10 * GB, 100 * MB)
                : new DatasetLimits(1, 10_000, 10_000, 10_000, 4_096, 6, GB, 100 * MB);
    }

    /**
     * The preset for a base model, found by its id (inference profile ids and ARNs resolve to it).
     *
     * @param baseModelId the base model's id
     * @param method the customization method
     * @return the limits
     * @throws IllegalArgumentException if there is no preset for the model; build the limits yourself
     */
    public static DatasetLimits forModel(String baseModelId, CustomizationMethod method) {
        Objects.requireNonNull(method, "method");
        String base = ModelCatalog.defaults().lookup(Objects.requireNonNull(baseModelId, "baseModelId")).baseModelId();
        if (base.startsWith("anthropic.claude-3-haiku")) {
            return claude3Haiku();
        }
        if (base.startsWith("meta.llama3")) {
            return llama3();
        }
        if (base.startsWith("cohere.command-text") || base.startsWith("cohere.command-light-text")) {
            return cohereCommand();
        }
        if (base.startsWith("amazon.titan-text")) {
            return titanText(method);
        }
        throw new IllegalArgumentException("no built-in dataset limits for '" + baseModelId
                + "'; build DatasetLimits from the model's documented customization limits");
    }

    /**
     * These limits with other record quotas, for accounts whose quotas were raised.
     *
     * @param training the most training records
     * @param validation the most validation records
     * @param total the most records in all
     * @return a copy
     */
    public DatasetLimits withMaxRecords(int training, int validation, int total) {
        return new DatasetLimits(minTotalRecords, training, validation, total, maxTokensPerRecord, charsPerToken,
                maxTrainingFileBytes, maxValidationFileBytes);
    }

    /**
     * The most characters in one record: {@code maxTokensPerRecord * charsPerToken}.
     *
     * @return the characters
     */
    public long maxCharsPerRecord() {
        return (long) maxTokensPerRecord * charsPerToken;
    }
}
