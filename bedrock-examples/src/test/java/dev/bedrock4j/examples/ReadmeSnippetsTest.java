package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.rag.Answer;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's examples outside the testing section, compiled (and where offline-safe, run) here. */
class ReadmeSnippetsTest {
    /** README sections whose java blocks must appear, in order, as the README-BEGIN regions of this file. */
    static final List<String> SECTIONS = List.of("## Streaming", "## Tools, structured output and agents",
            "## Answers from your documents", "## Production runs");
    static final List<List<String>> REGIONS = List.of(List.of("streaming"), List.of("tools"), List.of("rag", "vectors"),
            List.of("production"));

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
        try (dev.bedrock4j.testkit.LocalBedrockServer server = dev.bedrock4j.testkit.LocalBedrockServer.start();
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
                .vectorsOnDisk()          // 8-bit codes in the heap, the float vectors memory-mapped from the file
                .open()) {
            large.upsert("doc-1", vector, "Paris is the capital of France.", Map.of("lang", "en"));
            List<SearchResult> hits = large.search(queryVector, SearchOptions.top(10).withFilter(Filter.eq("lang", "en")));
            System.out.println(large.kernel());   // vector-api-int8 with --add-modules jdk.incubator.vector
        }
        // README-END
    }

    @Test
    void theReadmeShowsExactlyTheseSnippets() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        String source = Files.readString(root.resolve("bedrock-examples/src/test/java/dev/bedrock4j/examples/ReadmeSnippetsTest.java"));
        for (int i = 0; i < SECTIONS.size(); i++) {
            int start = readme.indexOf(SECTIONS.get(i));
            assertThat(start).as("README has " + SECTIONS.get(i)).isNotNegative();
            int end = readme.indexOf("\n## ", start + 1);
            Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
            List<String> shown = new ArrayList<>();
            while (block.find()) {
                shown.add(normalise(block.group(1)));
            }
            List<String> regions = new ArrayList<>();
            for (String name : REGIONS.get(i)) {
                String begin = "// README-BEGIN " + name + "\n";
                int from = source.indexOf(begin) + begin.length();
                regions.add(normalise(source.substring(from, source.indexOf("// README-END", from))));
            }
            assertThat(shown).as(SECTIONS.get(i)).containsExactlyElementsOf(regions);
        }
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
