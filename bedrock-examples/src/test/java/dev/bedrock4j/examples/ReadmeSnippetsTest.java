package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.RenderedRequest;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.image.GeneratedImage;
import dev.bedrock4j.core.image.ImageModel;
import dev.bedrock4j.core.image.ImageResponse;
import dev.bedrock4j.core.image.InputImage;
import dev.bedrock4j.core.image.Mask;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.tokens.TokenCounter;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.EvalSuite;
import dev.bedrock4j.evaluation.Evaluation;
import dev.bedrock4j.evaluation.TokenF1;
import dev.bedrock4j.evaluation.Toxicity;
import dev.bedrock4j.evaluation.bedrock.BedrockEvaluator;
import dev.bedrock4j.evaluation.bedrock.BuiltinMetric;
import dev.bedrock4j.evaluation.bedrock.DatasetMetrics;
import dev.bedrock4j.evaluation.bedrock.EvaluationDataset;
import dev.bedrock4j.evaluation.bedrock.EvaluationJob;
import dev.bedrock4j.evaluation.bedrock.EvaluationTask;
import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.Reranker;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase;
import dev.bedrock4j.rag.bedrock.BedrockReranker;
import dev.bedrock4j.rag.RagAnswerer;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.document.DocumentLoader;
import dev.bedrock4j.rag.ingest.IngestLedger;
import dev.bedrock4j.rag.ingest.IngestReport;
import dev.bedrock4j.rag.ingest.Ingestor;
import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.PersistentVectorStore;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.StructuredOutput;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolRunner;
import io.micrometer.core.instrument.MeterRegistry;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

/**
 * The README's examples outside the testing section, compiled (and where offline-safe, run) here; and the check that
 * the README shows exactly the compiled code of every example, with the imports it needs.
 */
class ReadmeSnippetsTest {
    static final String HERE = "bedrock-examples/src/test/java/dev/bedrock4j/examples/ReadmeSnippetsTest.java";
    static final String DOWNSTREAM = "bedrock-examples/src/test/java/dev/bedrock4j/examples/downstream/";
    static final String TESTKIT = "bedrock-testkit/src/test/java/dev/bedrock4j/testkit/examples/ReadmeExamplesTest.java";
    static final String SPRING = "bedrock-spring-boot-sample/src/test/java/dev/bedrock4j/spring/sample/ReadmeExampleTest.java";

    /** Where an example is compiled: a file and the name of its README-BEGIN region. */
    record Example(String file, String region) {
    }

