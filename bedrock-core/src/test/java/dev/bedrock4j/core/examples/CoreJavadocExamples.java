package dev.bedrock4j.core.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.catalog.MediaLimits;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Conversation;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.MediaFormat;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.RenderedRequest;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.guardrail.GuardrailAssessment;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.guardrail.GuardrailRequest;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.image.GeneratedImage;
import dev.bedrock4j.core.image.ImageModel;
import dev.bedrock4j.core.image.ImageRequest;
import dev.bedrock4j.core.image.ImageResponse;
import dev.bedrock4j.core.image.InputImage;
import dev.bedrock4j.core.image.Mask;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.core.stream.StreamCallbacks;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.spi.AtomicFile;
import dev.bedrock4j.core.spi.JsonlLog;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.ModelDecorator;
import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.core.spi.WriterLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.regions.Region;

/**
 * The Javadoc examples of bedrock-core's entry points, compiled here so that they cannot drift from the
 * API. Nothing here runs: the examples call real Bedrock.
 */
@SuppressWarnings("unused")
final class CoreJavadocExamples {
    private CoreJavadocExamples() {
    }

    static void bedrock() {
        try (Bedrock bedrock = Bedrock.create()) {                 // default region and credentials
            ChatModel claude = bedrock.chat("anthropic.claude-3-5-haiku-20241022-v1:0");
            System.out.println(claude.prompt().user("Hello!").call().text());
        }

        Bedrock custom = Bedrock.builder()
                .region(Region.EU_CENTRAL_1)
                .apiCallTimeout(Duration.ofMinutes(10))             // long generations
                .build();
    }

