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
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

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
            run(backend.bedrock(), backend.server(), System.out, backend.description());
        }
    }

    /**
     * Runs every step of the tour against a Bedrock instance.
     *
     * @param bedrock the entry point to use
     * @param server the local server offline, or {@code null} against real Bedrock
     * @param out where to print
     * @param backend a description of where the calls go
     */
    static void run(Bedrock bedrock, dev.bedrock4j.testkit.LocalBedrockServer server, PrintStream out, String backend) {
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

        section(out, "5. Bulk summarisation that survives restarts");
        bulkSummaries(bedrock, out);

        section(out, "6. Tools and agents");
        dev.bedrock4j.examples.agents.AgentsTour.run(out, bedrock);
        out.println();

        section(out, "7. Questions over company documents, answered with citations");
        dev.bedrock4j.examples.rag.RagTour.run(out, bedrock, server);
        out.println();

        section(out, "8. Choosing a model: evaluation on a test suite");
        EvaluationTour.run(out);
        out.println();

        imagesAndGuardrails(bedrock, server, out);
    }

    /** The image generation and guardrail steps. */
    static void imagesAndGuardrails(Bedrock bedrock, dev.bedrock4j.testkit.LocalBedrockServer server, PrintStream out) {
        section(out, "Images: generate and save");
        ImagesAndGuardrailsTour.images(out, bedrock);
        out.println();

        section(out, "Guardrails: block a prompt and show the trace");
        ImagesAndGuardrailsTour.guardrails(out, bedrock, server);
        out.println();
    }

    /** Summarises the bundled memos with the bulk runner: progress lines, a results file, a cost total. */
    static void bulkSummaries(Bedrock bedrock, PrintStream out) {
        try {
            Path work = Files.createTempDirectory("bedrock4j-tour");
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
            out.println("  run it again and every memo is skipped: the results file is the checkpoint");
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void section(PrintStream out, String title) {
        out.println("== " + title);
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
