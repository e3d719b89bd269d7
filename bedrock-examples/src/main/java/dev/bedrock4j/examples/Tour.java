package dev.bedrock4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Conversation;
import dev.bedrock4j.core.chat.RenderedRequest;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.rag.store.Filter;
import dev.bedrock4j.rag.store.InMemoryVectorStore;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.bedrock4j.rag.store.VectorStore;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The runnable tour of Bedrock4j. Offline by default: it talks to an in-process stand-in for Bedrock, so
 * it runs anywhere. Set {@code BEDROCK4J_LIVE=true} (or {@code -Dbedrock4j.live=true}) to run the same
 * tour against real Bedrock with your AWS credentials and region.
 */
public final class Tour {
    /** The chat model the tour uses. */
    static final String CHAT_MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    /** The model the InvokeModel step uses. */
    static final String NATIVE_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    /** The embedding model of the vector search step. */
    static final String EMBEDDING_MODEL = "amazon.titan-embed-text-v2:0";

    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        boolean live = Boolean.parseBoolean(System.getenv().getOrDefault("BEDROCK4J_LIVE",
                System.getProperty("bedrock4j.live", "false")));
        try (TourBackend backend = live ? TourBackend.live() : TourBackend.offline()) {
            run(backend.bedrock(), backend.server(), System.out, backend.description(),
                    Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /**
     * Runs every step of the tour against a Bedrock instance. Its files go to a new directory in
     * {@code temporaryRoot}, deleted at the end, whether the tour succeeded or not.
     *
     * @param bedrock the entry point to use
     * @param server the local server offline, or {@code null} against real Bedrock
     * @param out where to print; plain text, no terminal escape codes
     * @param backend a description of where the calls go
     * @param temporaryRoot where the tour's working directory is created
     */
    static void run(Bedrock bedrock, LocalBedrockServer server, PrintStream out, String backend, Path temporaryRoot) {
        Path work;
        try {
            work = Files.createTempDirectory(temporaryRoot, "bedrock4j-tour");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            steps(bedrock, server, out, backend, work);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void steps(Bedrock bedrock, LocalBedrockServer server, PrintStream out, String backend, Path work) {
        out.println("Bedrock4j tour — " + backend);
        out.println();

        section(out, "1. A multi-turn conversation");
        ChatModel model = bedrock.chat(CHAT_MODEL);
        Conversation chat = model.conversation()
                .defaults(r -> r.system("You are a concise travel assistant.").maxTokens(200).temperature(0.3));
        for (String question : new String[] {"Suggest one city for a weekend of museums.", "And what should I eat there?"}) {
            ChatResponse reply = chat.send(question);
            out.println("  you   > " + question);
            out.println("  model > " + reply.text());
            out.println("          (" + reply.usage().inputTokens() + " in / " + reply.usage().outputTokens()
                    + " out tokens, " + reply.stopReason() + ")");
        }
        out.println("  history: " + chat.history().size() + " messages");
        out.println();

        section(out, "2. View API request (what the prompt sends, as JSON and as an AWS CLI command)");
        RenderedRequest view = model.prompt()
                .system("Answer in one sentence.")
                .user("Why is the sky blue?")
                .maxTokens(100)
                .render();
        out.println(indent(view.json()));
        out.println();
        out.println(indent(view.cli()));
        out.println();

        section(out, "3. InvokeModel with the model's native body");
        NativeModel claude = bedrock.nativeModel(NATIVE_MODEL);
        ChatRequest request = ChatRequest.builder().user("Name a famous river in one word.").maxTokens(20).build();
        out.println("  native body: " + claude.format().toBody(request));
        ChatResponse reply = claude.call(request);
        out.println("  answer     : " + reply.text() + "  (" + reply.usage().totalTokens() + " tokens)");
        out.println();

        section(out, "4. Streaming: text as it is generated");
        out.print("  model > ");
        ChatResponse streamed = model.prompt()
                .user("Suggest one city for a weekend of museums.")
                .stream()
                .forEachText(out::print)
                .join();
        out.println();
        out.println("          (" + streamed.usage().outputTokens() + " tokens, " + streamed.stopReason() + ")");
        out.println();

        section(out, "5. Cancelling a stream mid-way");
        cancelledStream(model, server, out);

        section(out, "6. Bulk summarisation that survives restarts");
        bulkSummaries(bedrock, out, work);

        section(out, "7. Resilience and metrics per model");
        ProductionTour.run(out, server);
        out.println();

        section(out, "8. Tools and agents");
        dev.bedrock4j.examples.agents.AgentsTour.run(out, bedrock);
        out.println();

        section(out, "9. Questions over company documents, answered with citations");
        dev.bedrock4j.examples.rag.RagTour.run(out, bedrock, server, work);
        out.println();

        section(out, "10. Vector search, without an answerer");
        vectorSearch(bedrock, out);

        section(out, "11. Choosing a model: evaluation on a test suite");
        EvaluationTour.run(out);
        out.println();

        section(out, "12. Testing your code: fakes, a local server, faults");
        TestingTour.run(out);
        out.println();

        imagesAndGuardrails(bedrock, server, out, work);
    }

    /** The image generation and guardrail steps; images are saved under {@code work}. */
    static void imagesAndGuardrails(Bedrock bedrock, LocalBedrockServer server, PrintStream out, Path work) {
        section(out, "13. Images: generate and save");
        ImagesAndGuardrailsTour.images(out, bedrock, work);
        out.println();

        section(out, "14. Guardrails: block a prompt and show the trace");
        ImagesAndGuardrailsTour.guardrails(out, bedrock, server);
        out.println();
    }

    /**
     * Subscribes to a stream through {@link Flow}, asks for one event at a time, and cancels the subscription after
     * the third piece of text. Offline, the server sends the events slowly and reports the stream abandoned.
     */
    static void cancelledStream(ChatModel model, LocalBedrockServer server, PrintStream out) {
        if (server != null) {
            server.model(CHAT_MODEL).faultNext(1, Fault.paced(Duration.ofMillis(20)));
        }
        int wanted = 3;
        StringBuilder received = new StringBuilder();
        CountDownLatch cancelled = new CountDownLatch(1);
        model.prompt().user("Tell me a long story about a river.").maxTokens(400).stream()
                .subscribe(new Flow.Subscriber<ChatEvent>() {
                    private Flow.Subscription subscription;
                    private int pieces;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        this.subscription = subscription;
                        subscription.request(1);
                    }

                    @Override
                    public void onNext(ChatEvent event) {
                        if (event instanceof ChatEvent.TextDelta text) {
                            received.append(text.text());
                            if (++pieces == wanted) {
                                subscription.cancel();            // no more events; the HTTP stream is closed
                                cancelled.countDown();
                                return;
                            }
                        }
                        subscription.request(1);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        received.append(" [failed: ").append(failure).append(']');
                        cancelled.countDown();
                    }

                    @Override
                    public void onComplete() {
                        received.append(" [completed before the cancel]");
                        cancelled.countDown();
                    }
                });
        try {
            if (!cancelled.await(60, TimeUnit.SECONDS)) {
                out.println("  no answer within a minute");
                return;
            }
            out.println("  received " + wanted + " pieces of text, then cancelled the subscription: \""
                    + received.toString().strip() + "\"");
            if (server != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.abandonedStreams() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                out.println("  streams the server saw abandoned: " + server.abandonedStreams()
                        + " (it stopped sending as soon as the connection closed)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println();
    }

    /** Embeds a few sentences into a vector store and searches it directly, with and without a metadata filter. */
    static void vectorSearch(Bedrock bedrock, PrintStream out) {
        EmbeddingModel titan = bedrock.embeddings(EMBEDDING_MODEL);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("danube", "The Danube flows through Vienna, Bratislava, Budapest and Belgrade.");
        facts.put("rhine", "The Rhine flows from the Swiss Alps through Germany to the North Sea.");
        facts.put("schnitzel", "Wiener Schnitzel is a thin, breaded and fried veal cutlet from Vienna.");
        facts.put("sachertorte", "Sachertorte is a chocolate cake with apricot jam, first made in Vienna.");
        facts.put("kunsthistorisches", "The Kunsthistorisches Museum in Vienna shows paintings by Bruegel.");
        Map<String, String> topics = Map.of("danube", "rivers", "rhine", "rivers", "schnitzel", "food",
                "sachertorte", "food", "kunsthistorisches", "museums");
        List<String> ids = List.copyOf(facts.keySet());
        List<Embedding> vectors = titan.embedDocuments(List.copyOf(facts.values())).embeddings();
        try (VectorStore store = InMemoryVectorStore.create(titan.dimension())) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                store.add(id, vectors.get(i).vector(), facts.get(id), Map.of("topic", topics.get(id)));
            }
            String question = "Which river flows through Vienna?";
            float[] query = titan.embedQuery(question).vector();
            out.println("  " + store.count() + " sentences embedded with " + titan.modelId() + " into an in-memory store");
            out.println("  search \"" + question + "\", top 3:");
            printHits(out, store.search(query, SearchOptions.top(3)));
            out.println("  the same query, only topic = food:");
            printHits(out, store.search(query, SearchOptions.top(2).withFilter(Filter.eq("topic", "food"))));
        }
        out.println();
    }

    private static void printHits(PrintStream out, List<SearchResult> hits) {
        for (SearchResult hit : hits) {
            out.printf("    %.3f  %-18s %s%n", hit.score(), hit.id(), hit.text());
        }
    }

    /** Summarises the bundled memos with the bulk runner: progress lines, a results file, a cost total. */
    static void bulkSummaries(Bedrock bedrock, PrintStream out, Path work) {
        try {
            Path input = work.resolve("documents.jsonl");
            try (InputStream documents = Tour.class.getResourceAsStream("/tour/documents.jsonl")) {
                Files.copy(documents, input, StandardCopyOption.REPLACE_EXISTING);
            }
            Path output = work.resolve("summaries.jsonl");
            BulkReport report = BulkRunner.builder(bedrock.chat(CHAT_MODEL))
                    .requests(item -> ChatRequest.builder()
                            .system("You summarise internal memos in one sentence.")
                            .user("Summarise: " + item.text())
                            .maxTokens(60)
                            .build())
                    .output(output)
                    .maxConcurrency(4)
                    .progressInterval(Duration.ofMillis(200))
                    .onProgress(progress -> out.println("  progress: " + progress.line()))
                    .build()
                    .run(input);
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(output)) {
                JsonNode result = json.readTree(line);
                out.println("  " + result.get("id").asText() + ": " + result.get("text").asText());
            }
            out.printf("  %d summarised, %d failed, %d tokens, estimated cost $%.6f (results in %s)%n",
                    report.succeeded(), report.failed(), report.usage().totalTokens(), report.cost(), output);
            out.println("  a second run on the same results file skips every memo: the file is the checkpoint");
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it; what cannot be deleted is reported, not thrown. */
    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete the tour's directory " + directory + ": " + e);
        }
    }

    private static void section(PrintStream out, String title) {
        out.println("== " + title);
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
