package dev.bedrock4j.evaluation;

import static dev.bedrock4j.evaluation.Invoices.SUITE;
import static dev.bedrock4j.evaluation.Invoices.caseFor;
import static dev.bedrock4j.evaluation.Invoices.good;
import static dev.bedrock4j.evaluation.Invoices.rightAnswer;
import static dev.bedrock4j.evaluation.Invoices.worse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.ModelPrice;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.FakeChatModel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    static Evaluation.Builder evaluation(FakeChatModel... models) {
        Evaluation.Builder builder = Evaluation.builder(SUITE).metrics(FieldAccuracy.all(), JsonValidity.strict())
                .prices(PriceTable.empty()
                        .with("fake.good-v1", ModelPrice.perThousand("0.001", "0.002"))
                        .with("fake.worse-v1", ModelPrice.perThousand("0.0001", "0.0002")));
        for (FakeChatModel model : models) {
            builder.model(model);
        }
        return builder;
    }

    @Test
    void twoFakeModelsAreRankedByTheirScores() {
        FakeChatModel good = good();
        FakeChatModel worse = worse();

        EvalReport report = evaluation(worse, good).maxConcurrency(3).build().run();

        assertThat(report.ranking()).extracting(RunSummary::model).containsExactly("fake.good-v1", "fake.worse-v1");
        RunSummary best = report.run("fake.good-v1", "as-is");
        assertThat(best.mean("field_accuracy")).isEqualTo(1.0);
        assertThat(best.mean("json_valid")).isEqualTo(1.0);
        RunSummary second = report.run("fake.worse-v1", "as-is");
        // USD invoices inv-2 and inv-3 get 2 of 3 fields; inv-6 (prose) gets none; the other three get all
        assertThat(second.mean("field_accuracy")).isCloseTo((3 + 2.0 / 3 + 2.0 / 3 + 0) / 6, within(1e-9));
        assertThat(second.mean("json_valid")).isCloseTo(5.0 / 6, within(1e-9));
        MetricSummary f = second.metric("field_accuracy");
        assertThat(f.n()).isEqualTo(6);
        assertThat(f.low()).isLessThanOrEqualTo(f.mean());
        assertThat(f.high()).isGreaterThanOrEqualTo(f.mean()).isLessThanOrEqualTo(1.0);
        assertThat(report.worstCases("fake.worse-v1", "as-is", "field_accuracy", 3)).extracting(CaseResult::caseId)
                .containsExactly("inv-6", "inv-2", "inv-3");

        assertThat(good.requestCount()).isEqualTo(6);
        assertThat(worse.requestCount()).isEqualTo(6);
        assertThat(report.results()).hasSize(12);
        assertThat(best.usage()).isEqualTo(Usage.of(600, 120));
        // 600 input tokens at $0.001/1k + 120 output at $0.002/1k
        assertThat(best.cost()).isEqualByComparingTo("0.00084");
        assertThat(report.totalCost()).isEqualByComparingTo(best.cost().add(second.cost()));
        assertThat(report.intervalMethod()).isEqualTo("95% bootstrap percentile interval of the mean (1000 resamples, seed 42)");
    }

    @Test
    void theSameScoresGiveTheSameIntervals() {
        EvalReport a = evaluation(worse()).build().run();
        EvalReport b = evaluation(worse()).build().run();
        assertThat(b.runs().get(0).metrics()).isEqualTo(a.runs().get(0).metrics());
    }

    @Test
    void everyModelRunsWithEveryPromptVariant() {
        FakeChatModel good = good();
        EvalReport report = evaluation(good)
                .variant(PromptVariant.asIs())
                .variant(PromptVariant.withSystem("json-only", "Reply with JSON only."))
                .build().run();
        assertThat(report.runs()).extracting(r -> r.model() + "/" + r.variant())
                .containsExactly("fake.good-v1/as-is", "fake.good-v1/json-only");
        assertThat(good.requests()).hasSize(12);
        assertThat(good.requests().stream().filter(r -> !r.system().isEmpty())).hasSize(6);
        assertThat(report.results("fake.good-v1", "json-only")).extracting(CaseResult::caseId)
                .containsExactly("inv-1", "inv-2", "inv-3", "inv-4", "inv-5", "inv-6");
    }

    @Test
    void customAndProvisionedModelArnsAreEvaluatedLikeBaseModels() {
        String provisioned = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123xyz";
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
        sdk.onConverse(request -> FakeBedrockRuntimeClient.converseText(
                caseFor(ChatRequest.of(request.messages().get(0).content().get(0).text())).expected().orElseThrow()));
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build();

        EvalReport report = Evaluation.builder(SUITE).model("fine-tuned", bedrock.chat(provisioned))
                .metrics(FieldAccuracy.all()).build().run();

        assertThat(report.run("fine-tuned", "as-is").modelId()).isEqualTo(provisioned);
        assertThat(report.run("fine-tuned", "as-is").mean("field_accuracy")).isEqualTo(1.0);
        assertThat(sdk.converseRequests()).hasSize(6).allSatisfy(r -> assertThat(r.modelId()).isEqualTo(provisioned));
    }

    @Test
    void failedCallsScoreZeroAndAreCountedAndTheEvaluationNeverRetriesThem() {
        // a fake has no resilience of its own: whatever it throws is what the evaluation sees
        FakeChatModel flaky = FakeChatModel.create("fake.good-v1");
        flaky.enqueueError(new ThrottledException("slow down"));
        flaky.enqueueError(new InvalidRequestException("messages", "too long"));
        flaky.respondWith(r -> ChatResponse.builder().text(rightAnswer(r)).usage(Usage.of(100, 20)).build());

        EvalReport report = evaluation(flaky).maxConcurrency(1).build().run();

        assertThat(flaky.requestCount()).as("one call per case: the throttled one was not retried").isEqualTo(6);
        RunSummary run = report.runs().get(0);
        assertThat(run.cases()).isEqualTo(6);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.mean("field_accuracy")).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(run.metric("field_accuracy").n()).as("failed cases count, as zeros").isEqualTo(6);
        assertThat(run.usage()).isEqualTo(Usage.of(400, 80));
        assertThat(report.results()).extracting(CaseResult::caseId)
                .containsExactly("inv-1", "inv-2", "inv-3", "inv-4", "inv-5", "inv-6");
        CaseResult throttled = report.results().get(0);
        assertThat(throttled.error()).hasValue("ThrottledException: slow down");
        assertThat(report.results().get(1).error().orElseThrow()).startsWith("InvalidRequestException: too long");
        for (CaseResult failed : report.results().subList(0, 2)) {
            assertThat(failed.scores()).containsEntry("field_accuracy", 0.0).containsEntry("json_valid", 0.0);
            assertThat(failed.metricErrors()).isEmpty();
            assertThat(failed.output()).isEmpty();
            assertThat(failed.usage()).isEqualTo(Usage.ZERO);
            assertThat(failed.cost()).isEqualByComparingTo("0");
            assertThat(failed.latency()).isEqualTo(Duration.ZERO);
        }
        assertThat(report.results().subList(2, 6)).allSatisfy(r -> assertThat(r.error()).isEmpty());
    }

    @Test
    void aModelThatAlwaysFailsFailsEachCaseAfterOneCallAndTheReportStillRenders() {
        FakeChatModel down = FakeChatModel.create("fake.worse-v1");
        down.respondWith(r -> {
            throw new ThrottledException("Too many requests, please wait before trying again.");
        });
        FakeChatModel good = good();

        EvalReport report = evaluation(down, good).maxConcurrency(4).build().run();

        assertThat(down.requestCount()).isEqualTo(6);
        assertThat(good.requestCount()).isEqualTo(6);
        RunSummary failing = report.run("fake.worse-v1", "as-is");
        assertThat(failing.failed()).isEqualTo(6);
        assertThat(failing.mean("field_accuracy")).isEqualTo(0.0);
        assertThat(failing.usage()).isEqualTo(Usage.ZERO);
        assertThat(failing.cost()).isEqualByComparingTo("0");
        assertThat(report.results("fake.worse-v1", "as-is"))
                .allSatisfy(r -> assertThat(r.error()).hasValue("ThrottledException: Too many requests, please wait before trying again."));
        assertThat(report.ranking()).extracting(RunSummary::model).containsExactly("fake.good-v1", "fake.worse-v1");
        assertThat(report.toTable()).contains("fake.worse-v1");
        assertThat(report.toMarkdown()).contains("fake.worse-v1");
        assertThat(report.toHtml()).contains("<td>fake.worse-v1</td>").doesNotContain("NaN");
    }

    @Test
    void failingJudgeAndRobustnessCallsAreMetricErrorsAndAreNotRetried() {
        // the candidate answers the cases as written, but is throttled on every perturbed copy
        FakeChatModel candidate = FakeChatModel.create("fake.good-v1");
        candidate.respondWith(r -> {
            EvalCase c = caseFor(r);
            if (!r.lastUserText().equals(c.input())) {
                throw new ThrottledException("slow down");
            }
            return ChatResponse.ofText(c.expected().orElseThrow());
        });
        FakeChatModel judge = FakeChatModel.create("fake.judge-v1");
        judge.respondWith(r -> {
            throw new ThrottledException("judge throttled");
        });

        EvalReport report = Evaluation.builder(SUITE).model(candidate)
                .metrics(FieldAccuracy.all(), Robustness.of(FieldAccuracy.all()),
                        LlmJudge.of(judge, "format", "Valid JSON with vendor, total and currency."))
                .build().run();

        assertThat(judge.requestCount()).as("one judge call per case").isEqualTo(6);
        assertThat(candidate.requestCount()).as("one answer and one (failed) perturbed copy per case")
                .isEqualTo(6 * 2);
        RunSummary run = report.runs().get(0);
        assertThat(run.failed()).as("the answers themselves succeeded").isZero();
        assertThat(run.mean("field_accuracy")).isEqualTo(1.0);
        assertThat(run.metric("robustness(field_accuracy)").errors()).isEqualTo(6);
        assertThat(run.metric("judge:format").errors()).isEqualTo(6);
        assertThat(run.metric("judge:format").n()).isZero();
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.metricErrors()).containsEntry("judge:format", "ThrottledException: judge throttled")
                    .containsEntry("robustness(field_accuracy)", "ThrottledException: slow down");
            assertThat(r.scores()).containsOnlyKeys("field_accuracy");
        });
    }

    @Test
    void metricErrorsAreRecordedNotFatal() {
        EvalReport report = Evaluation.builder(SUITE).model(good())
                .metrics(FieldAccuracy.all(), dev.bedrock4j.evaluation.Metric.of("picky", s -> {
                    if (s.evalCase().id().equals("inv-2")) {
                        throw new IllegalStateException("cannot score inv-2");
                    }
                    return s.evalCase().id().equals("inv-3") ? 1.5 : 1;
                }))
                .build().run();
        MetricSummary picky = report.runs().get(0).metric("picky");
        assertThat(picky.n()).isEqualTo(4);
        assertThat(picky.errors()).isEqualTo(2);
        assertThat(report.results().get(1).metricErrors()).containsEntry("picky", "IllegalStateException: cannot score inv-2");
        assertThat(report.results().get(2).metricErrors().get("picky")).contains("outside 0..1");
    }

    @Test
    void robustnessAndJudgeCallsGoThroughTheEvaluation() {
        // right only when the invoice text arrives exactly as written
        FakeChatModel brittle = FakeChatModel.create("fake.worse-v1");
        brittle.respondWith(r -> {
            EvalCase c = caseFor(r);
            return ChatResponse.builder().usage(Usage.of(10, 10))
                    .text(r.lastUserText().equals(c.input()) ? c.expected().orElseThrow() : "{}").build();
        });
        FakeChatModel judge = FakeChatModel.create("fake.judge-v1");
        judge.respondWith(r -> ChatResponse.builder().text("{\"score\": 5, \"reason\": \"ok\"}").usage(Usage.of(50, 5)).build());

        EvalReport report = Evaluation.builder(SUITE).model(brittle)
                .metrics(FieldAccuracy.all(), Robustness.of(FieldAccuracy.all()),
                        LlmJudge.of(judge, "format", "Valid JSON with vendor, total and currency."))
                .prices(PriceTable.empty().with("fake.judge-v1", ModelPrice.perThousand("1", "1"))
                        .with("fake.worse-v1", ModelPrice.perThousand("0", "0")))
                .build().run();

        RunSummary run = report.runs().get(0);
        assertThat(run.mean("field_accuracy")).isEqualTo(1.0);
        assertThat(run.mean("robustness(field_accuracy)")).isEqualTo(0.0);
        assertThat(run.mean("judge:format")).isEqualTo(1.0);
        assertThat(brittle.requestCount()).isEqualTo(6 * (1 + 3));
        assertThat(report.results()).allSatisfy(r -> assertThat(r.metricErrors()).isEmpty());
        assertThat(judge.requestCount()).isEqualTo(6);
        assertThat(judge.lastRequest().lastUserText()).contains("<rubric>").contains("<answer>");
        // the answers' own usage excludes metric calls; the total includes them
        assertThat(run.usage()).isEqualTo(Usage.of(60, 60));
        assertThat(report.totalUsage()).isEqualTo(Usage.of(60 + 180 + 300, 60 + 180 + 30));
        assertThat(report.totalCost()).isEqualByComparingTo(new BigDecimal("0.33"));   // 330 judge tokens at $1/1k
    }

    @Test
    void reportsRenderTheTableWorstCasesAndChartData(@TempDir Path dir) throws Exception {
        EvalReport report = evaluation(good(), worse()).build().run();

        String table = report.toTable();
        assertThat(table).contains("invoices: 6 cases, ranked by field_accuracy")
                .contains("model", "variant", "field_accuracy", "json_valid", "failed", "cost $")
                .contains("1.00 [1.00, 1.00]");
        assertThat(table.indexOf("fake.good-v1")).isLessThan(table.indexOf("fake.worse-v1"));

        String markdown = report.toMarkdown();
        assertThat(markdown).contains("| model | variant | field_accuracy | json_valid |")
                .contains("## Worst cases by `field_accuracy`")
                .contains("- `inv-6` 0.00: The vendor is Stark Industries.");

        Path html = dir.resolve("report.html");
        report.writeHtml(html);
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<table id=\"eval-table\">")
                .contains("<td>fake.worse-v1</td>").contains("<svg id=\"eval-chart\"")
                .doesNotContain("<script src").doesNotContain("<link").doesNotContain("https://");
        assertThat(Pattern.compile("<rect class=\"bar\"").matcher(page).results().count()).isEqualTo(4);
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"eval-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(data.find()).isTrue();
        JsonNode json = JsonSupport.parse(data.group(1));
        assertThat(json.get("metrics")).hasSize(2);
        assertThat(json.get("runs")).hasSize(2);
        JsonNode worseRun = json.get("runs").get(1);
        assertThat(worseRun.get("model").asText()).isEqualTo("fake.worse-v1");
        assertThat(worseRun.at("/metrics/json_valid/mean").asDouble()).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(worseRun.at("/metrics/json_valid/low").isNumber()).isTrue();
    }

    @Test
    void peoplesRatingsComeBackAsAMetric(@TempDir Path dir) throws Exception {
        EvalReport report = evaluation(good(), worse()).build().run();
        Path sheet = dir.resolve("to-rate.csv");
        report.writeRatingSheet(sheet);

        List<List<String>> rows = HumanJudgementTest.readCsv(Files.readString(sheet));
        assertThat(rows.get(0)).containsExactly("case_id", "model", "variant", "tags", "input", "expected", "output",
                "rating", "comment");
        assertThat(rows).hasSize(13);
        // reviewers rate the good model's answers 5 and the worse model's 2, and leave inv-6 unrated
        List<List<String>> filled = new ArrayList<>(List.of(rows.get(0)));
        for (List<String> row : rows.subList(1, rows.size())) {
            List<String> copy = new ArrayList<>(row);
            copy.set(7, row.get(0).equals("inv-6") ? "" : row.get(1).equals("fake.good-v1") ? "5" : "2");
            filled.add(copy);
        }
        Files.writeString(sheet, HumanJudgementTest.writeCsv(filled));

        EvalReport rated = report.withMetric(HumanJudgement.fromCsv(sheet));

        assertThat(rated.metrics()).containsExactly("field_accuracy", "json_valid", "human");
        assertThat(rated.run("fake.good-v1", "as-is").metric("human").n()).isEqualTo(5);
        assertThat(rated.run("fake.good-v1", "as-is").mean("human")).isEqualTo(1.0);
        assertThat(rated.run("fake.worse-v1", "as-is").mean("human")).isEqualTo(0.25);
        assertThat(rated.ranking("human").get(0).model()).isEqualTo("fake.good-v1");
        assertThatThrownBy(() -> rated.withMetric(HumanJudgement.fromCsv(sheet))).hasMessageContaining("already");
    }

    @Test
    void badRatingSheetsNameTheRow() {
        String header = "case_id,model,variant,rating\n";
        assertThatThrownBy(() -> HumanJudgement.parse(header + "a,m,v,good\n", 1, 5))
                .hasMessageContaining("row 2").hasMessageContaining("'good' is not a number");
        assertThatThrownBy(() -> HumanJudgement.parse(header + "a,m,v,9\n", 1, 5)).hasMessageContaining("off the scale");
        assertThatThrownBy(() -> HumanJudgement.parse("case,model\n", 1, 5)).hasMessageContaining("no 'case_id' column");
        assertThatThrownBy(() -> HumanJudgement.parse(header + "a,m,v,1\na,m,v,2\n", 1, 5)).hasMessageContaining("second time");
        assertThat(HumanJudgement.parse(header + "a,m,v,\nb,m,v,3\n", 1, 5).ratedCount()).isEqualTo(1);
    }

    @Test
    void misconfiguredEvaluationsFailBeforeAnyCall() {
        assertThatThrownBy(() -> Evaluation.builder(SUITE).metrics(ExactMatch.normalized()).build())
                .hasMessageContaining("at least one model");
        assertThatThrownBy(() -> Evaluation.builder(SUITE).model(good()).build()).hasMessageContaining("at least one metric");
        assertThatThrownBy(() -> Evaluation.builder(SUITE).model(good()).model(good()))
                .hasMessageContaining("two models are labelled 'fake.good-v1'");
        assertThatThrownBy(() -> Evaluation.builder(SUITE).metrics(FieldAccuracy.all(), FieldAccuracy.all()))
                .hasMessageContaining("two metrics are named 'field_accuracy'");
        assertThatThrownBy(() -> Evaluation.builder(EvalSuite.of("empty", List.of())).model(good())
                .metrics(ExactMatch.normalized()).build()).hasMessageContaining("has no cases");
        assertThat(Map.of()).isEmpty();
    }
}
