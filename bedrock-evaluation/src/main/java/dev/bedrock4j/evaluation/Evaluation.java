package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.PriceTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a suite against several models and prompt variants and scores every answer with every metric:
 * the step that picks a model, or shows what fine-tuning bought. Any {@link ChatModel} is a candidate:
 * Bedrock models, inference profiles, the ARNs of custom (fine-tuned) or provisioned models, and fakes
 * alike.
 *
 * <ul>
 *   <li>Calls run at most {@link Builder#maxConcurrency(int)} at a time, each once, through the model as
 *       given: the evaluation adds no retries of its own. A model retries as the {@code Bedrock} it came
 *       from does: with the AWS SDK's retries by default, or with the production module's
 *       {@code ResilienceRegistry} when that was added with {@code Bedrock.builder().decorate(registry)}.
 *       A call that still fails is recorded as a failed case, scored 0, and the run goes on. Judge and
 *       robustness calls go the same way, and a failed one is a metric error for that case.</li>
 *   <li>Outputs, latency, tokens and estimated cost are recorded per answer; judge calls and robustness
 *       reruns are added to the report's total cost.</li>
 *   <li>The report gives each metric's mean with a bootstrap confidence interval and the worst cases, as a
 *       console table, Markdown, or an HTML page with a chart.</li>
 * </ul>
 *
 * <pre>{@code
 * EvalReport report = Evaluation.builder(EvalSuite.fromJsonl(Path.of("extraction.jsonl")))
 *         .model(bedrock.chat("amazon.nova-lite-v1:0"))
 *         .model("claude-haiku", bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0"))
 *         .variant(PromptVariant.withSystem("json-only", "Extract vendor, total and currency. Reply with JSON only."))
 *         .metrics(JsonValidity.strict(), FieldAccuracy.all(), Robustness.of(FieldAccuracy.all()))
 *         .maxConcurrency(8)
 *         .build()
 *         .run();
 * System.out.println(report.toTable());
 * }</pre>
 *
 * <p>Thread-safe; an evaluation may be run again (for example against live models whose answers vary).
 */
public final class Evaluation {
    private final EvalSuite suite;
    private final Map<String, ChatModel> models;
    private final List<PromptVariant> variants;
    private final List<Metric> metrics;
    private final int maxConcurrency;
    private final PriceTable prices;
    private final int resamples;
    private final long seed;
    private final List<String> modelOrder;

    private Evaluation(Builder b) {
        if (b.models.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one model: add one with model(...)");
        }
        if (b.metrics.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one metric: add one with metrics(...)");
        }
        if (b.suite.size() == 0) {
            throw new IllegalArgumentException("suite '" + b.suite.name() + "' has no cases");
        }
        this.suite = b.suite;
        this.models = Map.copyOf(b.models);
        this.modelOrder = List.copyOf(b.models.keySet());
        this.variants = b.variants.isEmpty() ? List.of(PromptVariant.asIs()) : List.copyOf(b.variants.values());
        this.metrics = List.copyOf(b.metrics.values());
        this.maxConcurrency = b.maxConcurrency;
        this.prices = b.prices;
        this.resamples = b.resamples;
        this.seed = b.seed;
    }

    /**
     * A builder for an evaluation of a suite.
     *
     * @param suite the cases to run
     * @return the builder
     */
    public static Builder builder(EvalSuite suite) {
        return new Builder(suite);
    }

    /**
     * Runs every model with every variant on every case, and scores the answers.
     *
     * @return the report
     * @throws BedrockException if the run is interrupted
     */
    public EvalReport run() {
        ModelCalls calls = new ModelCalls(prices);
        List<EvalReport.Run> runs = new ArrayList<>();
        for (String label : modelOrder) {
            for (PromptVariant variant : variants) {
                runs.add(new EvalReport.Run(label, models.get(label).modelId(), variant.name()));
            }
        }
        List<EvalCase> cases = suite.cases();
        CaseResult[] results = new CaseResult[runs.size() * cases.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxConcurrency, results.length));
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                String label = runs.get(r).model();
                PromptVariant variant = variants.get(r % variants.size());
                for (int c = 0; c < cases.size(); c++) {
                    int slot = r * cases.size() + c;
                    EvalCase evalCase = cases.get(c);
                    pending.add(pool.submit(() -> {
                        results[slot] = evaluate(calls, label, models.get(label), variant, evalCase);
                    }));
                }
            }
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BedrockException("the evaluation was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("an evaluation task failed unexpectedly: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        return EvalReport.create(suite, metrics.stream().map(Metric::name).toList(), runs, List.of(results), calls,
                resamples, seed);
    }

    private CaseResult evaluate(ModelCalls calls, String label, ChatModel model, PromptVariant variant, EvalCase evalCase) {
        ModelCalls.Answer answer;
        try {
            answer = calls.call(model, variant.requestFor(evalCase));
        } catch (RuntimeException e) {
            BedrockException error = BedrockException.from(e, model.modelId());
            Map<String, Double> zeros = new LinkedHashMap<>();
            metrics.forEach(m -> zeros.put(m.name(), 0.0));
            return new CaseResult(evalCase.id(), label, model.modelId(), variant.name(), "", Usage.ZERO, Duration.ZERO,
                    BigDecimal.ZERO, zeros, Map.of(), error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        Sample sample = new Sample(evalCase, answer.response().text(), label, variant.name(),
                changed -> calls.ask(model, variant.requestFor(changed)), calls::ask);
        CaseResult result = new CaseResult(evalCase.id(), label, model.modelId(), variant.name(),
                answer.response().text(), answer.response().usage(), answer.latency(), answer.cost(), Map.of(), Map.of(),
                null);
        for (Metric metric : metrics) {
            result = score(result, metric, sample);
        }
        return result;
    }

    /** Scores one answer with one metric, turning a failure or an out-of-range score into a metric error. */
    static CaseResult score(CaseResult result, Metric metric, Sample sample) {
        if (result.error().isPresent()) {
            return result.withScore(metric.name(), 0.0, null);
        }
        try {
            double score = metric.score(sample);
            if (Double.isNaN(score)) {
                return result;
            }
            if (score < 0 || score > 1) {
                return result.withScore(metric.name(), null, "score " + score + " is outside 0..1; scale it");
            }
            return result.withScore(metric.name(), score, null);
        } catch (RuntimeException e) {
            return result.withScore(metric.name(), null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Evaluation[" + suite + ", models=" + modelOrder + ", variants="
                + variants.stream().map(PromptVariant::name).toList() + ", metrics="
                + metrics.stream().map(Metric::name).toList() + "]";
    }

    /**
     * Builds an {@link Evaluation}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final EvalSuite suite;
        private final Map<String, ChatModel> models = new LinkedHashMap<>();
        private final Map<String, PromptVariant> variants = new LinkedHashMap<>();
        private final Map<String, Metric> metrics = new LinkedHashMap<>();
        private int maxConcurrency = 4;
        private PriceTable prices = PriceTable.defaults();
        private int resamples = 1000;
        private long seed = 42;

        private Builder(EvalSuite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
        }

        /**
         * Adds a candidate model, labelled with its model id.
         *
         * @param model the model
         * @return this
         * @throws IllegalArgumentException if a model with that label was added already
         */
        public Builder model(ChatModel model) {
            return model(Objects.requireNonNull(model, "model").modelId(), model);
        }

        /**
         * Adds a candidate model with a label for reports, such as {@code fine-tuned-v2} for a provisioned
         * model's ARN.
         *
         * @param label the label, unique within the evaluation
         * @param model the model
         * @return this
         * @throws IllegalArgumentException if a model with that label was added already
         */
        public Builder model(String label, ChatModel model) {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(model, "model");
            if (models.containsKey(label)) {
                throw new IllegalArgumentException("two models are labelled '" + label
                        + "'; give each a unique label with model(label, model)");
            }
            models.put(label, model);
            return this;
        }

        /**
         * Adds a prompt variant; without any, each case's own request is sent ({@link PromptVariant#asIs()}).
         *
         * @param variant the variant
         * @return this
         * @throws IllegalArgumentException if a variant with that name was added already
         */
        public Builder variant(PromptVariant variant) {
            Objects.requireNonNull(variant, "variant");
            if (variants.putIfAbsent(variant.name(), variant) != null) {
                throw new IllegalArgumentException("two prompt variants are named '" + variant.name() + "'; rename one");
            }
            return this;
        }

        /**
         * Adds metrics; the first is the one reports rank by and pick worst cases with.
         *
         * @param metrics the metrics
         * @return this
         * @throws IllegalArgumentException if two metrics share a name
         */
        public Builder metrics(Metric... metrics) {
            for (Metric metric : metrics) {
                Objects.requireNonNull(metric, "metric");
                if (this.metrics.putIfAbsent(metric.name(), metric) != null) {
                    throw new IllegalArgumentException("two metrics are named '" + metric.name() + "'; each needs a unique name");
                }
            }
            return this;
        }

        /**
         * Sets the most calls in flight at once, across all models.
         *
         * @param maxConcurrency at least 1; default 4
         * @return this
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = Preflight.atLeastOne("maxConcurrency", maxConcurrency);
            return this;
        }

        /**
         * Sets the prices for estimated costs.
         *
         * @param prices the price table; default {@link PriceTable#defaults()}
         * @return this
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Sets the bootstrap behind the confidence intervals.
         *
         * @param resamples resamples of the scores, at least 100; default 1,000
         * @param seed the seed, so that the same scores give the same interval; default 42
         * @return this
         */
        public Builder bootstrap(int resamples, long seed) {
            if (resamples < 100) {
                throw new IllegalArgumentException("use at least 100 bootstrap resamples, was " + resamples);
            }
            this.resamples = resamples;
            this.seed = seed;
            return this;
        }

        /**
         * Builds the evaluation.
         *
         * @return the evaluation
         * @throws IllegalArgumentException if there is no model, no metric or no case
         */
        public Evaluation build() {
            return new Evaluation(this);
        }
    }
}