    /** README sections, and the examples their java blocks show, in order. */
    static final Map<String, List<Example>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("## Streaming", List.of(new Example(HERE, "streaming")));
        SECTIONS.put("## Tools, structured output and agents", List.of(new Example(HERE, "tools")));
        SECTIONS.put("## Answers from your documents", List.of(new Example(HERE, "rag"), new Example(HERE, "vectors"),
                new Example(HERE, "rerank")));
        SECTIONS.put("## Production runs", List.of(new Example(HERE, "production"), new Example(HERE, "tokens")));
        SECTIONS.put("## Image generation", List.of(new Example(HERE, "images")));
        SECTIONS.put("## Guardrails", List.of(new Example(HERE, "guardrails")));
        SECTIONS.put("## Choosing and customizing models", List.of(new Example(HERE, "evaluation")));
        SECTIONS.put("## Testing your code (bedrock-testkit)", List.of(
                new Example(DOWNSTREAM + "TicketTriageTest.java", "fake-chat-model"),
                new Example(TESTKIT, "local-server"),
                new Example(TESTKIT, "faults"),
                new Example(DOWNSTREAM + "TicketTriageOverTheWireTest.java", "junit-extension"),
                new Example(TESTKIT, "record-replay"),
                new Example(HERE, "local-endpoint")));
        SECTIONS.put("## Spring Boot", List.of(new Example(SPRING, "spring-boot")));
    }

    record Invoice(String accountNumber, String city) {
    }

    static String forecast(String city) {
        return "Rain in " + city;
    }

    @Test
    void streaming() {
        ChatModel model = FakeChatModel.create().enqueueText("Soft rain on roofs");
        // README-BEGIN streaming
        ChatResponse full = model.prompt().user("Write a haiku about rain.").stream()
                .forEachText(System.out::print)      // text as it is generated
                .join();                             // then the whole response, usage included
        // README-END
        assertThat(full.text()).isEqualTo("Soft rain on roofs");
    }

    @Test
    void tools() {
        FakeChatModel model = FakeChatModel.create()
                .enqueue(ChatResponse.builder().message(dev.bedrock4j.core.chat.Message.assistant(
                        dev.bedrock4j.core.chat.ContentBlock.toolUse("t1", "get_weather",
                                dev.bedrock4j.core.spi.JsonSupport.parse("{\"city\":\"Paris\"}"))))
                        .stopReason(dev.bedrock4j.core.chat.StopReason.TOOL_USE).build())
                .enqueueText("Yes, take an umbrella.")
                .enqueue(ChatResponse.builder().message(dev.bedrock4j.core.chat.Message.assistant(
                        dev.bedrock4j.core.chat.ContentBlock.toolUse("t2", "invoice",
                                dev.bedrock4j.core.spi.JsonSupport.parse("{\"accountNumber\":\"123\",\"city\":\"Lyon\"}"))))
                        .stopReason(dev.bedrock4j.core.chat.StopReason.TOOL_USE).build());
        String email = "Please move account 123 to our Lyon office.";
        // README-BEGIN tools
        record Weather(@Description("City name") String city) {}
        Tool<Weather> weather = Tool.of("get_weather", "Current weather for a city.", Weather.class, w -> forecast(w.city()));
        ChatResponse answer = ToolRunner.of(model, weather).call(r -> r.user("Do I need an umbrella in Paris?"));

        Invoice invoice = StructuredOutput.of(model, Invoice.class).call("Extract the invoice: " + email);
        // README-END
        assertThat(answer.text()).isEqualTo("Yes, take an umbrella.");
        assertThat(invoice).isEqualTo(new Invoice("123", "Lyon"));
    }

    @Test
    void ragRunsOfflineAsTheReadmeShowsAndASecondRunEmbedsNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(dir.resolve("handbook/vacation.md"), "# Vacation\n\nEvery employee gets 27 vacation days a year.");
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.builder().endpointOverride(server.endpoint())
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))).build()) {
            ChatModel model = FakeChatModel.create().respondWith(r -> ChatResponse.ofText("27 days [1]."));
            List<IngestReport> runs = new ArrayList<>();
            for (int run = 1; run <= 2; run++) {                  // two runs, as two processes would: nothing shared but files
                List<Document> documents = DocumentLoader.create().loadAll(dir.resolve("handbook"));
                try (PersistentVectorStore store = PersistentVectorStore.open(dir.resolve("index"), 1024);
                     IngestLedger ledger = IngestLedger.open(dir.resolve("index/ledger.jsonl"))) {
                    Ingestor ingestor = Ingestor.builder(bedrock.embeddings("amazon.titan-embed-text-v2:0"), store)
                            .ledger(ledger)
                            .build();
                    server.clear();
                    runs.add(ingestor.ingest(documents));
                    assertThat(server.requestCount(dev.bedrock4j.testkit.BedrockOperation.INVOKE_MODEL))
                            .as("embedding requests of run " + run).isEqualTo(run == 1 ? 1 : 0);

                    Answer answer = RagAnswerer.of(ingestor.knowledgeBase(), model).ask("How many vacation days do I get?");
                    assertThat(answer.text()).contains("27 days");
                    assertThat(answer.citations()).singleElement()
                            .satisfies(c -> assertThat(c.passage().location().label()).contains("vacation.md"));
                }
            }
            assertThat(runs.get(0).added()).singleElement().asString().contains("vacation.md");
            assertThat(runs.get(1).added()).isEmpty();
            assertThat(runs.get(1).unchanged()).isEqualTo(runs.get(0).added());
        }
    }

    /** Compiled only: the README's relative paths; {@link #ragRunsOfflineAsTheReadmeShowsAndASecondRunEmbedsNothing} runs the same calls. */
    static void rag(Bedrock bedrock, ChatModel model) {
        // README-BEGIN rag
        List<Document> documents = DocumentLoader.create().loadAll(Path.of("handbook"));   // txt, md, html, pdf
        try (PersistentVectorStore store = PersistentVectorStore.open(Path.of("index"), 1024);
             IngestLedger ledger = IngestLedger.open(Path.of("index/ledger.jsonl"))) {    // what is stored, kept across runs
            Ingestor ingestor = Ingestor.builder(bedrock.embeddings("amazon.titan-embed-text-v2:0"), store)
                    .ledger(ledger)
                    .build();
            ingestor.ingest(documents);                    // run it again later: unchanged documents are skipped

            Answer answer = RagAnswerer.of(ingestor.knowledgeBase(), model).ask("How many vacation days do I get?");
            answer.citations().forEach(c -> System.out.println("[" + c.number() + "] " + c.passage().location().label()));
        }
        // README-END
    }

    /** Compiled only: it calls real Bedrock. */
    static RagAnswerer rerank(KnowledgeBase knowledgeBase, ChatModel model, BedrockAgentRuntimeClient agentRuntime) {
        // README-BEGIN rerank
        Reranker reranker = BedrockReranker.of(agentRuntime, BedrockReranker.AMAZON_RERANK);  // or Reranker.keywords()
        RagAnswerer answerer = RagAnswerer.builder(knowledgeBase, model)
                .retrieval(RetrievalOptions.top(4))
                .reranker(reranker)                       // 16 candidates retrieved, the reranker's best 4 kept
                .build();

        BedrockKnowledgeBase managed = BedrockKnowledgeBase.builder("KB12345678").client(agentRuntime)
                .reranking(BedrockReranker.COHERE_RERANK, 5)   // Bedrock reranks its own retrieval
                .build();
        // README-END
        return managed == null ? null : answerer;
    }

    /** Compiled only: it calls real Bedrock. */
    static Optional<BigDecimal> tokens(Bedrock bedrock, ChatRequest request) {
        // README-BEGIN tokens
        TokenCounter counter = bedrock.tokenCounter();     // CountTokens where the model has it, an estimate elsewhere
        int tokens = counter.inputTokens("anthropic.claude-3-5-haiku-20241022-v1:0", request);
        ResiliencePolicy exact = ResiliencePolicy.builder()
                .tokensPerMinute(400_000).tokenCounter(counter)   // the limit counts exact input tokens
                .build();
        Optional<BigDecimal> atMost = PriceTable.defaults()
                .estimate("anthropic.claude-3-5-haiku-20241022-v1:0", request, counter);  // before the call
        // README-END
        return exact.tokensPerMinute().isPresent() && tokens > 0 ? atMost : Optional.empty();
    }

    /** Compiled only: it calls real Bedrock. */
    static EvalReport evaluation(Bedrock bedrock, EvalSuite suite) {
        // README-BEGIN evaluation
        EvalReport local = Evaluation.builder(suite)
                .model(bedrock.chat("anthropic.claude-3-haiku-20240307-v1:0"))
                .metrics(TokenF1.create(), Toxicity.judgedBy(bedrock.chat("anthropic.claude-3-5-sonnet-20241022-v2:0")))
                .build().run();

        BedrockEvaluator.writeDataset(suite, Path.of("support-bedrock.jsonl"));   // upload it to S3
        BedrockEvaluator evaluator = BedrockEvaluator.create(BedrockClient.create());
        EvaluationJob job = evaluator.submit(r -> r
                .jobName("support-haiku-1")
                .roleArn("arn:aws:iam::123456789012:role/BedrockEvaluation")
                .model("anthropic.claude-3-haiku-20240307-v1:0")
                .dataset(DatasetMetrics.of(EvaluationTask.QUESTION_AND_ANSWER,
                        EvaluationDataset.s3("support", "s3://my-bucket/eval/support-bedrock.jsonl"),
                        BuiltinMetric.ACCURACY, BuiltinMetric.ROBUSTNESS, BuiltinMetric.TOXICITY))
                .outputData("s3://my-bucket/eval/output/"));
        evaluator.awaitCompletion(job.arn(), Duration.ofHours(2));

        // after: aws s3 cp --recursive s3://my-bucket/eval/output/support-haiku-1/ eval-output/
        EvalReport both = BedrockEvaluator.results(local, Path.of("eval-output"));   // local and Bedrock side by side
        both.writeHtml(Path.of("eval.html"));
        // README-END
        return both;
    }

    /** Compiled only: it calls real Bedrock. */
    static BulkReport production(MeterRegistry meterRegistry) {
        // README-BEGIN production
        ResilienceRegistry resilience = ResilienceRegistry.builder()
                .defaultPolicy(ResiliencePolicy.defaults())         // every model: 4 attempts, backoff with jitter
                .policy("amazon.nova-lite-v1:0", ResiliencePolicy.builder().requestsPerMinute(200)
                        .tokensPerMinute(400_000).circuitBreaker(50, Duration.ofSeconds(30)).build())
                .build();
        Bedrock bedrock = Bedrock.builder()
                .decorate(resilience)                               // retries, rate limits, circuit breaker per model
                .decorate(BedrockMetrics.builder(meterRegistry)     // OpenTelemetry GenAI metric names, estimated cost
                        .resilience(resilience).build())            // retries and throttles counted too
                .build();

        BulkReport report = BulkRunner.builder(bedrock.chat("amazon.nova-lite-v1:0"))
                .requests(item -> ChatRequest.builder().system("Summarise in two sentences.").user(item.text()).build())
                .output(Path.of("summaries.jsonl"))                 // results, and the checkpoint a restart resumes from
                .onProgress(p -> System.out.println(p.line()))
                .build()
                .run(Path.of("documents.jsonl"));
        // README-END
        return report;
    }

    /** Compiled only: the README's relative path; the store's own tests run the same calls. */
    static void vectors(float[] vector, float[] queryVector) {
        // README-BEGIN vectors
        try (PersistentVectorStore large = PersistentVectorStore.builder(Path.of("vectors"), 1024)
                .vectorsOnDisk()          // 4-bit codes in the heap, the float vectors memory-mapped from the file
                .open()) {
            large.upsert("doc-1", vector, "Paris is the capital of France.", Map.of("lang", "en"));
            List<SearchResult> hits = large.search(queryVector, SearchOptions.top(10).withFilter(Filter.eq("lang", "en")));
            System.out.println(large.kernel());   // vector-api-int4 with --add-modules jdk.incubator.vector
        }
        // README-END
    }

    @Test
    void imagesRunOfflineAsTheReadmeShows() throws IOException {
        Path created;
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.local(server.endpoint())) {
            // README-BEGIN images
            ImageModel canvas = bedrock.images("amazon.nova-canvas-v1:0");   // or Titan Image v2, or Stability
            ImageResponse response = canvas.generate()
                    .prompt("a lighthouse on a cliff at dusk, watercolour")
                    .negativePrompt("people")
                    .size(1280, 720)
                    .count(2)
                    .seed(42)                          // the same seed makes the same images
                    .call();
            Path dir = Files.createTempDirectory("images");
            GeneratedImage first = response.first();
            Path saved = first.save(dir.resolve("lighthouse." + first.format()));

            GeneratedImage edited = canvas.generate()
                    .inpaint(InputImage.read(saved), Mask.prompt("the lighthouse"))   // or Mask.image(...)
                    .prompt("a windmill")
                    .call().first();
            GeneratedImage cutOut = canvas.generate().removeBackground(edited.asInput()).call().first();

            RenderedRequest view = canvas.generate().prompt("a red fox in snow").seed(7).render();
            System.out.println(view.cli());            // aws bedrock-runtime invoke-model --model-id ... --body '...'
            // README-END
            created = dir;
            assertThat(response.images()).hasSize(2).allSatisfy(i -> assertThat(i.seed()).isEqualTo(42));
            assertThat(Files.readAllBytes(saved)).isEqualTo(first.bytes());
            assertThat(edited.width()).isEqualTo(1280);
            assertThat(cutOut.height()).isEqualTo(720);
            assertThat(view.json()).contains("\"seed\" : 7");
        }
        try (java.util.stream.Stream<Path> files = Files.walk(created)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void guardrailsRunOfflineAsTheReadmeShows() {
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.local(server.endpoint())) {
            server.guardrail("gr7abc123xyz", "1").denyTopic("investment advice", "stocks")
                    .contextualGrounding(0.7, 0.3);
            Answer answer = new Answer("Employees get 27 vacation days a year [1].", List.of(),
                    List.of(new dev.bedrock4j.rag.RetrievedChunk("Every employee gets 27 vacation days a year.", 1.0,
                            dev.bedrock4j.rag.SourceLocation.of("handbook.md"), java.util.Map.of())),
                    "How many vacation days do I get?", "How many vacation days do I get?", "");
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            java.io.PrintStream console = System.out;
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                guardrails(bedrock, answer);
            } finally {
                System.setOut(console);
            }
            assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Sorry, the model cannot answer this question.")
                    .contains("TOPIC investment advice -> BLOCKED")
                    .contains("stop reason: guardrail_intervened")
                    // the local server's scores are word shares: 5 of the answer's 7 words are in the passage,
                    // 3 of the question's 7 words in the answer
                    .contains("grounding 0.71, relevance 0.43");
        }
    }

    static void guardrails(Bedrock bedrock, Answer answer) {
        // README-BEGIN guardrails
        GuardrailChecker guardrail = bedrock.guardrail(Guardrail.of("gr7abc123xyz", "1"));

        GuardrailResult verdict = guardrail.checkInput("Which stocks should I buy?");   // before any model sees it
        if (verdict.blocked()) {
            System.out.println(verdict.outputText());                                   // the blocked-input message
            verdict.fired().forEach(f -> System.out.println(f.policy() + " " + f.name() + " -> " + f.action()));
        }

        ChatResponse reply = bedrock.chat("amazon.nova-lite-v1:0").prompt()
                .user("Which stocks should I buy?")
                .guardrail(Guardrail.of("gr7abc123xyz", "1").withTrace(Guardrail.Trace.ENABLED))
                .call();
        System.out.println("stop reason: " + reply.stopReason().value());            // guardrail_intervened
        reply.guardrailAssessment().ifPresent(trace -> System.out.println(trace.inputFired()));

        GuardrailResult grounding = answer.checkGrounding(guardrail);                 // a RAG answer vs its passages
        System.out.println("grounding " + grounding.groundingScore() + ", relevance " + grounding.relevanceScore());
        // README-END
    }

    /** Compiled only: it needs the standalone server on port 8088; {@link #localRunsAgainstTheLocalServer} runs the same calls. */
    static void localEndpoint() {
        // README-BEGIN local-endpoint
        try (Bedrock bedrock = Bedrock.local(URI.create("http://127.0.0.1:8088"))) {
            System.out.println(bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hello!").call().text());
        }
        // README-END
    }

    @Test
    void localRunsAgainstTheLocalServer() {
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.local(server.endpoint())) {
            server.model("amazon.nova-lite-v1:0").reply("Hello from the server!");
            assertThat(bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hello!").call().text())
                    .isEqualTo("Hello from the server!");
        }
    }

    @Test
    void theReadmeShowsExactlyTheseSnippetsWithTheirImports() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        for (Map.Entry<String, List<Example>> section : SECTIONS.entrySet()) {
            int start = readme.indexOf(section.getKey());
            assertThat(start).as("README has " + section.getKey()).isNotNegative();
            int end = readme.indexOf("\n## ", start + 1);
            Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                    .matcher(readme.substring(start, end < 0 ? readme.length() : end));
            List<String> shown = new ArrayList<>();
            while (block.find()) {
                shown.add(block.group(1));
            }
            assertThat(shown).as(section.getKey() + ": java blocks").hasSameSizeAs(section.getValue());
            for (int i = 0; i < shown.size(); i++) {
                Example example = section.getValue().get(i);
                String file = Files.readString(root.resolve(example.file()));
                String region = region(file, example.region());
                String what = section.getKey() + ", block " + (i + 1) + " (" + example.region() + ")";
                assertThat(normalise(body(shown.get(i)))).as(what).isEqualTo(normalise(body(region)));
                assertThat(imports(shown.get(i))).as(what + ": its imports, those of " + example.file() + " it uses")
                        .containsExactlyInAnyOrderElementsOf(importsUsed(imports(file), body(region)));
            }
        }
    }

    private static String region(String source, String name) {
        String begin = "// README-BEGIN " + name + "\n";
        int from = source.indexOf(begin);
        assertThat(from).as("example " + name + " is marked").isNotNegative();
        return source.substring(from + begin.length(), source.indexOf("// README-END", from));
    }

    /** The import lines of a file or a snippet. */
    private static List<String> imports(String code) {
        List<String> imports = new ArrayList<>();
        for (String line : code.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line.strip());
            }
        }
        return imports;
    }

    /** The code after the imports. */
    private static String body(String code) {
        List<String> lines = new ArrayList<>(List.of(code.split("\n")));
        while (!lines.isEmpty() && (lines.get(0).startsWith("import ") || lines.get(0).isBlank())) {
            lines.remove(0);
        }
        return String.join("\n", lines);
    }

    /** Those of the imports whose name the code uses, outside comments and string literals. */
    private static List<String> importsUsed(List<String> imports, String code) {
        String bare = code.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//[^\n]*|/\\*(?s:.*?)\\*/", "");
        List<String> used = new ArrayList<>();
        for (String line : imports) {
            String name = line.substring(line.lastIndexOf('.') + 1, line.length() - 1);
            if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(bare).find()) {
                used.add(line);
            }
        }
        return used;
    }

    private static String normalise(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.strip().split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }
}
