package dev.bedrock4j.testkit.examples;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.bedrock4j.testkit.junit.SdkRetries;
import dev.bedrock4j.testkit.replay.ReplayChatModel;
import dev.bedrock4j.testkit.replay.ReplayMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * The examples of the README's testing section, run here; bedrock-examples' {@code ReadmeSnippetsTest} checks
 * that the README shows exactly them, imports included.
 */
@BedrockTest(retries = SdkRetries.NONE)
class ReadmeExamplesTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    @Test
    void theRealSdkClientAgainstTheLocalServer() {
        // README-BEGIN local-server
        try (LocalBedrockServer server = LocalBedrockServer.start();
             BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                     .endpointOverride(server.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .build()) {
            server.model("amazon.nova-lite-v1:0").reply("Hello!");

            ConverseResponse response = client.converse(r -> r.modelId("amazon.nova-lite-v1:0")
                    .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))));

            assertThat(response.output().message().content().get(0).text()).isEqualTo("Hello!");
            assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 1).lastRequest().hasLastUserText("Hi");
        }
        // README-END
    }

    @Test
    void faults(LocalBedrockServer server, Bedrock bedrock) {
        // README-BEGIN faults
        server.faultNext(1, Fault.throttling());                      // the next call, to any model: HTTP 429
        server.model(MODEL).faultNext(1, Fault.cutStreamAfter(2));    // the next stream of MODEL breaks off

        ChatModel model = bedrock.chat(MODEL);
        assertThatThrownBy(() -> model.prompt().user("Hi").call())
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> model.prompt().user("Hi").stream().collect().join())
                .hasCauseInstanceOf(BedrockException.class);
        // README-END
    }

    @Test
    void recordAndReplay(LocalBedrockServer server, Bedrock bedrock, @TempDir Path recordings) {
        server.model(MODEL).reply("7");
        ReplayChatModel.of(bedrock.chat(MODEL), recordings, ReplayMode.RECORD).prompt().user("Name a prime number.").call();
        server.reset();

        // README-BEGIN record-replay
        ChatModel model = ReplayChatModel.of(bedrock.chat(MODEL), recordings,
                ReplayMode.fromSystemProperty("bedrock4j.replay", ReplayMode.REPLAY));

        ChatResponse reply = model.prompt().user("Name a prime number.").call();

        assertThat(reply).hasText("7");
        // README-END
        assertThat(server).hasNoRequests();
    }
}
