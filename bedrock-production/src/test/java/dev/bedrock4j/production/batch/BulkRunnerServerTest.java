package dev.bedrock4j.production.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.AccessDeniedException;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ConfigurationException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * A bulk run through the real SDK client and the local server when the setup is wrong: it stops at once,
 * sends no more requests, retries nothing, dead-letters nothing, and the next run does every item.
 */
@Timeout(60)
class BulkRunnerServerTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    static LocalBedrockServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        server.model(MODEL).reply("a summary");
    }

    /** A credentials chain with nothing in it, as on a machine where no AWS setup was done. */
    static AwsCredentialsProvider noCredentials() {
        ProfileFile empty = ProfileFile.builder().type(ProfileFile.Type.CREDENTIALS)
                .content(new ByteArrayInputStream(new byte[0])).build();
        return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(false)
                .credentialsProviders(ProfileCredentialsProvider.builder().profileFile(() -> empty).profileName("default").build())
                .build();
    }

    static Bedrock bedrock(AwsCredentialsProvider credentials) {
        return Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .decorate(ResilienceRegistry.of(ResiliencePolicy.builder().maxAttempts(4)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()))
                .build();
    }

    BulkRunner runner(Bedrock bedrock) {
        return BulkRunner.builder(bedrock.chat(MODEL)).requests(i -> ChatRequest.of(i.text()))
                .output(dir.resolve("out.jsonl")).initialConcurrency(4).maxConcurrency(4).build();
    }

    @Test
    void missingCredentialsStopTheRunWithTheFixAndTheNextRunDoesEveryItem() throws IOException {
        Path input = BulkRunnerTest.writeInput(dir, 30);
        try (Bedrock bedrock = bedrock(noCredentials())) {
            BulkRunner runner = runner(bedrock);
            assertThatThrownBy(() -> runner.run(input)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.attempts()).as("resilience did not retry it").isEqualTo(1);
                assertThat(e.getMessage())
                        .startsWith("No AWS credentials were found. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                        .contains("Bedrock.builder().credentialsProvider(...)")
                        .contains("Profile file contained no credentials for profile 'default'");
            });
            assertThat(server.requestCount()).as("unsigned: nothing reached the server").isZero();
            assertThat(BulkRunnerTest.lines(runner.deadLetterFile())).as("nothing dead-lettered").isEmpty();
            assertThat(BulkRunnerTest.lines(dir.resolve("out.jsonl"))).isEmpty();
        }

        try (Bedrock bedrock = bedrock(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))) {
            BulkReport report = runner(bedrock).run(input);
            assertThat(report.skipped()).isZero();
            assertThat(report.succeeded()).isEqualTo(30);
            assertThat(server.requestCount()).isEqualTo(30);
        }
    }

    @Test
    void accessDeniedStopsTheRunAfterTheRequestsInFlightEachSentOnce() throws IOException {
        server.model(MODEL).fault(Fault.error(403, "AccessDeniedException",
                "You don't have access to the model with the specified model ID."));
        Path input = BulkRunnerTest.writeInput(dir, 30);
        try (Bedrock bedrock = bedrock(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))) {
            BulkRunner runner = runner(bedrock);
            assertThatThrownBy(() -> runner.run(input)).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.getMessage()).contains("You don't have access to the model");
            });
            assertThat(server.requestCount()).as("at most the four calls in flight, none retried").isBetween(1, 4);
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.attempt()).isEqualTo(1));
            assertThat(BulkRunnerTest.lines(runner.deadLetterFile())).isEmpty();
        }
    }
}
