package dev.bedrock4j.evaluation.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.evaluation.customize.CustomizationException;
import dev.bedrock4j.evaluation.customize.CustomizationJob;
import dev.bedrock4j.evaluation.customize.CustomizationMethod;
import dev.bedrock4j.evaluation.customize.CustomizationRequest;
import dev.bedrock4j.evaluation.customize.DatasetCheck;
import dev.bedrock4j.evaluation.customize.DatasetFormat;
import dev.bedrock4j.evaluation.customize.DatasetLimits;
import dev.bedrock4j.evaluation.customize.DatasetProblem;
import dev.bedrock4j.evaluation.customize.ModelCustomizer;
import dev.bedrock4j.evaluation.customize.TrainingData;
import dev.bedrock4j.evaluation.customize.TrainingExample;
import dev.bedrock4j.evaluation.CaseResult;
import dev.bedrock4j.evaluation.EvalCase;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.EvalSuite;
import dev.bedrock4j.evaluation.Evaluation;
import dev.bedrock4j.evaluation.ExactMatch;
import dev.bedrock4j.evaluation.FieldAccuracy;
import dev.bedrock4j.evaluation.HumanJudgement;
import dev.bedrock4j.evaluation.JsonValidity;
import dev.bedrock4j.evaluation.LlmJudge;
import dev.bedrock4j.evaluation.Metric;
import dev.bedrock4j.evaluation.MetricSummary;
import dev.bedrock4j.evaluation.Perturbation;
import dev.bedrock4j.evaluation.PromptVariant;
import dev.bedrock4j.evaluation.Robustness;
import dev.bedrock4j.evaluation.RougeL;
import dev.bedrock4j.evaluation.RunSummary;
import dev.bedrock4j.evaluation.Sample;
import dev.bedrock4j.evaluation.TokenF1;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * The Javadoc examples of the evaluation and customization packages, compiled so that they stay
 * correct. Each method holds the snippet of the type it is named after.
 */
@SuppressWarnings("unused")
final class EvalExamples {
    private static final Logger log = LoggerFactory.getLogger(EvalExamples.class);

    // --- stand-ins for the application objects the snippets use ---
    private Bedrock bedrock;
    private Evaluation evaluation;
    private EvalReport report;
    private EvalSuite suite;
    private PromptVariant jsonOnly;
    private ModelCustomizer customizer;
    private CustomizationJob job;
    private String jobArn;
    private List<TrainingExample> examples;
    private DatasetCheck check;

    void caseResult() {
        for (CaseResult result : report.results()) {
            System.out.println(result.caseId() + " " + result.model() + " " + result.score("field_accuracy"));
        }
    }

    void evalCase() {
        EvalCase invoice = EvalCase.builder("inv-001")
                .input("Invoice 4411 from ACME Corp, total 120.50 EUR, due 2024-07-01.")
                .expected("{\"vendor\":\"ACME Corp\",\"total\":120.50,\"currency\":\"EUR\"}")
                .tags("invoice", "eur")
                .build();
    }

    void evalReport() {
        EvalReport report = evaluation.run();
        System.out.println(report.toTable());
        report.writeHtml(Path.of("eval.html"));
        RunSummary winner = report.ranking("field_accuracy").get(0);
        List<CaseResult> worst = report.worstCases(winner.model(), winner.variant(), "field_accuracy", 5);
    }

    void evalSuite() {
        EvalSuite suite = EvalSuite.fromJsonl(Path.of("extraction-suite.jsonl"));
        EvalSuite invoices = suite.withTag("invoice");
    }

