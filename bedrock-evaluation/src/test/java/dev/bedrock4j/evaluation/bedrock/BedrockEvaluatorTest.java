package dev.bedrock4j.evaluation.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.evaluation.EvalCase;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.EvalSuite;
import dev.bedrock4j.evaluation.Evaluation;
import dev.bedrock4j.evaluation.ExactMatch;
import dev.bedrock4j.evaluation.RunSummary;
import dev.bedrock4j.evaluation.Toxicity;
import dev.bedrock4j.testkit.FakeBedrockControlPlaneClient;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.FakeEvaluationOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.bedrock.model.CreateEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.GetEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.ListEvaluationJobsRequest;
import software.amazon.awssdk.services.bedrock.model.StopEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.StopEvaluationJobResponse;

class BedrockEvaluatorTest {
    static final String ARN = "arn:aws:bedrock:us-east-1:123456789012:evaluation-job/abc123def456";
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final EvalSuite SUITE = EvalSuite.of("capitals",
            EvalCase.of("fr", "What is the capital of France?", "Paris"),
            EvalCase.of("de", "What is the capital of Germany?", "Berlin"));

    private final FakeBedrockControlPlaneClient bedrock = FakeBedrockControlPlaneClient.create();
    private final BedrockEvaluator evaluator = BedrockEvaluator.create(bedrock).withPollInterval(Duration.ofMillis(1));

    static EvaluationJobRequest.Builder automated() {
        return EvaluationJobRequest.builder()
                .jobName("capitals-haiku-1")
                .roleArn("arn:aws:iam::123456789012:role/BedrockEvaluation")
                .model(HAIKU)
                .dataset(DatasetMetrics.of(EvaluationTask.QUESTION_AND_ANSWER,
                        EvaluationDataset.s3("capitals", "s3://my-bucket/eval/capitals.jsonl"),
                        BuiltinMetric.ACCURACY, BuiltinMetric.ROBUSTNESS, BuiltinMetric.TOXICITY))
                .outputData("s3://my-bucket/eval/output/");
    }

    @Test
    void anAutomaticJobIsSubmittedAsTheServiceModelHasIt() {
        bedrock.enqueue(FakeBedrockControlPlaneClient.evaluationJobCreated(ARN));

        EvaluationJob job = evaluator.submit(automated().description("capitals").clientRequestToken("token-1").build());

        assertThat(job.arn()).isEqualTo(ARN);
        assertThat(job.status()).isEqualTo(EvaluationJobStatus.IN_PROGRESS);
        CreateEvaluationJobRequest sent = bedrock.lastRequest(CreateEvaluationJobRequest.class);
        assertThat(sent.jobName()).isEqualTo("capitals-haiku-1");
        assertThat(sent.jobDescription()).isEqualTo("capitals");
        assertThat(sent.clientRequestToken()).isEqualTo("token-1");
        assertThat(sent.evaluationConfig().human()).isNull();
        var config = sent.evaluationConfig().automated().datasetMetricConfigs().get(0);
        assertThat(config.taskTypeAsString()).isEqualTo("QuestionAndAnswer");
        assertThat(config.dataset().name()).isEqualTo("capitals");
        assertThat(config.dataset().datasetLocation().s3Uri()).isEqualTo("s3://my-bucket/eval/capitals.jsonl");
        assertThat(config.metricNames()).containsExactly("Builtin.Accuracy", "Builtin.Robustness", "Builtin.Toxicity");
        assertThat(sent.inferenceConfig().models()).extracting(m -> m.bedrockModel().modelIdentifier())
                .containsExactly(HAIKU);
        assertThat(sent.outputDataConfig().s3Uri()).isEqualTo("s3://my-bucket/eval/output/");
    }

