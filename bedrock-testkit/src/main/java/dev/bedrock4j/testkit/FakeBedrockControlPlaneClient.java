package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.SdkErrors;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockServiceClientConfiguration;
import software.amazon.awssdk.services.bedrock.model.BedrockRequest;
import software.amazon.awssdk.services.bedrock.model.BedrockResponse;
import software.amazon.awssdk.services.bedrock.model.CreateEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.CreateEvaluationJobResponse;
import software.amazon.awssdk.services.bedrock.model.CreateModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.CreateModelCustomizationJobResponse;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.CreateProvisionedModelThroughputRequest;
import software.amazon.awssdk.services.bedrock.model.CreateProvisionedModelThroughputResponse;
import software.amazon.awssdk.services.bedrock.model.DeleteProvisionedModelThroughputRequest;
import software.amazon.awssdk.services.bedrock.model.DeleteProvisionedModelThroughputResponse;
import software.amazon.awssdk.services.bedrock.model.EvaluationSummary;
import software.amazon.awssdk.services.bedrock.model.GetEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetEvaluationJobResponse;
import software.amazon.awssdk.services.bedrock.model.GetModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetModelCustomizationJobResponse;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputRequest;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputResponse;
import software.amazon.awssdk.services.bedrock.model.ListEvaluationJobsRequest;
import software.amazon.awssdk.services.bedrock.model.ListEvaluationJobsResponse;
import software.amazon.awssdk.services.bedrock.model.StopEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.StopEvaluationJobResponse;
import software.amazon.awssdk.services.bedrock.model.StopModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.StopModelCustomizationJobResponse;
import software.amazon.awssdk.services.bedrock.model.StopModelInvocationJobRequest;
import software.amazon.awssdk.services.bedrock.model.StopModelInvocationJobResponse;

/**
 * A fake of the AWS SDK's Bedrock control-plane client ({@link BedrockClient}) for long-running jobs:
 * model customization, batch inference (model invocation jobs), provisioned throughput and model evaluation
 * (create, get, list and stop; a completed job's results, which Bedrock writes to S3, are written locally by
 * {@link FakeEvaluationOutput}). It records
 * every request and answers from a script, so code that submits and polls jobs runs its real path with
 * no network.
 *
 * <pre>{@code
 * FakeBedrockControlPlaneClient bedrock = FakeBedrockControlPlaneClient.create()
 *         .enqueue(FakeBedrockControlPlaneClient.customizationJobCreated(jobArn))
 *         .enqueue(FakeBedrockControlPlaneClient.customizationJob(jobArn, "InProgress"))
 *         .enqueue(FakeBedrockControlPlaneClient.customizationJobCompleted(jobArn, customModelArn));
 *
 * ModelCustomizer customizer = ModelCustomizer.create(bedrock).withPollInterval(Duration.ofMillis(1));
 * CustomizationJob done = customizer.awaitCompletion(customizer.submit(request).arn(), Duration.ofMinutes(1));
 *
 * assertThat(done.outputModelArn()).hasValue(customModelArn);
 * assertThat(bedrock.requests(GetModelCustomizationJobRequest.class)).hasSize(2);
 * }</pre>
 *
 * <p>Scripted entries (responses or exceptions) are used in order by whichever operation comes next; an
 * entry of the wrong type for the operation fails the call clearly. With no script left, a responder set
 * for the request's type answers; with none, the call fails naming the request. Operations this fake
 * does not implement throw {@link UnsupportedOperationException}, as the SDK interface's defaults do.
 *
 * <p>Thread-safe: the script and the record are synchronized.
 */
public final class FakeBedrockControlPlaneClient extends FakeSdkClient implements BedrockClient {
    private final Map<Class<?>, Function<BedrockRequest, BedrockResponse>> responders = new ConcurrentHashMap<>();

    private FakeBedrockControlPlaneClient() {
        super("FakeBedrockControlPlaneClient");
    }