    void evaluation() {
        EvalReport report = Evaluation.builder(EvalSuite.fromJsonl(Path.of("extraction.jsonl")))
                .model(bedrock.chat("amazon.nova-lite-v1:0"))
                .model("claude-haiku", bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0"))
                .variant(PromptVariant.withSystem("json-only", "Extract vendor, total and currency. Reply with JSON only."))
                .metrics(JsonValidity.strict(), FieldAccuracy.all(), Robustness.of(FieldAccuracy.all()))
                .maxConcurrency(8)
                .build()
                .run();
        System.out.println(report.toTable());
    }

    void metrics() {
        Metric exact = ExactMatch.normalized();
        Metric allFields = FieldAccuracy.all();                 // field_accuracy
        Metric vendor = FieldAccuracy.field("vendor");           // field:vendor, 1 or 0 per case
        Metric money = FieldAccuracy.of("total", "currency");    // field_accuracy(total,currency)
        Metric valid = JsonValidity.strict();
        Metric faithful = LlmJudge.of(bedrock.chat("anthropic.claude-3-5-sonnet-20241022-v2:0"), "faithfulness",
                "The summary states only facts found in the input and leaves out nothing a reader needs.");
        Metric shortEnough = Metric.of("under_50_words", s -> s.output().split("\\s+").length <= 50 ? 1 : 0);
        Metric robust = Robustness.of(FieldAccuracy.all());    // robustness(field_accuracy): 3 copies, seed 42
        Metric typosOnly = Robustness.of(ExactMatch.normalized(), 5, 7L, Perturbation.TYPOS);
        Metric rouge = RougeL.create();
        Metric f1 = TokenF1.create();
    }

    void humanJudgement() {
        EvalReport report = evaluation.run();
        report.writeRatingSheet(Path.of("to-rate.csv"));
        // ... reviewers fill in the rating column ...
        EvalReport rated = report.withMetric(HumanJudgement.fromCsv(Path.of("to-rate.csv")));
    }

    void metricSummary() {
        MetricSummary f1 = report.runs().get(0).metric("token_f1");
        System.out.printf("%.2f [%.2f, %.2f] over %d cases%n", f1.mean(), f1.low(), f1.high(), f1.n());
    }

    void perturbation() {
        String noisy = Perturbation.TYPOS.apply("Invoice from ACME Corporation", 7);   // e.g. "Invoice from ACME Corpoartion"
    }

    void promptVariant() {
        PromptVariant terse = PromptVariant.withSystem("terse", "Reply with JSON only.");
        PromptVariant fewShot = PromptVariant.of("few-shot", c -> ChatRequest.builder()
                .system("Extract vendor, total and currency as JSON.")
                .user("Invoice 17 from Initech, 99 USD.").assistant("{\"vendor\":\"Initech\",\"total\":99,\"currency\":\"USD\"}")
                .user(c.input())
                .build());
    }

    void runSummary() {
        RunSummary best = report.ranking("field_accuracy").get(0);
        System.out.println(best.model() + " / " + best.variant() + ": " + best.mean("field_accuracy"));
    }

    void sample() {
        Sample sample = Sample.of(EvalCase.of("q1", "Capital of France?", "Paris"), "paris");
        double score = ExactMatch.normalized().score(sample);   // 1.0
    }

    void customizationException() {
        try {
            customizer.awaitCompletion(job.arn(), Duration.ofHours(8));
        } catch (CustomizationException e) {
            log.error("{} ended {}: {}", e.resourceArn(), e.status(), e.getMessage());
        }
    }

    void customizationJob() {
        CustomizationJob done = customizer.awaitCompletion(job.arn(), Duration.ofHours(8));
        String customModelArn = done.outputModelArn().orElseThrow();
    }

    void customizationMethod() {
        CustomizationRequest.Builder request = CustomizationRequest.builder().method(CustomizationMethod.CONTINUED_PRE_TRAINING);
    }

    void customizationRequest() {
        CustomizationRequest request = CustomizationRequest.builder()
                .jobName("invoice-extractor-2024-06-01")
                .customModelName("invoice-extractor-v2")
                .baseModel("anthropic.claude-3-haiku-20240307-v1:0:200k")
                .roleArn("arn:aws:iam::123456789012:role/BedrockCustomization")
                .trainingData("s3://my-bucket/extraction/train.jsonl")
                .validationData("s3://my-bucket/extraction/validation.jsonl")
                .outputData("s3://my-bucket/extraction/output/")
                .hyperParameter("epochCount", "2")
                .build();
    }

    void customizationStatus() {
        boolean finished = customizer.status(jobArn).status().isTerminal();
    }

    void datasetCheck() {
        DatasetCheck check = TrainingData.check(DatasetFormat.CONVERSATION, DatasetLimits.claude3Haiku(),
                Path.of("train.jsonl"), Path.of("validation.jsonl"));
        check.orThrow();   // before uploading
    }

    void datasetFormat() {
        TrainingData.write(examples, DatasetFormat.CONVERSATION, Path.of("train.jsonl"));
    }

    void datasetLimits() {
        DatasetLimits haiku = DatasetLimits.claude3Haiku();
        DatasetLimits titan = DatasetLimits.forModel("amazon.titan-text-express-v1", CustomizationMethod.FINE_TUNING)
                .withMaxRecords(20_000, 2_000, 20_000);
    }

    void datasetProblem() {
        for (DatasetProblem problem : check.problems()) {
            System.err.println(problem);   // train.jsonl line 17: "completion" is missing
        }
    }

    void modelCustomizer() {
        ModelCustomizer customizer = ModelCustomizer.create(BedrockClient.create());
        CustomizationJob job = customizer.submit(r -> r
                .jobName("invoice-extractor-2024-06-01").customModelName("invoice-extractor-v2")
                .baseModel("anthropic.claude-3-haiku-20240307-v1:0:200k")
                .roleArn("arn:aws:iam::123456789012:role/BedrockCustomization")
                .trainingData("s3://my-bucket/extraction/train.jsonl")
                .outputData("s3://my-bucket/extraction/output/"));
        CustomizationJob done = customizer.awaitCompletion(job.arn(), Duration.ofHours(8));
        String provisioned = customizer.provisionThroughput(done.outputModelArn().orElseThrow(), "invoice-extractor-v2-pt",
                1, Duration.ofMinutes(30));
        ChatModel tuned = bedrock.chat(provisioned);   // evaluate it with the same suite as the base models
    }

    void trainingData() {
        List<TrainingExample> examples = suite.cases().stream().map(c -> TrainingExample.fromCase(c, jsonOnly)).toList();
        TrainingData.Split split = TrainingData.split(examples, 0.1, 42);
        TrainingData.write(split.training(), DatasetFormat.CONVERSATION, Path.of("train.jsonl"));
        TrainingData.write(split.validation(), DatasetFormat.CONVERSATION, Path.of("validation.jsonl"));
        TrainingData.check(DatasetFormat.CONVERSATION, DatasetLimits.claude3Haiku(),
                Path.of("train.jsonl"), Path.of("validation.jsonl")).orThrow();
        // upload both files to S3, then submit a job with ModelCustomizer
    }

    void trainingExample() {
        TrainingExample example = TrainingExample.of("Extract vendor and total as JSON.",
                "Invoice 4411 from ACME Corp, total 120.50 EUR.", "{\"vendor\":\"ACME Corp\",\"total\":120.50}");
        TrainingExample fromSuite = TrainingExample.fromCase(suite.cases().get(0), jsonOnly);   // same prompt as evaluated
    }
}
