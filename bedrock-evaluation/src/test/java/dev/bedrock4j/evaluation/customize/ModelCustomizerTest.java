package dev.bedrock4j.evaluation.customize;

import static dev.bedrock4j.testkit.FakeBedrockControlPlaneClient.customizationJob;
import static dev.bedrock4j.testkit.FakeBedrockControlPlaneClient.customizationJobCompleted;
import static dev.bedrock4j.testkit.FakeBedrockControlPlaneClient.customizationJobCreated;
import static dev.bedrock4j.testkit.FakeBedrockControlPlaneClient.customizationJobFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.AccessDeniedException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ResourceNotFoundException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.evaluation.customize.CustomizationException;
import dev.bedrock4j.evaluation.customize.CustomizationJob;
import dev.bedrock4j.evaluation.customize.CustomizationMethod;
import dev.bedrock4j.evaluation.customize.CustomizationRequest;
import dev.bedrock4j.evaluation.customize.CustomizationStatus;
import dev.bedrock4j.evaluation.customize.ModelCustomizer;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.Evaluation;
import dev.bedrock4j.evaluation.FieldAccuracy;
import dev.bedrock4j.evaluation.Invoices;
import dev.bedrock4j.testkit.FakeBedrockControlPlaneClient;
import dev.bedrock4j.testkit.FakeChatModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.bedrock.model.AccessDeniedException.Builder;
import software.amazon.awssdk.services.bedrock.model.CreateModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.CreateProvisionedModelThroughputRequest;
import software.amazon.awssdk.services.bedrock.model.GetModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetProvisionedModelThroughputRequest;
import software.amazon.awssdk.services.bedrock.model.StopModelCustomizationJobRequest;
import software.amazon.awssdk.services.bedrock.model.StopModelCustomizationJobResponse;

class ModelCustomizerTest {
    static final String JOB = "arn:aws:bedrock:us-west-2:123456789012:model-customization-job/haiku/abc123";
    static final String CUSTOM = "arn:aws:bedrock:us-west-2:123456789012:custom-model/anthropic.claude-3-haiku-20240307-v1:0:200k/xyz789";
    static final String PROVISIONED = "arn:aws:bedrock:us-west-2:123456789012:provisioned-model/pt456";

    final FakeBedrockControlPlaneClient bedrock = FakeBedrockControlPlaneClient.create();
    final ModelCustomizer customizer = ModelCustomizer.create(bedrock).withPollInterval(Duration.ofMillis(1));

    static CustomizationRequest.Builder request() {
        return CustomizationRequest.builder()
                .jobName("invoice-extractor-2024-06-01")
                .customModelName("invoice-extractor-v2")
                .baseModel("anthropic.claude-3-haiku-20240307-v1:0:200k")
                .roleArn("arn:aws:iam::123456789012:role/BedrockCustomization")
                .trainingData("s3://my-bucket/extraction/train.jsonl")
                .validationData("s3://my-bucket/extraction/validation.jsonl")
                .outputData("s3://my-bucket/extraction/output/")
                .hyperParameter("epochCount", "2")
                .hyperParameter("batchSize", "8");
    }

