package dev.bedrock4j.testkit.replay;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording a real Bedrock model, over the SDK with signed requests: what is stored is the exchange, nothing of the transport. */
@BedrockTest
class ReplayThroughTheSdkTest {
    static final String MODEL = "amazon.nova-lite-v1:0";

    @Test
    void recordingsHoldNoCredentialsNorAnythingElseOfTheTransport(LocalBedrockServer server, Bedrock bedrock,
            @TempDir Path recordings) throws Exception {
        server.model(MODEL).reply("P1");
        ChatRequest request = ChatRequest.builder().system("Triage.").user("Printer on fire").build();

        ReplayChatModel recorder = ReplayChatModel.of(bedrock.chat(MODEL), recordings, ReplayMode.RECORD);
        assertThat(recorder.call(request)).hasText("P1");

        assertThat(server.lastRequest().header("authorization")).hasValueSatisfying(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=<redacted>/").doesNotContain("AKIDLOCALTEST"));
        String recorded = Files.readString(recorder.recordingOf(request));
        assertThat(recorded).doesNotContainIgnoringCase("AKIDLOCALTEST").doesNotContainIgnoringCase("local-test-secret")
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("x-amz")
                .doesNotContainIgnoringCase("signature").doesNotContainIgnoringCase("credential");

        assertThat(ReplayChatModel.replaying(MODEL, recordings).call(request)).hasText("P1").hasModelId(MODEL);
        assertThat(server).hasRequestCount(1);
    }
}
