package dev.bedrock4j.evaluation.customize;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model customization job needs: names for the job and the custom model, the base model, the
 * service role Bedrock assumes to read and write S3, the training (and validation) data in S3, where
 * to write the output, the method and its hyperparameters.
 *
 * <pre>{@code
 * CustomizationRequest request = CustomizationRequest.builder()
 *         .jobName("invoice-extractor-2024-06-01")
 *         .customModelName("invoice-extractor-v2")
 *         .baseModel("anthropic.claude-3-haiku-20240307-v1:0:200k")
 *         .roleArn("arn:aws:iam::123456789012:role/BedrockCustomization")
 *         .trainingData("s3://my-bucket/extraction/train.jsonl")
 *         .validationData("s3://my-bucket/extraction/validation.jsonl")
 *         .outputData("s3://my-bucket/extraction/output/")
 *         .hyperParameter("epochCount", "2")
 *         .build();
 * }</pre>
 *
 * <p>Nothing is sent until {@link ModelCustomizer#submit(CustomizationRequest)}; {@link #validate()} runs
 * there first and names the field at fault.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CustomizationRequest {
    private static final int MAX_NAME = 63;

    private final String jobName;
    private final String customModelName;
    private final String baseModel;
    private final String roleArn;
    private final String trainingData;
    private final List<String> validationData;
    private final String outputData;
    private final CustomizationMethod method;
    private final Map<String, String> hyperParameters;
    private final String kmsKeyId;
    private final String clientRequestToken;

    private CustomizationRequest(Builder b) {
        this.jobName = b.jobName;
        this.customModelName = b.customModelName;
        this.baseModel = b.baseModel;
        this.roleArn = b.roleArn;
        this.trainingData = b.trainingData;
        this.validationData = List.copyOf(b.validationData);
        this.outputData = b.outputData;
        this.method = b.method;
        this.hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.hyperParameters));
        this.kmsKeyId = b.kmsKeyId;
        this.clientRequestToken = b.clientRequestToken;
    }

    /**
     * A new builder; the method defaults to fine-tuning.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks every field before anything is sent.
     *
     * @throws InvalidRequestException naming the first field at fault and the fix
     */
    public void validate() {
        name("jobName", jobName);
        name("customModelName", customModelName);
        if (baseModel == null || baseModel.isBlank()) {
            throw new InvalidRequestException("baseModel", "baseModel is missing: set the id or ARN of the model to customize");
        }
        if (roleArn == null || !roleArn.startsWith("arn:")) {
            throw new InvalidRequestException("roleArn", "roleArn must be the ARN of an IAM role Bedrock may assume"
                    + " to read the data and write the output, was " + roleArn);
        }
        s3("trainingData", trainingData);
        for (int i = 0; i < validationData.size(); i++) {
            s3("validationData[" + i + "]", validationData.get(i));
        }
        s3("outputData", outputData);
    }

    private static void name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, field + " is missing: give the job and the custom model names");
        }
        if (value.length() > MAX_NAME || !value.matches("[A-Za-z0-9][A-Za-z0-9_.+-]*")) {
            throw new InvalidRequestException(field, field + " must be 1 to " + MAX_NAME
                    + " letters, digits, '-', '_', '.' or '+', starting with a letter or digit, was '" + value + "'");
        }
    }

    private static void s3(String field, String uri) {
        if (uri == null || !uri.startsWith("s3://") || uri.length() <= "s3://".length()) {
            throw new InvalidRequestException(field, field + " must be an s3:// URI; upload the file to S3 first, was " + uri);
        }
    }

    /**
     * The job's name.
     *
     * @return the name
     */
    public String jobName() {
        return jobName;
    }

    /**
     * The custom model's name.
     *
     * @return the name
     */
    public String customModelName() {
        return customModelName;
    }

    /**
     * The base model's id or ARN.
     *
     * @return the base model
     */
    public String baseModel() {
        return baseModel;
    }

    /**
     * The service role's ARN.
     *
     * @return the ARN
     */
    public String roleArn() {
        return roleArn;
    }

    /**
     * The training data's S3 URI.
     *
     * @return the URI
     */
    public String trainingData() {
        return trainingData;
    }

    /**
     * The validation data's S3 URIs.
     *
     * @return the URIs; empty when none
     */
    public List<String> validationData() {
        return validationData;
    }

    /**
     * Where the job writes its output (metrics, logs).
     *
     * @return the S3 URI
     */
    public String outputData() {
        return outputData;
    }

    /**
     * The customization method.
     *
     * @return the method
     */
    public CustomizationMethod method() {
        return method;
    }

    /**
     * The hyperparameters, as Bedrock names them for the base model (such as {@code epochCount}).
     *
     * @return the hyperparameters; empty for the model's defaults
     */
    public Map<String, String> hyperParameters() {
        return hyperParameters;
    }

    /**
     * The KMS key encrypting the custom model.
     *
     * @return the key id, or empty for AWS-owned keys
     */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    /**
     * The idempotency token.
     *
     * @return the token, or empty to let the SDK generate one
     */
    public Optional<String> clientRequestToken() {
        return Optional.ofNullable(clientRequestToken);
    }

    @Override
    public String toString() {
        return "CustomizationRequest[" + jobName + ", " + customModelName + ", base=" + baseModel + ", " + method + "]";
    }

    /**
     * Builds a {@link CustomizationRequest}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private String jobName;
        private String customModelName;
        private String baseModel;
        private String roleArn;
        private String trainingData;
        private final List<String> validationData = new ArrayList<>();
        private String outputData;
        private CustomizationMethod method = CustomizationMethod.FINE_TUNING;
        private final Map<String, String> hyperParameters = new LinkedHashMap<>();
        private String kmsKeyId;
        private String clientRequestToken;

        private Builder() {
        }

        /**
         * Sets the job's name.
         *
         * @param jobName up to 63 letters, digits, '-', '_', '.' or '+'
         * @return this
         */
        public Builder jobName(String jobName) {
            this.jobName = jobName;
            return this;
        }

        /**
         * Sets the custom model's name.
         *
         * @param customModelName up to 63 letters, digits, '-', '_', '.' or '+'
         * @return this
         */
        public Builder customModelName(String customModelName) {
            this.customModelName = customModelName;
            return this;
        }

        /**
         * Sets the base model.
         *
         * @param baseModel the id or ARN of the model to customize, such as a context-length variant
         *        {@code amazon.titan-text-express-v1:0:8k}
         * @return this
         */
        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /**
         * Sets the service role.
         *
         * @param roleArn the ARN of an IAM role Bedrock assumes to read the data and write the output
         * @return this
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /**
         * Sets the training data.
         *
         * @param s3Uri the training JSONL's S3 URI
         * @return this
         */
        public Builder trainingData(String s3Uri) {
            this.trainingData = s3Uri;
            return this;
        }

        /**
         * Adds validation data.
         *
         * @param s3Uri a validation JSONL's S3 URI
         * @return this
         */
        public Builder validationData(String s3Uri) {
            this.validationData.add(Objects.requireNonNull(s3Uri, "s3Uri"));
            return this;
        }

        /**
         * Sets where the job writes its output.
         *
         * @param s3Uri an S3 URI
         * @return this
         */
        public Builder outputData(String s3Uri) {
            this.outputData = s3Uri;
            return this;
        }

        /**
         * Sets the customization method.
         *
         * @param method the method; default fine-tuning
         * @return this
         */
        public Builder method(CustomizationMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets a hyperparameter, as Bedrock names it for the base model.
         *
         * @param name such as {@code epochCount}, {@code batchSize} or {@code learningRate}
         * @param value the value, as text
         * @return this
         */
        public Builder hyperParameter(String name, String value) {
            hyperParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the KMS key encrypting the custom model.
         *
         * @param kmsKeyId the key's id or ARN
         * @return this
         */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /**
         * Sets the idempotency token, so that a retried submission does not start a second job.
         *
         * @param token a unique token; default: one the SDK generates
         * @return this
         */
        public Builder clientRequestToken(String token) {
            this.clientRequestToken = token;
            return this;
        }

        /**
         * Builds the request; fields are checked when it is submitted.
         *
         * @return the request
         */
        public CustomizationRequest build() {
            return new CustomizationRequest(this);
        }
    }
}