    /**
     * A fake with an empty script.
     *
     * @return the fake
     */
    public static FakeBedrockControlPlaneClient create() {
        return new FakeBedrockControlPlaneClient();
    }

    // ---------------------------------------------------------------- canned responses and errors

    /**
     * The answer to {@code CreateModelCustomizationJob}.
     *
     * @param jobArn the new job's ARN
     * @return the SDK response
     */
    public static CreateModelCustomizationJobResponse customizationJobCreated(String jobArn) {
        return CreateModelCustomizationJobResponse.builder().jobArn(jobArn).build();
    }

    /**
     * An answer to {@code GetModelCustomizationJob} in a status.
     *
     * @param jobArn the job's ARN
     * @param status such as {@code InProgress}, {@code Stopping} or {@code Stopped}
     * @return the SDK response
     */
    public static GetModelCustomizationJobResponse customizationJob(String jobArn, String status) {
        return GetModelCustomizationJobResponse.builder().jobArn(jobArn).jobName(name(jobArn)).status(status).build();
    }

    /**
     * An answer to {@code GetModelCustomizationJob} for a completed job.
     *
     * @param jobArn the job's ARN
     * @param outputModelArn the custom model's ARN
     * @return the SDK response
     */
    public static GetModelCustomizationJobResponse customizationJobCompleted(String jobArn, String outputModelArn) {
        return customizationJob(jobArn, "Completed").toBuilder().outputModelArn(outputModelArn)
                .outputModelName(name(outputModelArn)).build();
    }

    /**
     * An answer to {@code GetModelCustomizationJob} for a failed job.
     *
     * @param jobArn the job's ARN
     * @param failureMessage the service's reason
     * @return the SDK response
     */
    public static GetModelCustomizationJobResponse customizationJobFailed(String jobArn, String failureMessage) {
        return customizationJob(jobArn, "Failed").toBuilder().failureMessage(failureMessage).build();
    }

    /**
     * The answer to {@code CreateModelInvocationJob} (batch inference).
     *
     * @param jobArn the new job's ARN
     * @return the SDK response
     */
    public static CreateModelInvocationJobResponse invocationJobCreated(String jobArn) {
        return CreateModelInvocationJobResponse.builder().jobArn(jobArn).build();
    }

    /**
     * An answer to {@code GetModelInvocationJob} (batch inference) in a status.
     *
     * @param jobArn the job's ARN
     * @param status such as {@code Submitted}, {@code InProgress}, {@code Completed}, {@code Failed}
     * @param message the service's message, or {@code null}
     * @return the SDK response
     */
    public static GetModelInvocationJobResponse invocationJob(String jobArn, String status, String message) {
        return GetModelInvocationJobResponse.builder().jobArn(jobArn).jobName(name(jobArn)).status(status).message(message)
                .build();
    }

    /**
     * The answer to {@code CreateProvisionedModelThroughput}.
     *
     * @param provisionedModelArn the provisioned model's ARN
     * @return the SDK response
     */
    public static CreateProvisionedModelThroughputResponse provisionedModelCreated(String provisionedModelArn) {
        return CreateProvisionedModelThroughputResponse.builder().provisionedModelArn(provisionedModelArn).build();
    }

    /**
     * An answer to {@code GetProvisionedModelThroughput} in a status.
     *
     * @param provisionedModelArn the provisioned model's ARN
     * @param status such as {@code Creating}, {@code InService} or {@code Failed}
     * @return the SDK response
     */
    public static GetProvisionedModelThroughputResponse provisionedModel(String provisionedModelArn, String status) {
        return GetProvisionedModelThroughputResponse.builder().provisionedModelArn(provisionedModelArn)
                .provisionedModelName(name(provisionedModelArn)).status(status).build();
    }

