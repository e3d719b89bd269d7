package dev.bedrock4j.evaluation.customize;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.spi.Polling;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CreateModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.CreateModelCustomizationJobResponse;
import software.amazon.awssdk.services.bedrock.model.GetModelCustomizationJobResponse;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputResponse;
import software.amazon.awssdk.services.bedrock.model.ValidationDataConfig;
import software.amazon.awssdk.services.bedrock.model.Validator;

/**
 * Runs model customization through Bedrock's control-plane client: submits a job
 * ({@code CreateModelCustomizationJob}), waits for it ({@code GetModelCustomizationJob} until
 * Completed, Failed or Stopped), and provisions throughput for the custom model so that it can be
 * called, and evaluated, like any model.
 *
 * <pre>{@code
 * ModelCustomizer customizer = ModelCustomizer.create(BedrockClient.create());
 * CustomizationJob job = customizer.submit(r -> r
 *         .jobName("invoice-extractor-2024-06-01").customModelName("invoice-extractor-v2")
 *         .baseModel("anthropic.claude-3-haiku-20240307-v1:0:200k")
 *         .roleArn("arn:aws:iam::123456789012:role/BedrockCustomization")
 *         .trainingData("s3://my-bucket/extraction/train.jsonl")
 *         .outputData("s3://my-bucket/extraction/output/"));
 * CustomizationJob done = customizer.awaitCompletion(job.arn(), Duration.ofHours(8));
 * String provisioned = customizer.provisionThroughput(done.outputModelArn().orElseThrow(), "invoice-extractor-v2-pt",
 *         1, Duration.ofMinutes(30));
 * ChatModel tuned = bedrock.chat(provisioned);   // evaluate it with the same suite as the base models
 * }</pre>
 *
 * <p>The SDK client stays the caller's: this class never closes it. Service errors are thrown as the
 * library's {@link dev.bedrock4j.core.BedrockException} subclasses; a job that fails or is stopped as a
 * {@link CustomizationException}.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class ModelCustomizer {
    private static final Duration DEFAULT_POLL = Duration.ofMinutes(1);

    private final BedrockClient client;
    private final Duration pollInterval;

    private ModelCustomizer(BedrockClient client, Duration pollInterval) {
        this.client = Objects.requireNonNull(client, "client");
        this.pollInterval = pollInterval;
    }

    /**
     * A customizer over a control-plane client, polling once a minute.
     *
     * @param client the SDK's Bedrock control-plane client
     * @return the customizer
     */
    public static ModelCustomizer create(BedrockClient client) {
        return new ModelCustomizer(client, DEFAULT_POLL);
    }

    /**
     * This customizer with another poll interval.
     *
     * @param interval positive; jobs take hours, so a minute is plenty
     * @return a copy sharing the client
     */
    public ModelCustomizer withPollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, was " + interval);
        }
        return new ModelCustomizer(client, interval);
    }

    /**
     * Submits a customization job.
     *
     * @param request the job
     * @return the job, with its ARN
     * @throws dev.bedrock4j.core.InvalidRequestException naming the field, if the request is incomplete (nothing
     *         is sent) or Bedrock rejects it
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call fails
     */
    public CustomizationJob submit(CustomizationRequest request) {
        request.validate();
        CreateModelCustomizationJobRequest.Builder sdk = CreateModelCustomizationJobRequest.builder()
                .jobName(request.jobName())
                .customModelName(request.customModelName())
                .baseModelIdentifier(request.baseModel())
                .roleArn(request.roleArn())
                .customizationType(request.method().wireName())
                .trainingDataConfig(t -> t.s3Uri(request.trainingData()))
                .outputDataConfig(o -> o.s3Uri(request.outputData()));
        if (!request.validationData().isEmpty()) {
            List<Validator> validators = request.validationData().stream().map(uri -> Validator.builder().s3Uri(uri).build())
                    .toList();
            sdk.validationDataConfig(ValidationDataConfig.builder().validators(validators).build());
        }
        if (!request.hyperParameters().isEmpty()) {
            sdk.hyperParameters(request.hyperParameters());
        }
        request.kmsKeyId().ifPresent(sdk::customModelKmsKeyId);
        request.clientRequestToken().ifPresent(sdk::clientRequestToken);
        CreateModelCustomizationJobResponse response = call(() -> client.createModelCustomizationJob(sdk.build()),
                request.baseModel());
        return new CustomizationJob(response.jobArn(), request.jobName(), "", null, null, null);
    }

    /**
     * Builds a request with a consumer and submits it.
     *
     * @param request sets up the request
     * @return the job, with its ARN
     */
    public CustomizationJob submit(Consumer<CustomizationRequest.Builder> request) {
        CustomizationRequest.Builder builder = CustomizationRequest.builder();
        request.accept(builder);
        return submit(builder.build());
    }

    /**
     * Asks for a job's current state, once.
     *
     * @param jobArn the job's ARN (or name)
     * @return the job as Bedrock reports it now
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call fails
     */
    public CustomizationJob status(String jobArn) {
        GetModelCustomizationJobResponse job = call(() -> client.getModelCustomizationJob(r -> r.jobIdentifier(jobArn)), null);
        return new CustomizationJob(job.jobArn() == null ? jobArn : job.jobArn(), job.jobName(), job.statusAsString(),
                job.outputModelArn(), job.outputModelName(), job.failureMessage());
    }

    /**
     * Waits for a job to complete, polling its status.
     *
     * @param jobArn the job's ARN
     * @param timeout the longest wait
     * @return the completed job, with the custom model's ARN
     * @throws CustomizationException if the job failed (with Bedrock's reason) or was stopped, or is still running
     *         when the wait runs out (it goes on in Bedrock)
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if polling fails for a reason that retrying cannot fix
     */
    public CustomizationJob awaitCompletion(String jobArn, Duration timeout) {
        Objects.requireNonNull(jobArn, "jobArn");
        Polling.Outcome<CustomizationJob> outcome = Polling.until(() -> status(jobArn), job -> job.status().isTerminal(),
                pollInterval, timeout, "customization job " + jobArn);
        CustomizationJob job = outcome.last();
        if (!outcome.finished()) {
            String seen = job == null ? "unknown" : job.statusText();
            throw new CustomizationException("customization job " + jobArn + " is still " + seen + " after " + timeout
                    + "; it goes on in Bedrock: wait again with awaitCompletion, or stop it with stop(jobArn)", jobArn, seen);
        }
        switch (job.status()) {
            case COMPLETED:
                return job;
            case FAILED:
                throw new CustomizationException("customization job " + jobArn + " failed: "
                        + job.failureMessage().orElse("Bedrock gave no reason") + "; fix the data or settings and submit again",
                        jobArn, job.statusText());
            default:
                throw new CustomizationException("customization job " + jobArn + " was stopped before it finished;"
                        + " no custom model was made", jobArn, job.statusText());
        }
    }

    /**
     * Stops a running job.
     *
     * @param jobArn the job's ARN
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call fails
     */
    public void stop(String jobArn) {
        call(() -> client.stopModelCustomizationJob(r -> r.jobIdentifier(jobArn)), null);
    }

    /**
     * Buys provisioned throughput for a custom model and waits until it is in service. Custom models are
     * called through it: pass the returned ARN to {@link dev.bedrock4j.core.Bedrock#chat(String)}.
     *
     * @param modelArn the custom model's ARN
     * @param name a name for the provisioned model
     * @param modelUnits the model units to buy, at least 1; they are billed by the hour until deleted
     * @param timeout the longest wait for it to come into service
     * @return the provisioned model's ARN
     * @throws CustomizationException if provisioning fails, or is not in service when the wait runs out
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if a call fails
     */
    public String provisionThroughput(String modelArn, String name, int modelUnits, Duration timeout) {
        Objects.requireNonNull(modelArn, "modelArn");
        Objects.requireNonNull(name, "name");
        if (modelUnits < 1) {
            throw new dev.bedrock4j.core.InvalidRequestException("modelUnits", "modelUnits must be at least 1, was " + modelUnits);
        }
        String arn = call(() -> client.createProvisionedModelThroughput(r -> r.modelId(modelArn)
                .provisionedModelName(name).modelUnits(modelUnits)), modelArn).provisionedModelArn();
        Polling.Outcome<GetProvisionedModelThroughputResponse> outcome = Polling.until(
                () -> call(() -> client.getProvisionedModelThroughput(r -> r.provisionedModelId(arn)), modelArn),
                p -> !"Creating".equals(p.statusAsString()) && !"Updating".equals(p.statusAsString()),
                pollInterval, timeout, "provisioned model " + arn);
        GetProvisionedModelThroughputResponse last = outcome.last();
        String status = last == null ? "unknown" : last.statusAsString();
        if (!outcome.finished()) {
            throw new CustomizationException("provisioned model " + arn + " is still " + status + " after " + timeout
                    + "; it goes on in Bedrock (and is billed once in service)", arn, status);
        }
        if (!"InService".equals(status)) {
            throw new CustomizationException("provisioned model " + arn + " ended " + status + ": "
                    + (last.failureMessage() == null ? "Bedrock gave no reason" : last.failureMessage()), arn, status);
        }
        return arn;
    }

    private static <T> T call(Supplier<T> call, String modelId) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw BedrockException.from(e, modelId);
        }
    }

    @Override
    public String toString() {
        return "ModelCustomizer[poll=" + pollInterval + "]";
    }
}