    static void chat(Bedrock bedrock, ChatModel model, byte[] png) throws Exception {
        ChatResponse reply = model.prompt()
                .system("Answer in one sentence.")
                .user("Why is the sky blue?")
                .maxTokens(200)
                .call();
        System.out.println(reply.text() + " (" + reply.usage().outputTokens() + " tokens, " + reply.latency().toMillis() + " ms)");

        ChatRequest request = ChatRequest.builder()
                .system("Answer in one sentence.")
                .user("Why is the sky blue?")
                .maxTokens(200)
                .build();
        ChatResponse same = model.call(request);

        Conversation chat = model.conversation()
                .defaults(r -> r.system("You are a patient maths tutor.").maxTokens(300));
        chat.send("What is a prime number?");
        ChatResponse answer = chat.send("Is 91 one?");
        List<Message> history = chat.history();

        Message question = Message.user(ContentBlock.text("What does this chart show?"), ContentBlock.image(png));
        for (ContentBlock block : answer.message().content()) {
            if (block instanceof ContentBlock.ToolUse call) {
                System.out.println(call.name() + " " + call.input());
            }
        }
        String format = MediaFormat.image("PNG");
        MediaSource inline = MediaSource.bytes(png);
        MediaSource remote = MediaSource.s3("s3://my-bucket/report.pdf");

        ToolDefinition weather = ToolDefinition.of("get_weather", "Current weather for a city.",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
        model.prompt().user("Extract the invoice").tools(weather).toolChoice(ToolChoice.tool("get_weather")).call();
        model.prompt().user("question").guardrail(Guardrail.of("gr-abc123", "1").withTrace(Guardrail.Trace.ENABLED)).call();
        if (reply.stopReason().equals(StopReason.MAX_TOKENS)) {
            System.out.println("cut short");
        }

        RenderedRequest view = model.prompt().system("Be brief.").user("Hi").render();
        System.out.println(view.json());
        System.out.println(view.cli());

        try {
            model.prompt().user("Hi").temperature(1.7).call();
        } catch (InvalidRequestException e) {
            System.out.println(e.field() + ": " + e.getMessage());
        } catch (BedrockException e) {
            System.out.println(e.isRetryable() + " " + e.requestId().orElse("-"));
        }
    }

    static void catalogAndNative(Bedrock bedrock) throws Exception {
        ModelCatalog catalog = ModelCatalog.defaults()
                .withAlias("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
                        "anthropic.claude-3-haiku-20240307-v1:0");
        boolean reasons = catalog.lookup("eu.anthropic.claude-3-7-sonnet-20250219-v1:0").supports(Capability.REASONING);
        ModelInfo info = ModelCatalog.defaults().lookup("us.anthropic.claude-3-5-haiku-20241022-v1:0");

        NativeModel claude = bedrock.nativeModel("anthropic.claude-3-haiku-20240307-v1:0");
        JsonNode raw = claude.invoke(new ObjectMapper().readTree(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
        ChatResponse typed = claude.call(ChatRequest.of("Hello"));
        ObjectNode body = NativeFormat.anthropicMessages().toBody(
                ChatRequest.builder().system("Be brief.").user("Name three rivers.").maxTokens(100).build());
        bedrock.nativeModel("meta.llama3-1-8b-instruct-v1:0").stream(ChatRequest.of("Tell a joke"))
                .forEachText(System.out::print).join();
    }

    static void streaming(ChatModel model) {
        ChatResponse full = model.prompt().user("Tell me a story").stream()
                .forEachText(System.out::print)
                .join();
        CompletableFuture<ChatResponse> done = model.prompt().user("Summarise this").stream()
                .subscribe(StreamCallbacks.onText(System.out::print)
                        .onComplete(response -> System.out.println(response.usage()))
                        .onError(error -> System.out.println(error.getMessage())));
        ChatStream stream = model.prompt().user("Hi").stream();
        try (var events = stream.toStream()) {
            events.filter(ChatEvent.TextDelta.class::isInstance).forEach(System.out::println);
        }

        ChatStream story = model.prompt().user("Tell me a long story").stream();
        story.forEachText(System.out::print);
        story.cancel();                                   // from any thread, e.g. when the user clicks "stop"
    }

    static void closing(Bedrock bedrock, String MODEL) {
        ChatStream stream = bedrock.chat(MODEL).prompt().user("Tell me a story").stream();
        CompletableFuture<ChatResponse> story = stream.forEachText(System.out::print);
        bedrock.close();                                  // too early
        story.join();                                     // CompletionException caused by ClientClosedException
    }

    static void extending(Bedrock.Builder builder, ChatModel model, ChatRequest request) throws Exception {
        ModelDecorator logging = new ModelDecorator() {
            public ChatModel decorate(ChatModel model) {
                return new ChatModel() {
                    public String modelId() { return model.modelId(); }
                    public ChatResponse call(ChatRequest request) {
                        ChatResponse response = model.call(request);
                        System.out.println(model.modelId() + ": " + response.usage());
                        return response;
                    }
                    public ChatStream stream(ChatRequest request) {
                        return model.stream(request);        // forward: the default would stream a whole call
                    }
                };
            }
        };
        Bedrock bedrock = Bedrock.builder().decorate(logging).build();

        ChatStream stream = new AbstractChatStream("my-model") {
            protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
                SubmissionPublisher<ChatEvent> events = new SubmissionPublisher<>();
                events.subscribe(subscriber);             // onSubscribe first, then events on demand
                events.submit(new ChatEvent.MessageStart(Role.ASSISTANT));
                events.submit(new ChatEvent.TextDelta(0, "Hello"));
                events.close();
            }
        };
        AtomicLong started = new AtomicLong();
        ChatStream timed = AbstractChatStream.observe(model.modelId(), model.stream(request),
                () -> started.set(System.nanoTime()),
                response -> System.out.println(response.usage().outputTokens() + " tokens"),
                failure -> System.out.println("stream failed: " + failure));

        try {
            bedrock.runtimeClient().applyGuardrail(r -> r.guardrailIdentifier("gr-1").guardrailVersion("1"));
        } catch (RuntimeException e) {
            throw BedrockException.from(e, null);
        }

        try (JsonlLog log = JsonlLog.open(Path.of("results.jsonl"), "id")) {
            if (!log.idsAtOpen().contains("doc-7")) {
                log.append(JsonSupport.object().put("id", "doc-7").put("text", "done"));
            }
        }
        try (JsonlLog log = JsonlLog.open(Path.of("results.jsonl"), "id")) {
            log.append(JsonSupport.object().put("id", "doc-7").put("text", "done"));
        } catch (FileInUseException e) {
            System.err.println(e.file() + " is being written by " + e.holder());
        }
        try (WriterLock lock = WriterLock.acquire(Path.of("data/vectors"))) {
            // until close, no other WriterLock on data/vectors can be acquired, in any process
        } catch (FileInUseException e) {
            System.err.println(e.getMessage());   // names the directory, the holder's pid and host, and the fix
        }
        AtomicFile.write(Path.of("data/summary.json"),
                out -> out.write("{\"done\":true}\n".getBytes(StandardCharsets.UTF_8)));
        Preflight.embeddingTexts(List.of("a text"), 50_000, "amazon.titan-embed-text-v2:0");
        Preflight.toolName("get_weather", "tools[0].name");
        String modelId = Preflight.modelId("anthropic.claude-3-haiku-20240307-v1:0", ModelCatalog.defaults());
        ModelInfo info = ModelCatalog.defaults().lookup(modelId);
        String bedrockWouldSay = Preflight.contentRejection(request, info)      // for an emulator of Bedrock
                .map(Preflight.Rejection::serviceMessage).orElse(null);
    }

    static void limits(ModelInfo info) {
        int maxOutput = ModelCatalog.defaults().lookup("us.anthropic.claude-3-5-haiku-20241022-v1:0").maxOutputTokens();
        MediaLimits limits = ModelCatalog.defaults().lookup("anthropic.claude-3-haiku-20240307-v1:0").mediaLimits();
        int maxImages = limits.maxImages();                                      // 20
        ModelInfo mine = info.withMediaLimits(MediaLimits.converse().withImages(50, 5 * MediaLimits.MIB, 8000));
        Optional<String> meant = ModelCatalog.defaults().suggest("anthropic.claude-3-haiku-20240307-v1");
    }

    static void images(Bedrock bedrock) {
        // ImageModel, Bedrock.images
        ImageModel canvas = bedrock.images("amazon.nova-canvas-v1:0");
        GeneratedImage image = canvas.generate()
                .prompt("a watercolour of a lighthouse")
                .negativePrompt("people")
                .size(1024, 1024)
                .seed(7)
                .call()
                .first();
        image.save(Path.of("lighthouse.png"));
        canvas.generate().removeBackground(image.asInput()).call();
        // ImagePrompt
        ImageResponse response = bedrock.images("amazon.nova-canvas-v1:0").generate()
                .prompt("a lighthouse on a cliff at dusk")
                .size(1280, 720)
                .count(2)
                .call();
        // ImageRequest
        ImageRequest request = ImageRequest.builder().prompt("a red fox in snow").size(1024, 1024).count(2).seed(7).build();
        ImageResponse viaRequest = canvas.generate(request);
        // GeneratedImage
        GeneratedImage saved = canvas.generate().prompt("a lighthouse at dusk").call().first();
        saved.save(Path.of("lighthouse." + saved.format()));
        // Mask, InputImage
        InputImage photo = InputImage.read(Path.of("living-room.png"));
        canvas.generate().inpaint(photo, Mask.prompt("the sofa")).prompt("a green velvet sofa").call();
    }

    static void guardrails(Bedrock bedrock, ChatModel model, String question, String text, String passage, String userText,
                           String passage1, String passage2, String answerText) {
        // GuardrailChecker, Bedrock.guardrail
        GuardrailChecker guardrail = bedrock.guardrail(Guardrail.of("gr7abc123xyz", "1"));
        GuardrailResult prompt = guardrail.checkInput("Which stocks should I buy?");
        if (prompt.blocked()) {
            System.out.println(prompt.outputText());
        }
        GuardrailResult answer = guardrail.check(GuardrailRequest.output(text)
                .withGroundingSource(passage).withQuery(question));
        System.out.println(answer.groundingScore());
        GuardrailResult verdict = guardrail.checkInput(userText);
        // GuardrailResult
        GuardrailResult result = guardrail.checkOutput("Write to jane@example.com");
        if (result.intervened()) {
            System.out.println(result.outputText());
            result.fired().forEach(System.out::println);
        }
        // GuardrailAssessment
        for (GuardrailAssessment.Finding finding : result.fired()) {
            System.out.println(finding.policy() + ": " + finding.name() + " -> " + finding.action());
        }
        // GuardrailRequest
        GuardrailRequest input = GuardrailRequest.input("How do I pick a lock?");
        GuardrailRequest output = GuardrailRequest.output(answerText)
                .withGroundingSource(passage1, passage2)
                .withQuery(question)
                .withFullAssessment();
        // GuardrailTrace, ChatResponse.guardrailAssessment
        ChatResponse response = model.prompt().user(question)
                .guardrail(Guardrail.of("gr7abc123xyz", "1").withTrace(Guardrail.Trace.ENABLED)).call();
        response.guardrailAssessment().ifPresent(trace -> trace.fired().forEach(System.out::println));
    }
}
