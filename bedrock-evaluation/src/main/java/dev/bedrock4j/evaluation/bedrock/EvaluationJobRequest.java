package dev.bedrock4j.evaluation.bedrock;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Bedrock evaluation job needs: a name, the service role Bedrock assumes (to call the models and read and
 * write S3), the one or two models evaluated, the datasets with their task and metrics, where to write the
 * results, and either nothing more (an automatic job, {@link Builder#automated()}, the default) or the
 * work team's flow definition, instructions and rated metrics (a human job, {@link Builder#human}).
 *
 * <pre>{@code
 * EvaluationJobRequest request = EvaluationJobRequest.builder()
 *         .jobName("support-haiku-2024-06-01")
 *         .roleArn("arn:aws:iam::123456789012:role/BedrockEvaluation")
 *         .model("anthropic.claude-3-haiku-20240307-v1:0")
 *         .dataset(DatasetMetrics.of(EvaluationTask.QUESTION_AND_ANSWER,
 *                 EvaluationDataset.s3("support", "s3://my-bucket/eval/support.jsonl"),
 *                 BuiltinMetric.ACCURACY, BuiltinMetric.ROBUSTNESS, BuiltinMetric.TOXICITY))
 *         .outputData("s3://my-bucket/eval/output/")
 *         .build();
 * }</pre>
 *
 * <p>{@link #validate()} checks it against the service model (the job name's pattern, the role ARN, model ids,
 * S3 URIs, the counts of models, datasets and metrics) and names the field at fault; it runs before anything is
 * sent. Instances are immutable and thread-safe.
 */
public final class EvaluationJobRequest {
    /** The most datasets a job takes. */
    public static final int MAX_DATASETS = 5;
    /** The most models a job compares. */
    public static final int MAX_MODELS = 2;
    private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9](-*[a-z0-9]){0,62}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+");
    private static final Pattern FLOW_DEFINITION = Pattern.compile(
            "arn:aws(-[^:]+)?:sagemaker:[a-z0-9-]{1,20}:[0-9]{12}:flow-definition/.*");
    /** The service model's pattern of the models an evaluation job evaluates. */
    private static final Pattern MODEL_ID = Pattern.compile("(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:((:foundation-model/"
            + "[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|([0-9]{12}:provisioned-model/[a-z0-9]{12})|([0-9]{12}"
            + ":imported-model/[a-z0-9]{12})|([0-9]{12}:application-inference-profile/[a-z0-9]{12})|([0-9]{12}:inference-profile/"
            + "(([a-z-]{2,8}.)[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63})))|([0-9]{12}:(default-prompt-router|"
            + "prompt-router)/[a-zA-Z0-9-:.]+)))|(([a-z]{2,4}[.]{1})([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63})))"
            + "|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|arn:aws(-[^:]+)?:sagemaker:[a-z0-9-]{1,20}:[0-9]{12}"
            + ":endpoint/[a-z0-9-]{1,63}");

    private final String jobName;
    private final String description;
    private final String roleArn;
    private final List<String> models;
    private final List<DatasetMetrics> datasets;
    private final String outputData;
    private final String flowDefinitionArn;
    private final String instructions;
    private final List<HumanMetric> humanMetrics;
    private final String kmsKeyId;
    private final String clientRequestToken;

    private EvaluationJobRequest(Builder b) {
        this.jobName = b.jobName;
        this.description = b.description;
        this.roleArn = b.roleArn;
        this.models = List.copyOf(b.models);
        this.datasets = List.copyOf(b.datasets);
        this.outputData = b.outputData;
        this.flowDefinitionArn = b.flowDefinitionArn;
        this.instructions = b.instructions;
        this.humanMetrics = List.copyOf(b.humanMetrics);
        this.kmsKeyId = b.kmsKeyId;
        this.clientRequestToken = b.clientRequestToken;
    }

    /**
     * A builder for an automatic job; call {@link Builder#human} for a human one.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the request as Bedrock would, before anything is sent.
     *
     * @throws InvalidRequestException naming the field at fault and the fix
     */
    public void validate() {
        if (jobName == null || !JOB_NAME.matcher(jobName).matches()) {
            throw new InvalidRequestException("jobName", "jobName '" + jobName + "' must be 1 to 63 lower-case letters,"
                    + " digits and hyphens, starting and ending with a letter or digit, e.g. 'support-eval-2024-06-01'");
        }
        if (description != null && (description.isEmpty() || description.length() > 200)) {
            throw new InvalidRequestException("description", "the description must be 1 to 200 characters, had "
                    + description.length());
        }
        if (roleArn == null || roleArn.length() > 2048 || !ROLE_ARN.matcher(roleArn).matches()) {
            throw new InvalidRequestException("roleArn", "roleArn must be an IAM role ARN such as"
                    + " arn:aws:iam::123456789012:role/BedrockEvaluation, was " + roleArn);
        }
        if (models.isEmpty() || models.size() > MAX_MODELS) {
            throw new InvalidRequestException("models", "a job evaluates 1 or " + MAX_MODELS + " models, had "
                    + models.size());
        }
        for (String model : models) {
            checkModel(model);
        }
        if (datasets.isEmpty() || datasets.size() > MAX_DATASETS) {
            throw new InvalidRequestException("datasets", "a job takes 1 to " + MAX_DATASETS + " datasets, had "
                    + datasets.size());
        }
        EvaluationDataset.checkS3("outputData", outputData);
        if (human()) {
            if (!FLOW_DEFINITION.matcher(flowDefinitionArn).matches()) {
                throw new InvalidRequestException("flowDefinitionArn", "flowDefinitionArn must be a SageMaker flow"
                        + " definition ARN (arn:aws:sagemaker:<region>:<account>:flow-definition/<name>), was "
                        + flowDefinitionArn);
            }
            if (instructions != null && (instructions.isBlank() || instructions.length() > 5000)) {
                throw new InvalidRequestException("instructions", "the instructions must be 1 to 5000 characters");
            }
            if (humanMetrics.isEmpty() || humanMetrics.size() > 10) {
                throw new InvalidRequestException("humanMetrics", "a human job rates 1 to 10 metrics, had "
                        + humanMetrics.size());
            }
            List<String> names = humanMetrics.stream().map(HumanMetric::name).toList();
            for (DatasetMetrics dataset : datasets) {
                for (String metric : dataset.metricNames()) {
                    if (!names.contains(metric)) {
                        throw new InvalidRequestException("datasets", "dataset " + dataset.dataset().name() + " rates '"
                                + metric + "', which is not one of the job's human metrics " + names);
                    }
                }
            }
        } else {
            for (DatasetMetrics dataset : datasets) {
                for (String metric : dataset.metricNames()) {
                    if (BuiltinMetric.fromName(metric) == null || !metric.startsWith("Builtin.")) {
                        throw new InvalidRequestException("datasets", "dataset " + dataset.dataset().name() + " asks for '"
                                + metric + "'; an automatic job computes the built-in metrics Builtin.Accuracy,"
                                + " Builtin.Robustness and Builtin.Toxicity");
                    }
                }
            }
        }
    }

    private static void checkModel(String model) {
        if (model == null || model.length() > 2048 || !MODEL_ID.matcher(model).matches()) {
            Optional<String> meant = model == null ? Optional.empty() : ModelCatalog.defaults().suggest(model);
            throw new InvalidRequestException("models", "'" + model + "' is not a Bedrock model id, inference profile"
                    + " or model ARN" + meant.map(m -> "; did you mean " + m + "?").orElse(""));
        }
        ModelInfo info = ModelCatalog.defaults().lookup(model);
        if (info.known() && !info.supports(Capability.CHAT)) {
            throw new InvalidRequestException("models", model + " is not a text generation model; an evaluation job"
                    + " evaluates models that answer prompts");
        }
    }

    /**
     * Whether people rate the answers (a human job) rather than Bedrock computing metrics.
     *
     * @return {@code true} for a human job
     */
    public boolean human() {
        return flowDefinitionArn != null;
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
     * The description.
     *
     * @return the description, or empty
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
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
     * The models evaluated.
     *
     * @return one or two model ids or ARNs
     */
    public List<String> models() {
        return models;
    }

    /**
     * The datasets with their task and metrics.
     *
     * @return the datasets
     */
    public List<DatasetMetrics> datasets() {
        return datasets;
    }

    /**
     * Where the results are written.
     *
     * @return the S3 URI
     */
    public String outputData() {
        return outputData;
    }

    /**
     * The SageMaker flow definition of a human job's work team.
     *
     * @return the ARN, or empty for an automatic job
     */
    public Optional<String> flowDefinitionArn() {
        return Optional.ofNullable(flowDefinitionArn);
    }

    /**
     * The instructions a human job's workers see.
     *
     * @return the instructions, or empty
     */
    public Optional<String> instructions() {
        return Optional.ofNullable(instructions);
    }

    /**
     * The metrics a human job's workers rate.
     *
     * @return the metrics; empty for an automatic job
     */
    public List<HumanMetric> humanMetrics() {
        return humanMetrics;
    }

    /**
     * The KMS key the results are encrypted with.
     *
     * @return the key id or ARN, or empty
     */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    /**
     * The idempotency token.
     *
     * @return the token, or empty
     */
    public Optional<String> clientRequestToken() {
        return Optional.ofNullable(clientRequestToken);
    }

    @Override
    public String toString() {
        return "EvaluationJobRequest[" + jobName + (human() ? ", human" : ", automated") + ", models=" + models
                + ", datasets=" + datasets.size() + "]";
    }

    /**
     * Builds an {@link EvaluationJobRequest}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private String jobName;
        private String description;
        private String roleArn;
        private final List<String> models = new ArrayList<>();
        private final List<DatasetMetrics> datasets = new ArrayList<>();
        private String outputData;
        private String flowDefinitionArn;
        private String instructions;
        private final List<HumanMetric> humanMetrics = new ArrayList<>();
        private String kmsKeyId;
        private String clientRequestToken;

        private Builder() {
        }

        /**
         * Sets the job's name, unique in the account and region.
         *
         * @param jobName 1 to 63 lower-case letters, digits and hyphens
         * @return this
         */
        public Builder jobName(String jobName) {
            this.jobName = jobName;
            return this;
        }

        /**
         * Sets a description.
         *
         * @param description 1 to 200 characters
         * @return this
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the service role Bedrock assumes.
         *
         * @param roleArn the IAM role's ARN
         * @return this
         */
        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /**
         * Adds a model to evaluate; a job compares up to two.
         *
         * @param modelId a model id, inference profile id or ARN
         * @return this
         */
        public Builder model(String modelId) {
            this.models.add(modelId);
            return this;
        }

        /**
         * Adds a dataset with its task and metrics.
         *
         * @param dataset the dataset configuration
         * @return this
         */
        public Builder dataset(DatasetMetrics dataset) {
            this.datasets.add(Objects.requireNonNull(dataset, "dataset"));
            return this;
        }

        /**
         * Sets where the results are written.
         *
         * @param s3Uri an S3 URI, such as {@code s3://my-bucket/eval/output/}
         * @return this
         */
        public Builder outputData(String s3Uri) {
            this.outputData = s3Uri;
            return this;
        }

        /**
         * Makes the job automatic (the default): Bedrock computes the datasets' built-in metrics.
         *
         * @return this
         */
        public Builder automated() {
            this.flowDefinitionArn = null;
            this.instructions = null;
            this.humanMetrics.clear();
            return this;
        }

        /**
         * Makes the job human: a work team rates the answers on the metrics.
         *
         * @param flowDefinitionArn the SageMaker flow definition of the work team
         * @param instructions what the workers are told, 1 to 5000 characters; or {@code null}
         * @param metrics the metrics they rate, 1 to 10
         * @return this
         */
        public Builder human(String flowDefinitionArn, String instructions, HumanMetric... metrics) {
            this.flowDefinitionArn = Objects.requireNonNull(flowDefinitionArn, "flowDefinitionArn");
            this.instructions = instructions;
            this.humanMetrics.clear();
            this.humanMetrics.addAll(List.of(metrics));
            return this;
        }

        /**
         * Sets the KMS key the results are encrypted with.
         *
         * @param kmsKeyId the key id or ARN
         * @return this
         */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /**
         * Sets an idempotency token, so that a retried submission does not start a second job.
         *
         * @param token the token
         * @return this
         */
        public Builder clientRequestToken(String token) {
            this.clientRequestToken = token;
            return this;
        }

        /**
         * Builds the request; {@link EvaluationJobRequest#validate()} checks it.
         *
         * @return the request
         */
        public EvaluationJobRequest build() {
            return new EvaluationJobRequest(this);
        }
    }
}