    /**
     * The answer to {@code CreateEvaluationJob}.
     *
     * @param jobArn the new job's ARN
     * @return the SDK response
     */
    public static CreateEvaluationJobResponse evaluationJobCreated(String jobArn) {
        return CreateEvaluationJobResponse.builder().jobArn(jobArn).build();
    }

    /**
     * An answer to {@code GetEvaluationJob} for an automatic job in a status.
     *
     * @param jobArn the job's ARN
     * @param status such as {@code InProgress}, {@code Completed}, {@code Stopping} or {@code Stopped}
     * @return the SDK response
     */
    public static GetEvaluationJobResponse evaluationJob(String jobArn, String status) {
        return GetEvaluationJobResponse.builder().jobArn(jobArn).jobName(name(jobArn)).status(status)
                .jobType("Automated").build();
    }

    /**
     * An answer to {@code GetEvaluationJob} for a failed job.
     *
     * @param jobArn the job's ARN
     * @param failureMessages the service's reasons
     * @return the SDK response
     */
    public static GetEvaluationJobResponse evaluationJobFailed(String jobArn, String... failureMessages) {
        return evaluationJob(jobArn, "Failed").toBuilder().failureMessages(failureMessages).build();
    }

    /**
     * An answer to {@code ListEvaluationJobs}: one page of jobs in a status each.
     *
     * @param nextToken the next page's token, or {@code null} on the last page
     * @param jobArnsAndStatuses the jobs' ARNs and statuses, alternating
     * @return the SDK response
     */
    public static ListEvaluationJobsResponse evaluationJobs(String nextToken, String... jobArnsAndStatuses) {
        if (jobArnsAndStatuses.length % 2 != 0) {
            throw new IllegalArgumentException("pass job ARNs and statuses in pairs");
        }
        List<EvaluationSummary> summaries = new java.util.ArrayList<>();
        for (int i = 0; i < jobArnsAndStatuses.length; i += 2) {
            summaries.add(EvaluationSummary.builder().jobArn(jobArnsAndStatuses[i]).jobName(name(jobArnsAndStatuses[i]))
                    .status(jobArnsAndStatuses[i + 1]).jobType("Automated").build());
        }
        return ListEvaluationJobsResponse.builder().jobSummaries(summaries).nextToken(nextToken).build();
    }

    /**
     * The SDK's throttling exception, as the control plane raises it (HTTP 429).
     *
     * @return the exception
     */
    public static AwsServiceException throttling() {
        return SdkErrors.of(SdkErrors.CONTROL_PLANE, "ThrottlingException", 429, "Rate exceeded");
    }

    /**
     * The SDK's validation exception, as the control plane raises it (HTTP 400).
     *
     * @param message the service's message
     * @return the exception
     */
    public static AwsServiceException validation(String message) {
        return SdkErrors.of(SdkErrors.CONTROL_PLANE, "ValidationException", 400, message);
    }

    /**
     * The SDK's not-found exception, as the control plane raises it (HTTP 404).
     *
     * @param message the service's message
     * @return the exception
     */
    public static AwsServiceException notFound(String message) {
        return SdkErrors.of(SdkErrors.CONTROL_PLANE, "ResourceNotFoundException", 404, message);
    }

    private static String name(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    // ---------------------------------------------------------------- scripting and recording

    /**
     * Scripts an SDK response or exception for the next call.
     *
     * @param responseOrException a {@link BedrockResponse} or a {@link RuntimeException}
     * @return this
     */
    public FakeBedrockControlPlaneClient enqueue(Object responseOrException) {
        script.enqueueResponse(responseOrException);
        return this;
    }

    /**
     * Answers the calls of one request type that the script does not cover.
     *
     * @param type the SDK request type, such as {@code GetModelCustomizationJobRequest.class}
     * @param responder computes the response
     * @param <Q> the request type
     * @return this
     */
    @SuppressWarnings("unchecked")
    public <Q extends BedrockRequest> FakeBedrockControlPlaneClient respondTo(
            Class<Q> type, Function<? super Q, ? extends BedrockResponse> responder) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(responder, "responder");
        responders.put(type, request -> responder.apply((Q) request));
        return this;
    }