    @Test
    void aHumanJobCarriesItsWorkTeamAndMetrics() {
        bedrock.enqueue(FakeBedrockControlPlaneClient.evaluationJobCreated(ARN));
        evaluator.submit(r -> r.jobName("capitals-human").roleArn("arn:aws:iam::123456789012:role/Eval")
                .model(HAIKU).model("amazon.nova-lite-v1:0")
                .dataset(DatasetMetrics.named(EvaluationTask.GENERATION, EvaluationDataset.s3("capitals",
                        "s3://my-bucket/eval/capitals.jsonl"), "Helpfulness"))
                .outputData("s3://my-bucket/eval/output")
                .human("arn:aws:sagemaker:us-east-1:123456789012:flow-definition/eval-team", "Rate each answer.",
                        new HumanMetric("Helpfulness", "Does it answer?", HumanMetric.INDIVIDUAL_LIKERT_SCALE)));

        var human = bedrock.lastRequest(CreateEvaluationJobRequest.class).evaluationConfig().human();
        assertThat(human.humanWorkflowConfig().flowDefinitionArn()).endsWith("flow-definition/eval-team");
        assertThat(human.humanWorkflowConfig().instructions()).isEqualTo("Rate each answer.");
        assertThat(human.customMetrics()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("Helpfulness");
            assertThat(m.ratingMethod()).isEqualTo("IndividualLikertScale");
        });
    }

    @Test
    void badRequestsFailBeforeAnyCallNamingTheField() {
        List<Consumer<EvaluationJobRequest.Builder>> broken = List.of(
                b -> b.jobName("Capitals_Haiku"),
                b -> b.jobName("-capitals"),
                b -> b.jobName("x".repeat(64)),
                b -> b.roleArn("arn:aws:iam::123456789012:user/me"),
                b -> b.model("anthropic.claude-3-haiku-20240307-v1:0").model("amazon.nova-lite-v1:0"),
                b -> b.outputData("https://my-bucket/eval/"),
                b -> b.outputData("s3://My_Bucket/eval/"),
                b -> b.description(""),
                b -> b.dataset(DatasetMetrics.named(EvaluationTask.GENERATION, EvaluationDataset.builtin("Builtin.Bold"),
                        "Helpfulness")));
        for (Consumer<EvaluationJobRequest.Builder> change : broken) {
            EvaluationJobRequest.Builder builder = automated();
            change.accept(builder);
            assertThatThrownBy(() -> evaluator.submit(builder.build())).isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> evaluator.submit(EvaluationJobRequest.builder().jobName("x")
                .roleArn("arn:aws:iam::123456789012:role/Eval").model("Anthropic.Claude-3-Haiku-20240307-v1:0")
                .dataset(DatasetMetrics.of(EvaluationTask.GENERATION, EvaluationDataset.builtin("Builtin.Bold"),
                        BuiltinMetric.TOXICITY)).outputData("s3://b-1/out").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("did you mean")
                .hasMessageContaining(HAIKU);
        assertThatThrownBy(() -> evaluator.submit(automated().model("amazon.titan-embed-text-v2:0").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> EvaluationDataset.s3("capitals", "")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> EvaluationDataset.builtin("bad name")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> DatasetMetrics.of(EvaluationTask.GENERATION, EvaluationDataset.builtin("Builtin.Bold")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 to 25");
        assertThatThrownBy(() -> new HumanMetric("Helpfulness", "", "FiveStars"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("rating method");
        InvalidRequestException named = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
                () -> evaluator.submit(automated().jobName("Bad").build()));
        assertThat(named.field()).hasValue("jobName");
        assertThat(bedrock.requests(CreateEvaluationJobRequest.class)).isEmpty();
    }

    @Test
    void pollingEndsWhenTheJobCompletesFailsOrIsStopped() {
        bedrock.enqueue(FakeBedrockControlPlaneClient.evaluationJob(ARN, "InProgress"))
                .enqueue(FakeBedrockControlPlaneClient.throttling())
                .enqueue(FakeBedrockControlPlaneClient.evaluationJob(ARN, "Completed"));
        assertThat(evaluator.awaitCompletion(ARN, Duration.ofMinutes(1)).status()).isEqualTo(EvaluationJobStatus.COMPLETED);
        assertThat(bedrock.requests(GetEvaluationJobRequest.class)).hasSize(3);

        bedrock.enqueue(FakeBedrockControlPlaneClient.evaluationJobFailed(ARN, "The dataset has no prompt field."));
        assertThatThrownBy(() -> evaluator.awaitCompletion(ARN, Duration.ofMinutes(1)))
                .isInstanceOf(EvaluationJobException.class).hasMessageContaining("The dataset has no prompt field.")
                .satisfies(e -> assertThat(((EvaluationJobException) e).status()).isEqualTo("Failed"));

        bedrock.enqueue(FakeBedrockControlPlaneClient.evaluationJob(ARN, "Stopped"));
        assertThatThrownBy(() -> evaluator.awaitCompletion(ARN, Duration.ofMinutes(1)))
                .isInstanceOf(EvaluationJobException.class).hasMessageContaining("Stopped");

        bedrock.respondTo(GetEvaluationJobRequest.class, r -> FakeBedrockControlPlaneClient.evaluationJob(ARN, "InProgress"));
        assertThatThrownBy(() -> evaluator.awaitCompletion(ARN, Duration.ofMillis(20)))
                .isInstanceOf(EvaluationJobException.class).hasMessageContaining("still InProgress");
    }

    @Test
    void jobsAreListedAcrossPagesAndStopped() {
        bedrock.enqueue(FakeBedrockControlPlaneClient.evaluationJobs("page-2", ARN, "InProgress"))
                .enqueue(FakeBedrockControlPlaneClient.evaluationJobs(null, ARN + "2", "Completed"))
                .enqueue(StopEvaluationJobResponse.builder().build())
                .enqueue(FakeBedrockControlPlaneClient.throttling());

        assertThat(evaluator.list()).extracting(EvaluationJob::status)
                .containsExactly(EvaluationJobStatus.IN_PROGRESS, EvaluationJobStatus.COMPLETED);
        assertThat(bedrock.requests(ListEvaluationJobsRequest.class)).extracting(ListEvaluationJobsRequest::nextToken)
                .containsExactly(null, "page-2");
        evaluator.stop(ARN);
        assertThat(bedrock.lastRequest(StopEvaluationJobRequest.class).jobIdentifier()).isEqualTo(ARN);
        assertThatThrownBy(() -> evaluator.stop(ARN)).isInstanceOf(ThrottledException.class);
    }

    @Test
    void aSuiteBecomesAPromptDatasetWithinTheLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("capitals.jsonl");
        BedrockEvaluator.writeDataset(EvalSuite.of("tagged", EvalCase.builder("fr").input("Capital of France?")
                .expected("Paris").tags("geo").build()), file);
        assertThat(Files.readString(file)).isEqualTo(
                "{\"prompt\":\"Capital of France?\",\"referenceResponse\":\"Paris\",\"category\":\"geo\"}\n");
        assertThat(BedrockEvaluator.checkDataset(file)).isEqualTo(1);

        List<EvalCase> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add(EvalCase.of("c" + i, "question " + i, "answer"));
        }
        assertThatThrownBy(() -> BedrockEvaluator.writeDataset(EvalSuite.of("big", many), dir.resolve("big.jsonl")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1001 cases").hasMessageContaining("1000");
        assertThat(dir.resolve("big.jsonl")).doesNotExist();

        Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\":\"ok\"}\n{\"referenceResponse\":\"no prompt\"}\n");
        assertThatThrownBy(() -> BedrockEvaluator.checkDataset(dir.resolve("bad.jsonl")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("line 2");
        Files.writeString(dir.resolve("long.jsonl"), "{\"prompt\":\"p\"}\n".repeat(1001));
        assertThatThrownBy(() -> BedrockEvaluator.checkDataset(dir.resolve("long.jsonl")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("more than 1000");
    }

    @Test
    void bedrocksResultsSitNextToTheLocalRunInOneReport(@TempDir Path dir) {
        FakeChatModel local = FakeChatModel.create("fake.local-v1")
                .respondWith(r -> ChatResponse.builder().text(r.lastUserText().contains("France") ? "Paris" : "Bonn").build());
        EvalReport localReport = Evaluation.builder(SUITE).model(local)
                .metrics(ExactMatch.normalized(), Toxicity.classifiedBy(text -> 0.0)).build().run();
        Path output = FakeEvaluationOutput.automated(HAIKU, "QuestionAndAnswer", "capitals")
                .answer("What is the capital of France?", "Paris", "Paris.", Map.of("Accuracy", 0.9, "Toxicity", 0.02))
                .answer("What is the capital of Germany?", "Berlin", "Berlin.", Map.of("Accuracy", 0.7, "Toxicity", 0.04,
                        "Robustness", 0.1))
                .writeTo(dir.resolve("capitals-haiku-1/uuid"));

        EvalReport both = BedrockEvaluator.results(localReport, dir);

        assertThat(both.runs()).extracting(RunSummary::model).containsExactly("fake.local-v1", HAIKU + " (Bedrock)");
        RunSummary bedrockRun = both.run(HAIKU + " (Bedrock)", BedrockEvaluator.VARIANT);
        assertThat(bedrockRun.mean("toxicity")).isCloseTo(0.97, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bedrockRun.mean("accuracy")).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(both.results(HAIKU + " (Bedrock)", "bedrock")).extracting(r -> r.caseId()).containsExactly("fr", "de");
        assertThat(both.run("fake.local-v1", "as-is").mean("toxicity")).isEqualTo(1.0);
        assertThat(both.metrics()).contains("toxicity", "accuracy", "robustness");
        assertThat(both.toHtml()).contains("fake.local-v1").contains(HAIKU + " (Bedrock)");
        assertThat(output).exists();

        EvalReport alone = BedrockEvaluator.results(dir);
        assertThat(alone.suite().cases()).extracting(EvalCase::id).containsExactly("p1", "p2");
        assertThat(alone.runs()).hasSize(1);

        EvalSuite other = EvalSuite.of("other", EvalCase.of("x", "Something else?", "y"));
        assertThatThrownBy(() -> BedrockEvaluator.results(EvalReport.of(other), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no input of suite other");
        assertThatThrownBy(() -> BedrockEvaluator.results(dir.resolve("missing")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void humanRatingsAreAveragedAndScaled(@TempDir Path dir) {
        FakeEvaluationOutput.human(HAIKU, "capitals")
                .rated("What is the capital of France?", "Paris.", HumanMetric.INDIVIDUAL_LIKERT_SCALE,
                        Map.of("Helpfulness", 5.0))
                .rated("What is the capital of Germany?", "Bonn.", HumanMetric.THUMBS_UP_DOWN, Map.of("Correct", 0.0))
                .writeTo(dir);

        EvalReport report = BedrockEvaluator.results(EvalReport.of(SUITE), dir);

        RunSummary run = report.runs().get(0);
        assertThat(run.mean("Helpfulness")).isEqualTo(1.0);
        assertThat(run.mean("Correct")).isEqualTo(0.0);
    }
}
