package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {

    @Test
    void theOfflineTourRunsEveryStepLeavesNoFilesAndPrintsPlainText(@TempDir Path temporaryRoot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TourBackend backend = TourBackend.offline();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tour.run(backend.bedrock(), backend.server(), out, backend.description(), temporaryRoot);
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
                .contains("== 6. Bulk summarisation")
                .contains("8/8 done")
                .contains("memo-1: The Lisbon office moves to the riverside campus in March.")
                .contains("memo-3: The security team rotated all API keys on Tuesday.")
                .contains("8 summarised, 0 failed")
                .contains("== 8. Tools and agents")
                .contains("== 9. Questions over company documents")
                .contains("== 11. Choosing a model")
                .contains(EvaluationTour.GOOD);

        // 5: three pieces of the story, not the whole of it, and the server saw the connection go
        assertThat(printed).containsPattern("received 3 pieces of text, then cancelled the subscription: \"Once upon a[^\"]*\"\\n")
                .doesNotContain("it remembered the snow it came from")
                .doesNotContain("[completed before the cancel]")
                .contains("streams the server saw abandoned: 1");
        // 7: the policy's retries absorb two throttles, its three attempts end in ThrottledException; metrics count both
        assertThat(printed).contains("policy for " + Tour.CHAT_MODEL + ": ")
                .contains("the server throttles the next 2 calls (HTTP 429)")
                .contains("throttled 3 times: ThrottledException after 3 attempts, isRetryable() = true")
                .contains("gen_ai.client.operation.duration{error.type=none}: 1 call(s)")
                .contains("gen_ai.client.operation.duration{error.type=ThrottledException}: 1 call(s)")
                .contains("bedrock4j.client.retries: 4")
                .contains("bedrock4j.client.throttles: 5")
                .containsPattern("gen_ai.client.token.usage\\{gen_ai.token.type=output}: [1-9]\\d* tokens");
        // 10: the river sentences rank first; the filter keeps only food
        assertThat(printed).contains("5 sentences embedded with amazon.titan-embed-text-v2:0")
                .containsPattern("top 3:\\n    0\\.\\d{3}  danube ")
                .containsPattern("only topic = food:\\n    \\d\\.\\d{3}  (schnitzel|sachertorte) [^\\n]*\\n    \\d\\.\\d{3}  (schnitzel|sachertorte) ");
        // 12: the fake, one throttle absorbed by the SDK's retry, and throttling on every attempt
        assertThat(printed).contains("triage(\"The printer is on fire\") -> P1; the fake received 1 request")
                .contains("the SDK retried, answer P3, attempts seen by the server: 1, 2")
                .containsPattern("throttled on every attempt: ThrottledException after [2-9] attempts \\(1, 2(, [3-9])*\\),"
                        + " isRetryable\\(\\) = true, status 429");

        assertThat(printed).as("plain text: no terminal escape codes").doesNotContain("\u001b");
        try (Stream<Path> left = Files.list(temporaryRoot)) {
            assertThat(left).as("the tour deletes its working directory").isEmpty();
        }
    }

    @Test
    void theImageStepSavesImagesToATemporaryDirectoryAndRemovesIt(@TempDir Path work) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TourBackend backend = TourBackend.offline();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tour.imagesAndGuardrails(backend.bedrock(), backend.server(), out, work);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("== 13. Images: generate and save")
                .containsPattern("saved lighthouse-1\\.png: 512x512 png, \\d+ bytes, seed 2024")
                .containsPattern("saved lighthouse-2\\.png: 512x512 png, \\d+ bytes, seed 2024")
                .contains("== 14. Guardrails: block a prompt and show the trace")
                .contains("ApplyGuardrail on \"Which stocks should I buy this year?\": INTERVENED")
                .contains("TOPIC \"investment advice\" -> BLOCKED")
                .contains("model > Sorry, I can't give investment advice.  (guardrail_intervened)")
                .contains("trace: input TOPIC \"investment advice\" -> BLOCKED");
        java.util.regex.Matcher removed = java.util.regex.Pattern.compile("removing (\\S+)").matcher(printed);
        assertThat(removed.find()).isTrue();
        assertThat(Path.of(removed.group(1))).as("the temporary directory is removed").doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("nothing is left in the working directory").isEmpty();
        }
    }
}
