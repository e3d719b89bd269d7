package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ConfigurationException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.ByteArrayInputStream;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * Without credentials every kind of call, through the real SDK clients, fails with a
 * {@link ConfigurationException} naming the fix, not retryable, and sends nothing: the SDK cannot sign.
 * The credentials chain reads a profile file of the test's making, never the machine's.
 */
class MissingCredentialsTest {
    static LocalBedrockServer server;
    static Bedrock bedrock;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        server.anyModel().reply("never sent");
        ProfileFile empty = ProfileFile.builder().type(ProfileFile.Type.CREDENTIALS)
                .content(new ByteArrayInputStream(new byte[0])).build();
        bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(false)
                        .credentialsProviders(ProfileCredentialsProvider.builder().profileFile(() -> empty)
                                .profileName("default").build())
                        .build())
                .build();
    }

    @AfterAll
    static void stop() {
        bedrock.close();
        server.close();
    }

    static final Consumer<BedrockException> NAMES_THE_FIX = e -> {
        assertThat(e).isExactlyInstanceOf(ConfigurationException.class);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage())
                .startsWith("No AWS credentials were found. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                        + " (and AWS_SESSION_TOKEN for temporary credentials), or choose a profile with AWS_PROFILE")
                .contains("or call Bedrock.builder().credentialsProvider(...).")
                .contains("The AWS SDK said: Unable to load credentials from any of the providers in the chain");
    };

    @Test
    void chatStreamsNativeAndEmbeddingCallsAllSayWhatToFixAndSendNothing() {
        ChatModel model = bedrock.chat("amazon.nova-lite-v1:0");
        assertThatThrownBy(() -> model.prompt().user("Hello").call())
                .isInstanceOfSatisfying(BedrockException.class, NAMES_THE_FIX);
        assertThatThrownBy(() -> model.prompt().user("Hello").stream().collect().join())
                .isInstanceOf(CompletionException.class)
                .extracting(Throwable::getCause).isInstanceOfSatisfying(BedrockException.class, NAMES_THE_FIX);
        assertThatThrownBy(() -> bedrock.nativeModel("anthropic.claude-3-haiku-20240307-v1:0").call(ChatRequest.of("Hi")))
                .isInstanceOfSatisfying(BedrockException.class, NAMES_THE_FIX);
        assertThatThrownBy(() -> bedrock.embeddings("amazon.titan-embed-text-v2:0").embedQuery("Hi"))
                .isInstanceOfSatisfying(BedrockException.class, NAMES_THE_FIX);

        assertThat(server.requestCount()).isZero();
    }
}
