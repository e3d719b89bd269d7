package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TourTest {

    @Test
    void theOfflineTourRunsEveryStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TourBackend backend = TourBackend.offline();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tour.run(backend.bedrock(), backend.server(), out, backend.description());
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("== 1. A multi-turn conversation")
                .contains("history: 4 messages")
                .contains("\"modelId\" : \"" + Tour.CHAT_MODEL + "\"")
                .contains("aws bedrock-runtime converse")
                .contains("\"anthropic_version\":\"bedrock-2023-05-31\"")
                .contains("answer     : Danube")
                .contains("== 4. Streaming")
                .contains("model > Vienna: the Kunsthistorisches Museum alone fills a day.")
                .contains("== 5. Bulk summarisation")
                .contains("8/8 done")
                .contains("memo-1: The Lisbon office moves to the riverside campus in March.")
                .contains("memo-3: The security team rotated all API keys on Tuesday.")
                .contains("8 summarised, 0 failed")
                .contains("== 6. Tools and agents")
                .contains("== 7. Questions over company documents")
                .contains("== 8. Choosing a model")
                .contains(EvaluationTour.GOOD);
    }

    @Test
    void theImageStepSavesImagesToATemporaryDirectoryAndRemovesIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TourBackend backend = TourBackend.offline();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tour.imagesAndGuardrails(backend.bedrock(), backend.server(), out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("== Images: generate and save")
                .containsPattern("saved lighthouse-1\\.png: 512x512 png, \\d+ bytes, seed 2024")
                .containsPattern("saved lighthouse-2\\.png: 512x512 png, \\d+ bytes, seed 2024")
                .contains("== Guardrails: block a prompt and show the trace")
                .contains("ApplyGuardrail on \"Which stocks should I buy this year?\": INTERVENED")
                .contains("TOPIC \"investment advice\" -> BLOCKED")
                .contains("model > Sorry, I can't give investment advice.  (guardrail_intervened)")
                .contains("trace: input TOPIC \"investment advice\" -> BLOCKED");
        java.util.regex.Matcher removed = java.util.regex.Pattern.compile("removing (\\S+)").matcher(printed);
        assertThat(removed.find()).isTrue();
        assertThat(java.nio.file.Path.of(removed.group(1))).as("the temporary directory is removed").doesNotExist();
    }
}
