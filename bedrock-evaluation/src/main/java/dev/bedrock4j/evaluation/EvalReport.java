package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.evaluation.internal.ReportFormat;
import dev.bedrock4j.evaluation.internal.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an {@link Evaluation}: every answer with its scores, and per model and prompt variant
 * each metric's mean with a 95% confidence interval, failures, tokens, cost and latency. Render it as a
 * console table, Markdown, or a self-contained HTML page with a chart; export the answers as a CSV
 * rating sheet for people, and read their ratings back in as a metric.
 *
 * <pre>{@code
 * EvalReport report = evaluation.run();
 * System.out.println(report.toTable());
 * report.writeHtml(Path.of("eval.html"));
 * RunSummary winner = report.ranking("field_accuracy").get(0);
 * List<CaseResult> worst = report.worstCases(winner.model(), winner.variant(), "field_accuracy", 5);
 * }</pre>
 *
 * <p>Confidence intervals are bootstrap percentile intervals of the mean (see {@link #intervalMethod()}):
 * the scores are resampled with replacement from a fixed seed, so a report is reproducible from its
 * scores. Two runs whose intervals overlap widely are not clearly different on this suite; add cases.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EvalReport {
    private static final double CONFIDENCE = 0.95;
    private static final int DEFAULT_RESAMPLES = 1000;
    private static final long DEFAULT_SEED = 42;

    private final EvalSuite suite;
    private final Map<String, EvalCase> casesById = new java.util.HashMap<>();
    private final List<String> metrics;
    private final List<Run> runOrder;
    private final List<CaseResult> results;
    private final List<RunSummary> runs;
    private final int resamples;
    private final long seed;
    private final Usage totalUsage;
    private final BigDecimal totalCost;
    private final PriceTable prices;

    /** One model with one prompt variant. */
    record Run(String model, String modelId, String variant) {
    }

    private EvalReport(EvalSuite suite, List<String> metrics, List<Run> runOrder, List<CaseResult> results, int resamples,
                       long seed, Usage totalUsage, BigDecimal totalCost, PriceTable prices) {
        this.suite = suite;
        suite.cases().forEach(c -> casesById.put(c.id(), c));
        this.metrics = List.copyOf(metrics);
        this.runOrder = List.copyOf(runOrder);
        this.results = List.copyOf(results);
        this.resamples = resamples;
        this.seed = seed;
        this.totalUsage = totalUsage;
        this.totalCost = totalCost;
        this.prices = prices;
        List<RunSummary> summaries = new ArrayList<>();
        for (Run run : runOrder) {
            summaries.add(summarize(run));
        }
        this.runs = List.copyOf(summaries);
    }

    static EvalReport create(EvalSuite suite, List<String> metrics, List<Run> runs, List<CaseResult> results,
                             ModelCalls calls, int resamples, long seed) {
        return new EvalReport(suite, metrics, runs, results, resamples, seed, calls.cost().totalUsage(),
                calls.cost().totalCost(), calls.prices());
    }

    private RunSummary summarize(Run run) {
        List<CaseResult> mine = results(run.model(), run.variant());
        int failed = 0;
        Usage usage = Usage.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        List<Double> latencies = new ArrayList<>();
        for (CaseResult result : mine) {
            usage = usage.plus(result.usage());
            cost = cost.add(result.cost());
            if (result.error().isPresent()) {
                failed++;
            } else {
                latencies.add((double) result.latency().toNanos());
            }
        }
        double[] nanos = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, MetricSummary> byMetric = new LinkedHashMap<>();
        for (String metric : metrics) {
            double[] scores = mine.stream().filter(r -> r.scores().containsKey(metric))
                    .mapToDouble(r -> r.scores().get(metric)).toArray();
            int errors = (int) mine.stream().filter(r -> r.metricErrors().containsKey(metric)).count();
            double[] interval = Stats.bootstrapMean(scores, resamples, seed, CONFIDENCE);
            byMetric.put(metric, new MetricSummary(metric, scores.length, Stats.mean(scores), interval[0], interval[1], errors));
        }
        return new RunSummary(run.model(), run.modelId(), run.variant(), mine.size(), failed, usage, cost,
                nanos.length == 0 ? Duration.ZERO : Duration.ofNanos((long) Stats.mean(nanos)),
                nanos.length == 0 ? Duration.ZERO : Duration.ofNanos((long) Stats.percentile(nanos, 0.95)), byMetric);
    }

    /**
     * The suite that was run.
     *
     * @return the suite
     */
    public EvalSuite suite() {
        return suite;
    }

    /**
     * The metrics' names, in the evaluation's order; the first is the primary one.
     *
     * @return the names
     */
    public List<String> metrics() {
        return metrics;
    }

    /**
     * One summary per model and prompt variant, in the order they were added.
     *
     * @return the summaries
     */
    public List<RunSummary> runs() {
        return runs;
    }

    /**
     * The summary of one model with one prompt variant.
     *
     * @param model the model's label
     * @param variant the variant's name
     * @return the summary
     * @throws IllegalArgumentException if the report has no such run
     */
    public RunSummary run(String model, String variant) {
        return runs.stream().filter(r -> r.model().equals(model) && r.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run of model '" + model + "' with variant '"
                        + variant + "'; the report has " + runOrder));
    }

    /**
     * The runs, best first by a metric's mean; runs with no score come last.
     *
     * @param metric the metric's name
     * @return the runs in rank order
     * @throws IllegalArgumentException if the report has no such metric
     */
    public List<RunSummary> ranking(String metric) {
        requireMetric(metric);
        Comparator<RunSummary> byMean = Comparator.comparingDouble(r -> {
            double mean = r.mean(metric);
            return Double.isNaN(mean) ? Double.NEGATIVE_INFINITY : mean;
        });
        return runs.stream().sorted(byMean.reversed()).toList();
    }

    /**
     * The runs, best first by the primary (first) metric.
     *
     * @return the runs in rank order
     */
    public List<RunSummary> ranking() {
        return ranking(metrics.get(0));
    }

    /**
     * Every answer, model by model, variant by variant, case by case.
     *
     * @return the results
     */
    public List<CaseResult> results() {
        return results;
    }

    /**
     * The answers of one model with one prompt variant, in suite order.
     *
     * @param model the model's label
     * @param variant the variant's name
     * @return the results
     */
    public List<CaseResult> results(String model, String variant) {
        return results.stream().filter(r -> r.model().equals(model) && r.variant().equals(variant)).toList();
    }

    /**
     * The lowest-scoring answers of a run on a metric, worst first (ties in suite order).
     *
     * @param model the model's label
     * @param variant the variant's name
     * @param metric the metric's name
     * @param limit the most to return
     * @return the results
     * @throws IllegalArgumentException if the report has no such metric
     */
    public List<CaseResult> worstCases(String model, String variant, String metric, int limit) {
        requireMetric(metric);
        return results(model, variant).stream().filter(r -> r.scores().containsKey(metric))
                .sorted(Comparator.comparingDouble(r -> r.scores().get(metric))).limit(limit).toList();
    }

    /**
     * How the confidence intervals were computed.
     *
     * @return a sentence such as "95% bootstrap percentile interval of the mean (1000 resamples, seed 42)"
     */
    public String intervalMethod() {
        return String.format(Locale.ROOT, "%d%% bootstrap percentile interval of the mean (%d resamples, seed %d)",
                Math.round(CONFIDENCE * 100), resamples, seed);
    }

    /**
     * Tokens used by every call of the evaluation: answers, judges and robustness reruns.
     *
     * @return the usage
     */
    public Usage totalUsage() {
        return totalUsage;
    }

    /**
     * The estimated cost of every call of the evaluation, in US dollars.
     *
     * @return the cost; calls to models without a price count as zero
     */
    public BigDecimal totalCost() {
        return totalCost;
    }

    /**
     * This report with one more metric, scored on the stored answers without running the models again,
     * for example people's ratings from a {@link HumanJudgement} sheet. Metrics that ask a judge do so
     * through the judge model as given, with the evaluation's prices; metrics that rerun the candidate, such as
     * {@link Robustness}, record a metric error here, so add those to the {@link Evaluation} instead.
     *
     * @param metric the metric
     * @return the new report
     * @throws IllegalArgumentException if the report has a metric of that name already
     */
    public EvalReport withMetric(Metric metric) {
        Objects.requireNonNull(metric, "metric");
        if (metrics.contains(metric.name())) {
            throw new IllegalArgumentException("the report has a metric named '" + metric.name() + "' already");
        }
        ModelCalls calls = new ModelCalls(prices);
        List<CaseResult> scored = new ArrayList<>();
        for (CaseResult result : results) {
            EvalCase evalCase = casesById.get(result.caseId());
            Sample sample = new Sample(evalCase, result.output(), result.model(), result.variant(), null, calls::ask);
            scored.add(Evaluation.score(result, metric, sample));
        }
        List<String> more = new ArrayList<>(metrics);
        more.add(metric.name());
        return new EvalReport(suite, more, runOrder, scored, resamples, seed, totalUsage.plus(calls.cost().totalUsage()),
                totalCost.add(calls.cost().totalCost()), prices);
    }

    /**
     * A report of answers scored elsewhere, such as by a Bedrock evaluation job
     * ({@link dev.bedrock4j.evaluation.bedrock.BedrockEvaluator#results}), with no run of its own yet: add runs with
     * {@link #withRun(String, String, String, List)}.
     *
     * @param suite the suite the answers answer
     * @return the empty report
     */
    public static EvalReport of(EvalSuite suite) {
        Objects.requireNonNull(suite, "suite");
        return new EvalReport(suite, List.of(), List.of(), List.of(), DEFAULT_RESAMPLES, DEFAULT_SEED, Usage.ZERO,
                BigDecimal.ZERO, PriceTable.defaults());
    }

    /**
     * This report with one more run of answers scored elsewhere, such as by a Bedrock evaluation job, so that
     * local and Bedrock results sit side by side in one table and one HTML page. Metrics new to the report are
     * added; the run has no score for metrics it lacks, and other runs none for its new ones.
     *
     * <pre>{@code
     * EvalReport both = local.withRun("haiku (Bedrock)", "anthropic.claude-3-haiku-20240307-v1:0", "bedrock", answers);
     * }</pre>
     *
     * @param model the run's label
     * @param modelId the model id
     * @param variant the prompt variant's label, such as {@code bedrock}
     * @param answers the scored answers, one per case
     * @return the new report
     * @throws IllegalArgumentException if the report has that run already, or an answer names a case the suite
     *         does not have
     */
    public EvalReport withRun(String model, String modelId, String variant, List<ScoredAnswer> answers) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(variant, "variant");
        for (Run run : runOrder) {
            if (run.model().equals(model) && run.variant().equals(variant)) {
                throw new IllegalArgumentException("the report has a run of " + model + " / " + variant + " already");
            }
        }
        List<String> moreMetrics = new ArrayList<>(metrics);
        List<CaseResult> moreResults = new ArrayList<>(results);
        for (ScoredAnswer answer : answers) {
            if (!casesById.containsKey(answer.caseId())) {
                throw new IllegalArgumentException("case '" + answer.caseId() + "' is not in the suite " + suite.name());
            }
            answer.scores().keySet().stream().filter(m -> !moreMetrics.contains(m)).forEach(moreMetrics::add);
            moreResults.add(new CaseResult(answer.caseId(), model, modelId, variant, answer.output(), Usage.ZERO,
                    Duration.ZERO, BigDecimal.ZERO, answer.scores(), Map.of(), null));
        }
        List<Run> moreRuns = new ArrayList<>(runOrder);
        moreRuns.add(new Run(model, modelId, variant));
        return new EvalReport(suite, moreMetrics, moreRuns, moreResults, resamples, seed, totalUsage, totalCost, prices);
    }

    /**
     * A plain-text table for the console: one row per run, best first by the primary metric, each metric
     * as {@code mean [low, high]}.
     *
     * @return the table
     */
    public String toTable() {
        return ReportFormat.table(this);
    }

    /**
     * A Markdown report: the table, the worst cases of each run on the primary metric, and how the
     * intervals were computed.
     *
     * @return the Markdown
     */
    public String toMarkdown() {
        return ReportFormat.markdown(this);
    }

    /**
     * A self-contained HTML page: the table, a bar chart of each metric's means with their intervals
     * (inline SVG), the worst cases, and the summary data as JSON in a
     * {@code <script type="application/json" id="eval-data">} element. It fetches nothing.
     *
     * @return the HTML
     */
    public String toHtml() {
        return ReportFormat.html(this);
    }

    /**
     * Writes {@link #toHtml()} to a file.
     *
     * @param file the file; replaced if it exists
     * @throws UncheckedIOException if it cannot be written
     */
    public void writeHtml(Path file) {
        write(file, toHtml());
    }

    /**
     * A CSV sheet for people to rate the answers: one row per answer with the columns {@code case_id},
     * {@code model}, {@code variant}, {@code tags}, {@code input}, {@code expected}, {@code output},
     * {@code rating} (blank, to fill in) and {@code comment}. Read it back with {@link HumanJudgement}.
     *
     * <p>The sheet is standard CSV (RFC 4180), as spreadsheets open it: a header row, lines ending in CRLF,
     * and values that hold commas, quotes, line breaks or spaces quoted, with each quote inside doubled.
     *
     * @return the CSV text
     */
    public String toRatingSheet() {
        List<List<String>> rows = new ArrayList<>();
        for (CaseResult result : results) {
            EvalCase evalCase = casesById.get(result.caseId());
            rows.add(List.of(result.caseId(), result.model(), result.variant(), String.join(";", evalCase.tags()),
                    evalCase.input(), String.join("\n---\n", evalCase.targets()),
                    result.error().map(e -> "[call failed] " + e).orElse(result.output()), "", ""));
        }
        return HumanJudgement.sheet(rows);
    }

    /**
     * Writes {@link #toRatingSheet()} to a file.
     *
     * @param file the file; replaced if it exists
     * @throws UncheckedIOException if it cannot be written
     */
    public void writeRatingSheet(Path file) {
        write(file, toRatingSheet());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void requireMetric(String metric) {
        if (!metrics.contains(metric)) {
            throw new IllegalArgumentException("no metric named '" + metric + "'; the report has " + metrics);
        }
    }

    @Override
    public String toString() {
        return "EvalReport[" + suite.name() + ", " + runs.size() + " runs, metrics=" + metrics + "]";
    }
}