    @Test
    void submitsThePollsUntilCompletedAndTheCustomModelIsEvaluatedLikeAnyOther() {
        bedrock.enqueue(customizationJobCreated(JOB))
                .enqueue(customizationJob(JOB, "InProgress"))
                .enqueue(FakeBedrockControlPlaneClient.throttling())
                .enqueue(customizationJob(JOB, "InProgress"))
                .enqueue(customizationJobCompleted(JOB, CUSTOM))
                .enqueue(FakeBedrockControlPlaneClient.provisionedModelCreated(PROVISIONED))
                .enqueue(FakeBedrockControlPlaneClient.provisionedModel(PROVISIONED, "Creating"))
                .enqueue(FakeBedrockControlPlaneClient.provisionedModel(PROVISIONED, "InService"));

        CustomizationJob job = customizer.submit(request().build());
        CustomizationJob done = customizer.awaitCompletion(job.arn(), Duration.ofMinutes(1));
        String provisioned = customizer.provisionThroughput(done.outputModelArn().orElseThrow(), "extractor-pt", 1,
                Duration.ofMinutes(1));

        assertThat(job.arn()).isEqualTo(JOB);
        assertThat(done.status()).isEqualTo(CustomizationStatus.COMPLETED);
        assertThat(done.outputModelArn()).hasValue(CUSTOM);
        assertThat(provisioned).isEqualTo(PROVISIONED);

        CreateModelCustomizationJobRequest sent = bedrock.lastRequest(CreateModelCustomizationJobRequest.class);
        assertThat(sent.jobName()).isEqualTo("invoice-extractor-2024-06-01");
        assertThat(sent.customModelName()).isEqualTo("invoice-extractor-v2");
        assertThat(sent.baseModelIdentifier()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0:200k");
        assertThat(sent.customizationTypeAsString()).isEqualTo("FINE_TUNING");
        assertThat(sent.trainingDataConfig().s3Uri()).isEqualTo("s3://my-bucket/extraction/train.jsonl");
        assertThat(sent.validationDataConfig().validators()).singleElement()
                .satisfies(v -> assertThat(v.s3Uri()).isEqualTo("s3://my-bucket/extraction/validation.jsonl"));
        assertThat(sent.outputDataConfig().s3Uri()).isEqualTo("s3://my-bucket/extraction/output/");
        assertThat(sent.hyperParameters()).containsEntry("epochCount", "2").containsEntry("batchSize", "8");
        assertThat(bedrock.requests(GetModelCustomizationJobRequest.class)).hasSize(4)
                .allSatisfy(r -> assertThat(r.jobIdentifier()).isEqualTo(JOB));
        CreateProvisionedModelThroughputRequest pt = bedrock.lastRequest(CreateProvisionedModelThroughputRequest.class);
        assertThat(pt.modelId()).isEqualTo(CUSTOM);
        assertThat(pt.modelUnits()).isEqualTo(1);
        assertThat(bedrock.requests(GetProvisionedModelThroughputRequest.class)).hasSize(2);

        // the step from 50% to 90%: the same suite, the base model against the fine-tuned one
        FakeChatModel base = Invoices.worse();
        FakeChatModel tuned = FakeChatModel.create(provisioned);
        tuned.respondWith(r -> ChatResponse.ofText(Invoices.rightAnswer(r)));
        EvalReport report = Evaluation.builder(Invoices.SUITE).model("base", base).model("fine-tuned", tuned)
                .metrics(FieldAccuracy.all()).build().run();
        assertThat(report.ranking().get(0).model()).isEqualTo("fine-tuned");
        assertThat(report.ranking().get(0).modelId()).isEqualTo(PROVISIONED);
    }

    @Test
    void aFailedJobIsAClearError() {
        bedrock.enqueue(customizationJob(JOB, "InProgress"))
                .enqueue(customizationJobFailed(JOB, "Validation of the training data failed: line 17 has no messages"));
        assertThatThrownBy(() -> customizer.awaitCompletion(JOB, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(CustomizationException.class, e -> {
                    assertThat(e.status()).isEqualTo("Failed");
                    assertThat(e.resourceArn()).isEqualTo(JOB);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("failed: Validation of the training data failed: line 17 has no messages");
    }

    @Test
    void aStoppedJobIsAClearError() {
        bedrock.enqueue(customizationJob(JOB, "Stopping")).enqueue(customizationJob(JOB, "Stopped"));
        assertThatThrownBy(() -> customizer.awaitCompletion(JOB, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(CustomizationException.class, e -> assertThat(e.status()).isEqualTo("Stopped"))
                .hasMessageContaining("was stopped before it finished");
    }

    @Test
    void waitingRunsOutWhileTheJobGoesOn() {
        bedrock.respondTo(GetModelCustomizationJobRequest.class, r -> customizationJob(r.jobIdentifier(), "InProgress"));
        assertThatThrownBy(() -> customizer.withPollInterval(Duration.ofMillis(5)).awaitCompletion(JOB, Duration.ofMillis(30)))
                .isInstanceOfSatisfying(CustomizationException.class, e -> assertThat(e.status()).isEqualTo("InProgress"))
                .hasMessageContaining("is still InProgress after PT0.03S").hasMessageContaining("goes on in Bedrock");
        assertThat(bedrock.requests(GetModelCustomizationJobRequest.class)).isNotEmpty();
    }

    @Test
    void incompleteRequestsFailBeforeAnyCall() {
        assertThatThrownBy(() -> customizer.submit(request().trainingData("/local/train.jsonl").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("trainingData"))
                .hasMessageContaining("must be an s3:// URI");
        assertThatThrownBy(() -> customizer.submit(request().jobName("has spaces").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("jobName"));
        assertThatThrownBy(() -> customizer.submit(request().roleArn("BedrockRole").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("roleArn"));
        assertThatThrownBy(() -> customizer.submit(r -> r.jobName("j").customModelName("m")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("baseModel"));
        assertThat(bedrock.requests()).isEmpty();
    }

    @Test
    void serviceErrorsAreTheLibrarysExceptions() {
        bedrock.enqueue(FakeBedrockControlPlaneClient.validation("Training data exceeds the record limit"));
        assertThatThrownBy(() -> customizer.submit(request().method(CustomizationMethod.CONTINUED_PRE_TRAINING).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exceeds the record limit");
        assertThat(bedrock.lastRequest(CreateModelCustomizationJobRequest.class).customizationTypeAsString())
                .isEqualTo("CONTINUED_PRE_TRAINING");

        bedrock.enqueue(FakeBedrockControlPlaneClient.notFound("no such job"));
        assertThatThrownBy(() -> customizer.awaitCompletion(JOB, Duration.ofMinutes(1)))
                .isInstanceOf(ResourceNotFoundException.class);

        Builder denied = software.amazon.awssdk.services.bedrock.model.AccessDeniedException.builder();
        bedrock.enqueue(denied.message("not allowed").statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build());
        assertThatThrownBy(() -> customizer.status(JOB)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void provisioningThatFailsIsAClearError() {
        bedrock.enqueue(FakeBedrockControlPlaneClient.provisionedModelCreated(PROVISIONED))
                .enqueue(FakeBedrockControlPlaneClient.provisionedModel(PROVISIONED, "Failed").toBuilder()
                        .failureMessage("Insufficient capacity").build());
        assertThatThrownBy(() -> customizer.provisionThroughput(CUSTOM, "pt", 1, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(CustomizationException.class, e -> assertThat(e.resourceArn()).isEqualTo(PROVISIONED))
                .hasMessageContaining("ended Failed: Insufficient capacity");
        assertThatThrownBy(() -> customizer.provisionThroughput(CUSTOM, "pt", 0, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("modelUnits"));
    }

    @Test
    void stopsAJob() {
        bedrock.enqueue(StopModelCustomizationJobResponse.builder().build());
        customizer.stop(JOB);
        assertThat(bedrock.lastRequest(StopModelCustomizationJobRequest.class).jobIdentifier()).isEqualTo(JOB);
    }

    @Test
    void theFakeFailsLoudlyWhenUnscriptedOrMisscripted() {
        assertThatThrownBy(() -> bedrock.getModelCustomizationJob(r -> r.jobIdentifier(JOB)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no scripted response for request #1");
        bedrock.enqueue(customizationJobCreated(JOB));
        assertThatThrownBy(() -> bedrock.getModelCustomizationJob(r -> r.jobIdentifier(JOB)))
                .hasMessageContaining("next scripted entry is a CreateModelCustomizationJobResponse");
        assertThatThrownBy(() -> bedrock.enqueue("text")).isInstanceOf(IllegalArgumentException.class);
        bedrock.close();
        assertThat(bedrock.closed()).isTrue();
        assertThatThrownBy(() -> bedrock.getModelInvocationJob(r -> r.jobIdentifier("x"))).hasMessageContaining("closed");
    }

    @Test
    void theFakesJavadocExampleRuns() {
        String jobArn = JOB;
        String customModelArn = CUSTOM;
        CustomizationRequest request = request().build();
        // the example in FakeBedrockControlPlaneClient's Javadoc, as written there
        FakeBedrockControlPlaneClient bedrock = FakeBedrockControlPlaneClient.create()
                .enqueue(FakeBedrockControlPlaneClient.customizationJobCreated(jobArn))
                .enqueue(FakeBedrockControlPlaneClient.customizationJob(jobArn, "InProgress"))
                .enqueue(FakeBedrockControlPlaneClient.customizationJobCompleted(jobArn, customModelArn));

        ModelCustomizer customizer = ModelCustomizer.create(bedrock).withPollInterval(Duration.ofMillis(1));
        CustomizationJob done = customizer.awaitCompletion(customizer.submit(request).arn(), Duration.ofMinutes(1));

        assertThat(done.outputModelArn()).hasValue(customModelArn);
        assertThat(bedrock.requests(GetModelCustomizationJobRequest.class)).hasSize(2);
    }

    @Test
    void batchInferenceJobsCanBeScriptedToo() {
        String batch = "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/b1";
        bedrock.enqueue(FakeBedrockControlPlaneClient.invocationJobCreated(batch))
                .enqueue(FakeBedrockControlPlaneClient.invocationJob(batch, "Completed", null));
        assertThat(bedrock.createModelInvocationJob(r -> r.jobName("b1")).jobArn()).isEqualTo(batch);
        assertThat(bedrock.getModelInvocationJob(r -> r.jobIdentifier(batch)).statusAsString()).isEqualTo("Completed");
    }
}