    /**
     * The requests of one type received, in order.
     *
     * @param type the SDK request type
     * @param <Q> the request type
     * @return an immutable snapshot
     */
    public <Q extends BedrockRequest> List<Q> requests(Class<Q> type) {
        return script.requests(type);
    }

    /**
     * The last request of one type.
     *
     * @param type the SDK request type
     * @param <Q> the request type
     * @return the request
     * @throws IllegalStateException if none was received
     */
    public <Q extends BedrockRequest> Q lastRequest(Class<Q> type) {
        List<Q> matching = requests(type);
        if (matching.isEmpty()) {
            throw new IllegalStateException("no " + type.getSimpleName() + " was received");
        }
        return matching.get(matching.size() - 1);
    }

    private <R extends BedrockResponse> R answer(BedrockRequest request, Class<R> type) {
        return type.cast(script.next(request, responders.get(request.getClass()), type));
    }

    // ---------------------------------------------------------------- operations

    @Override
    public CreateModelCustomizationJobResponse createModelCustomizationJob(CreateModelCustomizationJobRequest request) {
        return answer(request, CreateModelCustomizationJobResponse.class);
    }

    @Override
    public GetModelCustomizationJobResponse getModelCustomizationJob(GetModelCustomizationJobRequest request) {
        return answer(request, GetModelCustomizationJobResponse.class);
    }

    @Override
    public StopModelCustomizationJobResponse stopModelCustomizationJob(StopModelCustomizationJobRequest request) {
        return answer(request, StopModelCustomizationJobResponse.class);
    }

    @Override
    public CreateModelInvocationJobResponse createModelInvocationJob(CreateModelInvocationJobRequest request) {
        return answer(request, CreateModelInvocationJobResponse.class);
    }

    @Override
    public GetModelInvocationJobResponse getModelInvocationJob(GetModelInvocationJobRequest request) {
        return answer(request, GetModelInvocationJobResponse.class);
    }

    @Override
    public StopModelInvocationJobResponse stopModelInvocationJob(StopModelInvocationJobRequest request) {
        return answer(request, StopModelInvocationJobResponse.class);
    }

    @Override
    public CreateProvisionedModelThroughputResponse createProvisionedModelThroughput(
            CreateProvisionedModelThroughputRequest request) {
        return answer(request, CreateProvisionedModelThroughputResponse.class);
    }

    @Override
    public GetProvisionedModelThroughputResponse getProvisionedModelThroughput(GetProvisionedModelThroughputRequest request) {
        return answer(request, GetProvisionedModelThroughputResponse.class);
    }

    @Override
    public DeleteProvisionedModelThroughputResponse deleteProvisionedModelThroughput(
            DeleteProvisionedModelThroughputRequest request) {
        return answer(request, DeleteProvisionedModelThroughputResponse.class);
    }

    @Override
    public CreateEvaluationJobResponse createEvaluationJob(CreateEvaluationJobRequest request) {
        return answer(request, CreateEvaluationJobResponse.class);
    }

    @Override
    public GetEvaluationJobResponse getEvaluationJob(GetEvaluationJobRequest request) {
        return answer(request, GetEvaluationJobResponse.class);
    }

    @Override
    public ListEvaluationJobsResponse listEvaluationJobs(ListEvaluationJobsRequest request) {
        return answer(request, ListEvaluationJobsResponse.class);
    }

    @Override
    public StopEvaluationJobResponse stopEvaluationJob(StopEvaluationJobRequest request) {
        return answer(request, StopEvaluationJobResponse.class);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public BedrockServiceClientConfiguration serviceClientConfiguration() {
        return BedrockServiceClientConfiguration.builder().build();
    }

    @Override
    public void close() {
        script.close();
    }
}
