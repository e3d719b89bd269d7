package dev.bedrock4j.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.guardrail.GuardrailAssessment;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.guardrail.GuardrailTrace;
import dev.bedrock4j.core.image.GeneratedImage;
import dev.bedrock4j.core.image.ImageResponse;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tour's image and guardrail steps: generate images and save them (to a temporary directory, removed afterwards),
 * then block a prompt with a guardrail and show the trace. Offline, the local server generates small real PNGs and
 * serves a guardrail that denies investment advice; live, set {@code BEDROCK4J_GUARDRAIL_ID} (and optionally
 * {@code BEDROCK4J_GUARDRAIL_VERSION}, default {@code DRAFT}) to a guardrail of yours to run the guardrail step.
 */
final class ImagesAndGuardrailsTour {
    /** The image model the tour uses. */
    static final String IMAGE_MODEL = "amazon.nova-canvas-v1:0";
    /** The guardrail the offline tour defines. */
    static final String OFFLINE_GUARDRAIL = "grtour1";

    private ImagesAndGuardrailsTour() {
    }

    /** Defines the offline tour's guardrail on the local server. */
    static void scriptOffline(LocalBedrockServer server) {
        server.guardrail(OFFLINE_GUARDRAIL, "1")
                .denyTopic("investment advice", "stocks", "shares", "crypto")
                .blockedMessages("Sorry, I can't give investment advice.", "Sorry, that answer was withheld.");
    }

    /** Generates two images with one seed and saves them in a new directory under {@code work}, removed at the end. */
    static void images(PrintStream out, Bedrock bedrock, Path work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(work, "images");
            ImageResponse response = bedrock.images(IMAGE_MODEL).generate()
                    .prompt("a lighthouse on a cliff at dusk, watercolour")
                    .negativePrompt("people")
                    .size(512, 512)
                    .count(2)
                    .seed(2024)
                    .call();
            int n = 1;
            for (GeneratedImage image : response.images()) {
                Path file = image.save(dir.resolve("lighthouse-" + n++ + "." + image.format()));
                out.println("  saved " + file.getFileName() + ": " + image.width() + "x" + image.height() + " "
                        + image.format() + ", " + Files.size(file) + " bytes, seed " + image.seed());
            }
            out.println("  the same seed makes the same images again; removing " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                Tour.deleteRecursively(dir);
            }
        }
    }

    /** Checks a prompt with a guardrail on its own, then sends it to a model with the guardrail and shows the trace. */
    static void guardrails(PrintStream out, Bedrock bedrock, LocalBedrockServer server) {
        String id = server != null ? OFFLINE_GUARDRAIL : System.getenv("BEDROCK4J_GUARDRAIL_ID");
        String version = server != null ? "1" : System.getenv().getOrDefault("BEDROCK4J_GUARDRAIL_VERSION", "DRAFT");
        if (id == null || id.isBlank()) {
            out.println("  skipped: set BEDROCK4J_GUARDRAIL_ID to one of your guardrails to run this step live");
            return;
        }
        Guardrail guardrail = Guardrail.of(id, version).withTrace(Guardrail.Trace.ENABLED);
        String prompt = "Which stocks should I buy this year?";

        GuardrailResult check = bedrock.guardrail(guardrail).checkInput(prompt);
        out.println("  ApplyGuardrail on \"" + prompt + "\": " + check.action());
        for (GuardrailAssessment.Finding finding : check.fired()) {
            out.println("    " + finding.policy() + " \"" + finding.name() + "\" -> " + finding.action());
        }

        ChatResponse reply = bedrock.chat(Tour.CHAT_MODEL).prompt().user(prompt).guardrail(guardrail).call();
        out.println("  model > " + reply.text() + "  (" + reply.stopReason().value() + ")");
        GuardrailTrace trace = reply.guardrailAssessment().orElse(null);
        if (trace != null) {
            for (GuardrailAssessment.Finding finding : trace.inputFired()) {
                out.println("  trace: input " + finding.policy() + " \"" + finding.name() + "\" -> " + finding.action());
            }
        }
    }
}
