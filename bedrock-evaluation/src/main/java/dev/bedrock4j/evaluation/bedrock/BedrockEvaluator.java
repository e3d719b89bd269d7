package dev.bedrock4j.evaluation.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.spi.AtomicFile;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.Polling;
import dev.bedrock4j.evaluation.EvalCase;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.EvalSuite;
import dev.bedrock4j.evaluation.ScoredAnswer;
import dev.bedrock4j.evaluation.internal.BedrockEvaluationOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CreateEvaluationJobRequest;
import software.amazon.awssdk.services.bedrock.model.EvaluationConfig;
import software.amazon.awssdk.services.bedrock.model.EvaluationDatasetMetricConfig;
import software.amazon.awssdk.services.bedrock.model.EvaluationModelConfig;
import software.amazon.awssdk.services.bedrock.model.EvaluationSummary;
import software.amazon.awssdk.services.bedrock.model.GetEvaluationJobResponse;
import software.amazon.awssdk.services.bedrock.model.HumanEvaluationCustomMetric;
import software.amazon.awssdk.services.bedrock.model.ListEvaluationJobsResponse;

/**
 * Runs Amazon Bedrock's own model evaluation through the control-plane client: submits a job
 * ({@code CreateEvaluationJob}, automatic with built-in metrics or human with a work team), waits for it
 * ({@code GetEvaluationJob} until Completed, Failed or Stopped), lists and stops jobs, and reads the results into
 * the same {@link EvalReport} as local runs, so that local metrics and Bedrock's sit side by side in one table and
 * one HTML page.
 *
 * <pre>{@code
 * EvalSuite suite = EvalSuite.fromJsonl(Path.of("support.jsonl"));
 * BedrockEvaluator.writeDataset(suite, Path.of("support-bedrock.jsonl"));   // then upload it to S3
 *
 * BedrockEvaluator evaluator = BedrockEvaluator.create(BedrockClient.create());
 * EvaluationJob job = evaluator.submit(r -> r
 *         .jobName("support-haiku-2024-06-01")
 *         .roleArn("arn:aws:iam::123456789012:role/BedrockEvaluation")
 *         .model("anthropic.claude-3-haiku-20240307-v1:0")
 *         .dataset(DatasetMetrics.of(EvaluationTask.QUESTION_AND_ANSWER,
 *                 EvaluationDataset.s3("support", "s3://my-bucket/eval/support-bedrock.jsonl"),
 *                 BuiltinMetric.ACCURACY, BuiltinMetric.TOXICITY))
 *         .outputData("s3://my-bucket/eval/output/"));
 * evaluator.awaitCompletion(job.arn(), Duration.ofHours(2));
 *
 * // aws s3 cp --recursive s3://my-bucket/eval/output/support-haiku-2024-06-01/ out/
 * EvalReport both = BedrockEvaluator.results(localReport, Path.of("out"));
 * both.writeHtml(Path.of("eval.html"));
 * }</pre>
 *
 * <h2>Datasets and results</h2>
 * <p>Bedrock reads custom prompt datasets from S3 and writes its results to S3; this library has no S3 client, so
 * it writes the dataset locally for you to upload ({@link #writeDataset(EvalSuite, Path)}, at most
 * {@value #MAX_CUSTOM_PROMPTS} prompts, checked) and reads the results from a local copy of the job's output
 * folder ({@link #results(EvalReport, Path)}). Each output line's prompt is matched to the suite case with that
 * input; scores of built-in metrics are named and scaled as {@link BuiltinMetric} says (toxicity becomes
 * {@code toxicity}, one minus Bedrock's value, as the local {@link dev.bedrock4j.evaluation.Toxicity} scores);
 * human ratings become the mean rating per metric, scaled to 0..1 ({@code IndividualLikertScale} 1..5,
 * {@code ThumbsUpDown} 0..1; comparisons between models are left out).
 *
 * <p>The SDK client stays the caller's: this class never closes it. Service errors are thrown as the library's
 * {@link BedrockException} subclasses; a job that fails or is stopped as an {@link EvaluationJobException}.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class BedrockEvaluator {
    /** The most prompts a custom prompt dataset may hold. */
    public static final int MAX_CUSTOM_PROMPTS = 1000;
    /** The variant label of runs read from Bedrock's output. */
    public static final String VARIANT = "bedrock";
    private static final Duration DEFAULT_POLL = Duration.ofMinutes(1);

    private final BedrockClient client;
    private final Duration pollInterval;

    private BedrockEvaluator(BedrockClient client, Duration pollInterval) {
        this.client = Objects.requireNonNull(client, "client");
        this.pollInterval = pollInterval;
    }

    /**
     * An evaluator over a control-plane client, polling once a minute.
     *
     * @param client the SDK's Bedrock control-plane client
     * @return the evaluator
     */
    public static BedrockEvaluator create(BedrockClient client) {
        return new BedrockEvaluator(client, DEFAULT_POLL);
    }

    /**
     * This evaluator with another poll interval.
     *
     * @param interval positive
     * @return a copy sharing the client
     */
    public BedrockEvaluator withPollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, was " + interval);
        }
        return new BedrockEvaluator(client, interval);
    }

    /**
     * Submits an evaluation job.
     *
     * @param request the job
     * @return the job, with its ARN
     * @throws InvalidRequestException naming the field, if the request is invalid (nothing is sent) or Bedrock
     *         rejects it
     * @throws BedrockException or a subclass, if the call fails
     */
    public EvaluationJob submit(EvaluationJobRequest request) {
        request.validate();
        List<EvaluationDatasetMetricConfig> configs = new ArrayList<>();
        for (DatasetMetrics dataset : request.datasets()) {
            configs.add(EvaluationDatasetMetricConfig.builder()
                    .taskType(dataset.task().wireName())
                    .dataset(d -> {
                        d.name(dataset.dataset().name());
                        dataset.dataset().location().ifPresent(uri -> d.datasetLocation(l -> l.s3Uri(uri)));
                    })
                    .metricNames(dataset.metricNames())
                    .build());
        }
        EvaluationConfig config;
        if (request.human()) {
            List<HumanEvaluationCustomMetric> metrics = request.humanMetrics().stream()
                    .map(m -> HumanEvaluationCustomMetric.builder().name(m.name()).ratingMethod(m.ratingMethod())
                            .description(m.description().isEmpty() ? null : m.description()).build())
                    .toList();
            config = EvaluationConfig.builder().human(h -> h.datasetMetricConfigs(configs).customMetrics(metrics)
                    .humanWorkflowConfig(w -> w.flowDefinitionArn(request.flowDefinitionArn().orElseThrow())
                            .instructions(request.instructions().orElse(null)))).build();
        } else {
            config = EvaluationConfig.builder().automated(a -> a.datasetMetricConfigs(configs)).build();
        }
        List<EvaluationModelConfig> models = request.models().stream()
                .map(id -> EvaluationModelConfig.builder().bedrockModel(b -> b.modelIdentifier(id)).build()).toList();
        CreateEvaluationJobRequest.Builder sdk = CreateEvaluationJobRequest.builder()
                .jobName(request.jobName())
                .roleArn(request.roleArn())
                .evaluationConfig(config)
                .inferenceConfig(i -> i.models(models))
                .outputDataConfig(o -> o.s3Uri(request.outputData()));
        request.description().ifPresent(sdk::jobDescription);
        request.kmsKeyId().ifPresent(sdk::customerEncryptionKeyId);
        request.clientRequestToken().ifPresent(sdk::clientRequestToken);
        String arn = call(() -> client.createEvaluationJob(sdk.build()), request.models().get(0)).jobArn();
        return new EvaluationJob(arn, request.jobName(), EvaluationJobStatus.IN_PROGRESS, "InProgress", request.human(),
                request.models(), request.outputData(), List.of());
    }

    /**
     * Builds a request with a consumer and submits it.
     *
     * @param request sets up the request
     * @return the job, with its ARN
     */
    public EvaluationJob submit(Consumer<EvaluationJobRequest.Builder> request) {
        EvaluationJobRequest.Builder builder = EvaluationJobRequest.builder();
        request.accept(builder);
        return submit(builder.build());
    }

    /**
     * Asks for a job's current state, once.
     *
     * @param jobArn the job's ARN
     * @return the job as Bedrock reports it now
     * @throws BedrockException or a subclass, if the call fails
     */
    public EvaluationJob status(String jobArn) {
        Objects.requireNonNull(jobArn, "jobArn");
        GetEvaluationJobResponse job = call(() -> client.getEvaluationJob(r -> r.jobIdentifier(jobArn)), null);
        List<String> models = new ArrayList<>();
        if (job.inferenceConfig() != null && job.inferenceConfig().hasModels()) {
            job.inferenceConfig().models().forEach(m -> {
                if (m.bedrockModel() != null) {
                    models.add(m.bedrockModel().modelIdentifier());
                }
            });
        }
        return new EvaluationJob(job.jobArn() == null ? jobArn : job.jobArn(), job.jobName(),
                EvaluationJobStatus.fromWireName(job.statusAsString()), job.statusAsString(),
                "Human".equals(job.jobTypeAsString()), models,
                job.outputDataConfig() == null ? "" : job.outputDataConfig().s3Uri(), job.failureMessages());
    }

    /**
     * Waits for a job to complete, polling its status.
     *
     * @param jobArn the job's ARN
     * @param timeout the longest wait
     * @return the completed job
     * @throws EvaluationJobException if the job failed (with Bedrock's reasons) or was stopped, or is still running
     *         when the wait runs out (it goes on in Bedrock)
     * @throws BedrockException or a subclass, if polling fails for a reason that retrying cannot fix
     */
    public EvaluationJob awaitCompletion(String jobArn, Duration timeout) {
        Objects.requireNonNull(jobArn, "jobArn");
        Polling.Outcome<EvaluationJob> outcome = Polling.until(() -> status(jobArn), job -> job.status().isTerminal(),
                pollInterval, timeout, "evaluation job " + jobArn);
        EvaluationJob job = outcome.last();
        if (!outcome.finished()) {
            String seen = job == null ? "unknown" : job.statusText();
            throw new EvaluationJobException("evaluation job " + jobArn + " is still " + seen + " after " + timeout
                    + "; it goes on in Bedrock: wait again with awaitCompletion, or stop it with stop(jobArn)", jobArn, seen);
        }
        if (job.status() == EvaluationJobStatus.COMPLETED) {
            return job;
        }
        if (job.status() == EvaluationJobStatus.FAILED) {
            throw new EvaluationJobException("evaluation job " + jobArn + " failed: "
                    + (job.failureMessages().isEmpty() ? "Bedrock gave no reason" : String.join("; ", job.failureMessages()))
                    + "; fix the dataset or settings and submit again", jobArn, job.statusText());
        }
        throw new EvaluationJobException("evaluation job " + jobArn + " ended " + job.statusText()
                + " before it finished; it has no results", jobArn, job.statusText());
    }

    /**
     * Stops a running job.
     *
     * @param jobArn the job's ARN
     * @throws BedrockException or a subclass, if the call fails
     */
    public void stop(String jobArn) {
        Objects.requireNonNull(jobArn, "jobArn");
        call(() -> client.stopEvaluationJob(r -> r.jobIdentifier(jobArn)), null);
    }

    /**
     * The account's evaluation jobs in this region, newest first as Bedrock lists them, every page followed.
     *
     * @return the jobs, from their summaries (no failure messages or output location: ask {@link #status})
     * @throws BedrockException or a subclass, if a call fails
     */
    public List<EvaluationJob> list() {
        List<EvaluationJob> jobs = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListEvaluationJobsResponse response = call(() -> client.listEvaluationJobs(r -> r.nextToken(page)), null);
            for (EvaluationSummary summary : response.jobSummaries()) {
                jobs.add(new EvaluationJob(summary.jobArn(), summary.jobName(),
                        EvaluationJobStatus.fromWireName(summary.statusAsString()), summary.statusAsString(),
                        "Human".equals(summary.jobTypeAsString()), summary.modelIdentifiers(), "", List.of()));
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return jobs;
    }

    // ------------------------------------------------------------------ datasets

    /**
     * A suite as Bedrock's custom prompt dataset, one {@code {"prompt": ..., "referenceResponse": ...,
     * "category": ...}} per line: the case's input, its expected answer (or first reference), and its first tag.
     *
     * @param suite the suite
     * @return the JSON Lines text
     * @throws InvalidRequestException if the suite has more than {@value #MAX_CUSTOM_PROMPTS} cases
     */
    public static String toDataset(EvalSuite suite) {
        Objects.requireNonNull(suite, "suite");
        if (suite.size() > MAX_CUSTOM_PROMPTS) {
            throw new InvalidRequestException("suite", "suite " + suite.name() + " has " + suite.size() + " cases;"
                    + " a custom prompt dataset holds at most " + MAX_CUSTOM_PROMPTS + ": split it or take a sample");
        }
        StringBuilder out = new StringBuilder();
        for (EvalCase c : suite.cases()) {
            ObjectNode line = JsonSupport.object().put("prompt", c.input());
            String reference = c.expected().orElse(c.references().isEmpty() ? null : c.references().get(0));
            if (reference != null) {
                line.put("referenceResponse", reference);
            }
            c.tags().stream().sorted().findFirst().ifPresent(tag -> line.put("category", tag));
            out.append(JsonSupport.write(line)).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes a suite as Bedrock's custom prompt dataset, atomically, for you to upload to S3.
     *
     * @param suite the suite
     * @param file the file to write; replaced if it exists
     * @throws InvalidRequestException if the suite has more than {@value #MAX_CUSTOM_PROMPTS} cases
     * @throws UncheckedIOException if it cannot be written
     */
    public static void writeDataset(EvalSuite suite, Path file) {
        byte[] bytes = toDataset(suite).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a custom prompt dataset before you upload it: every line a JSON object with a non-blank
     * {@code prompt}, text {@code referenceResponse} and {@code category} if present, at most
     * {@value #MAX_CUSTOM_PROMPTS} prompts.
     *
     * @param file the JSON Lines file
     * @return how many prompts it holds
     * @throws InvalidRequestException naming the line at fault
     * @throws UncheckedIOException if it cannot be read
     */
    public static int checkDataset(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
        }
        int prompts = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file.getFileName() + " line " + (i + 1);
            JsonNode json;
            try {
                json = JsonSupport.parse(lines.get(i));
            } catch (RuntimeException e) {
                throw new InvalidRequestException("dataset", where + " is not JSON: " + e.getMessage());
            }
            if (!json.isObject() || !json.path("prompt").isTextual() || json.get("prompt").asText().isBlank()) {
                throw new InvalidRequestException("dataset", where + " needs a non-blank \"prompt\" text");
            }
            for (String field : List.of("referenceResponse", "category")) {
                if (json.has(field) && !json.get(field).isTextual()) {
                    throw new InvalidRequestException("dataset", where + ": \"" + field + "\" must be text");
                }
            }
            if (++prompts > MAX_CUSTOM_PROMPTS) {
                throw new InvalidRequestException("dataset", file.getFileName() + " holds more than "
                        + MAX_CUSTOM_PROMPTS + " prompts; a custom prompt dataset holds at most " + MAX_CUSTOM_PROMPTS);
            }
        }
        if (prompts == 0) {
            throw new InvalidRequestException("dataset", file.getFileName() + " holds no prompt");
        }
        return prompts;
    }

    // ------------------------------------------------------------------ results

    /**
     * A report of a job's results alone, from a local copy of its output: the suite is made of the prompts it
     * answered (case ids {@code p1}, {@code p2}, ... in the order first seen), one run per model.
     *
     * @param output the local copy: the job's output folder, or one {@code .jsonl} file of it
     * @return the report
     * @throws IllegalArgumentException if there is no output there, or it is not Bedrock's
     * @throws UncheckedIOException if it cannot be read
     */
    public static EvalReport results(Path output) {
        List<BedrockEvaluationOutput.Line> lines = BedrockEvaluationOutput.read(output);
        Map<String, EvalCase> byPrompt = new LinkedHashMap<>();
        for (BedrockEvaluationOutput.Line line : lines) {
            byPrompt.computeIfAbsent(line.prompt(), prompt -> {
                EvalCase.Builder c = EvalCase.builder("p" + (byPrompt.size() + 1)).input(prompt);
                if (!line.reference().isEmpty()) {
                    c.expected(line.reference());
                }
                return c.build();
            });
        }
        return results(EvalReport.of(EvalSuite.of(output.getFileName().toString(), List.copyOf(byPrompt.values()))),
                output);
    }

    /**
     * A report with a job's results added next to its runs, one run per model, labelled {@code <model> (Bedrock)}
     * with the variant {@value #VARIANT}. Each answer's prompt is matched to the report's case with that input.
     *
     * @param report the local report, on the suite the dataset was written from
     * @param output the local copy: the job's output folder, or one {@code .jsonl} file of it
     * @return the report with the job's runs
     * @throws IllegalArgumentException if a prompt matches no case of the suite (use {@link #results(Path)} for a
     *         dataset not written from it), or there is no output
     * @throws UncheckedIOException if it cannot be read
     */
    public static EvalReport results(EvalReport report, Path output) {
        Objects.requireNonNull(report, "report");
        Map<String, Deque<EvalCase>> casesByPrompt = new HashMap<>();
        report.suite().cases().forEach(c -> casesByPrompt.computeIfAbsent(c.input(), k -> new ArrayDeque<>()).add(c));
        Map<String, Map<String, Deque<EvalCase>>> unusedByModel = new LinkedHashMap<>();
        Map<String, Map<String, Aggregate>> byModel = new LinkedHashMap<>();
        for (BedrockEvaluationOutput.Line line : BedrockEvaluationOutput.read(output)) {
            if (!casesByPrompt.containsKey(line.prompt())) {
                String shown = line.prompt().length() > 60 ? line.prompt().substring(0, 60) + "..." : line.prompt();
                throw new IllegalArgumentException("the prompt \"" + shown + "\" is no input of suite "
                        + report.suite().name() + "; read a dataset not written from it with results(output)");
            }
            Map<String, Aggregate> answers = byModel.computeIfAbsent(line.modelId(), k -> new LinkedHashMap<>());
            // the same prompt in several files (one per metric) is the same answer; repeated prompts are distinct cases
            Aggregate aggregate = answers.values().stream()
                    .filter(a -> a.prompt.equals(line.prompt()) && a.response.equals(line.response()))
                    .findFirst().orElse(null);
            if (aggregate == null) {
                Map<String, Deque<EvalCase>> unused = unusedByModel.computeIfAbsent(line.modelId(), k -> new HashMap<>());
                Deque<EvalCase> candidates = unused.computeIfAbsent(line.prompt(),
                        k -> new ArrayDeque<>(casesByPrompt.get(k)));
                EvalCase evalCase = candidates.size() > 1 ? candidates.poll() : candidates.peek();
                aggregate = answers.computeIfAbsent(evalCase.id(), id -> new Aggregate(line.prompt(), line.response()));
            }
            for (BedrockEvaluationOutput.Score score : line.scores()) {
                aggregate.add(score);
            }
        }
        EvalReport result = report;
        for (Map.Entry<String, Map<String, Aggregate>> model : byModel.entrySet()) {
            List<ScoredAnswer> answers = new ArrayList<>();
            model.getValue().forEach((caseId, aggregate) -> answers.add(new ScoredAnswer(caseId, aggregate.response,
                    aggregate.scores())));
            String modelId = BedrockEvaluationOutput.modelId(model.getKey());
            result = result.withRun(modelId + " (Bedrock)", modelId, VARIANT, answers);
        }
        return result;
    }

    /** The scores of one answer, summed per metric to average ratings. */
    private static final class Aggregate {
        final String prompt;
        final String response;
        final Map<String, double[]> sums = new LinkedHashMap<>();

        Aggregate(String prompt, String response) {
            this.prompt = prompt;
            this.response = response;
        }

        void add(BedrockEvaluationOutput.Score score) {
            String name;
            double value;
            BuiltinMetric builtin = BuiltinMetric.fromName(score.metric());
            if (score.ratingMethod().isEmpty()) {
                name = builtin != null ? builtin.reportName() : score.metric().toLowerCase(Locale.ROOT);
                value = builtin != null ? builtin.toReportScore(score.value()) : Math.max(0, Math.min(1, score.value()));
            } else if (score.ratingMethod().equals(HumanMetric.INDIVIDUAL_LIKERT_SCALE)) {
                name = score.metric();
                value = (Math.max(1, Math.min(5, score.value())) - 1) / 4;
            } else if (score.ratingMethod().equals(HumanMetric.THUMBS_UP_DOWN)) {
                name = score.metric();
                value = score.value() > 0 ? 1 : 0;
            } else {
                return; // comparisons between two models rate no single answer
            }
            double[] sum = sums.computeIfAbsent(name, k -> new double[2]);
            sum[0] += value;
            sum[1]++;
        }

        Map<String, Double> scores() {
            Map<String, Double> means = new LinkedHashMap<>();
            sums.forEach((metric, sum) -> means.put(metric, sum[0] / sum[1]));
            return means;
        }
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
        return "BedrockEvaluator[poll=" + pollInterval + "]";
    }
}
