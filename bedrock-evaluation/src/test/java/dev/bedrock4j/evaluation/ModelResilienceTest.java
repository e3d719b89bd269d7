package dev.bedrock4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.ModelDecorator;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * An evaluation calls each model as given and adds no retry layer of its own: a model is retried by
 * whatever resilience the {@code Bedrock} it came from has (the AWS SDK's retries, or a decorator such as
 * the production module's resilience registry), and a call that still fails is a failed case. Counted on
 * the wire, against the testkit's server, through the real SDK client.
 */
class ModelResilienceTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    static LocalBedrockServer server;

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
        server.model(MODEL).respondWith(r -> ChatResponse.ofText(Invoices.rightAnswer(r)));
    }

    static Bedrock.Builder bedrock() {
        return Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
    }

    /**
     * A stand-in for the production module's resilience registry, which this module must not depend on: it
     * retries retryable failures at once, up to a number of attempts, and says so, so that the SDK's own
     * retries are switched off for its models.
     */
    static final class RetryingDecorator implements ModelDecorator {
        final int maxAttempts;
        final AtomicInteger attempts = new AtomicInteger();

        RetryingDecorator(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        @Override
        public ChatModel decorate(ChatModel model) {
            return new ChatModel() {
                @Override
                public String modelId() {
                    return model.modelId();
                }

                @Override
                public ChatResponse call(ChatRequest request) {
                    for (int attempt = 1; ; attempt++) {
                        attempts.incrementAndGet();
                        try {
                            return model.call(request);
                        } catch (BedrockException e) {
                            if (!e.isRetryable() || attempt == maxAttempts) {
                                throw e.recordAttempts(attempt);
                            }
                        }
                    }
                }
            };
        }

        @Override
        public boolean retries(String modelId) {
            return true;
        }
    }

    static EvalReport evaluate(ChatModel model, int maxConcurrency) {
        return Evaluation.builder(Invoices.SUITE).model(model).metrics(FieldAccuracy.all())
                .maxConcurrency(maxConcurrency).build().run();
    }

    @Test
    void aDecoratorsRetriesAreTheOnlyRetries() {
        // inv-1 is throttled on all three attempts; inv-2 twice, then answered
        server.model(MODEL).faultNext(5, Fault.throttling());
        RetryingDecorator resilience = new RetryingDecorator(3);
        try (Bedrock bedrock = bedrock().decorate(resilience).build()) {
            EvalReport report = evaluate(bedrock.chat(MODEL), 1);

            assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(3 + 3 + 4);
            assertThat(resilience.attempts).hasValue(10);
            assertThat(server.requests()).extracting(RecordedRequest::attempt)
                    .as("the SDK made one attempt per call: the decorator retried, nothing else").containsOnly(1);
            assertFirstCaseFailedAndTheRestPassed(report);
        }
    }

    @Test
    void theSdksRetriesAreTheOnlyRetriesOfAnUndecoratedModel() {
        server.model(MODEL).faultNext(5, Fault.throttling());
        try (BedrockRuntimeClient sdk = sdkClientWithThreeImmediateAttempts();
             Bedrock bedrock = Bedrock.builder().runtimeClient(sdk).build()) {
            EvalReport report = evaluate(bedrock.chat(MODEL), 1);

            assertThat(server.requests()).extracting(RecordedRequest::attempt)
                    .as("inv-1: three attempts, all throttled; inv-2: the third answered; one each for the rest")
                    .containsExactly(1, 2, 3, 1, 2, 3, 1, 1, 1, 1);
            assertFirstCaseFailedAndTheRestPassed(report);
        }
    }

    @Test
    void persistentThrottlingFailsEveryCaseAfterExactlyTheModelsOwnAttempts() {
        server.model(MODEL).fault(Fault.throttling());
        RetryingDecorator resilience = new RetryingDecorator(3);
        try (Bedrock bedrock = bedrock().decorate(resilience).build()) {
            EvalReport report = evaluate(bedrock.chat(MODEL), 4);

            assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(6 * 3);
            assertThat(resilience.attempts).hasValue(6 * 3);
            RunSummary run = report.runs().get(0);
            assertThat(run.failed()).isEqualTo(6);
            assertThat(run.mean("field_accuracy")).isEqualTo(0.0);
            assertThat(report.results()).allSatisfy(r -> assertThat(r.error().orElseThrow()).startsWith("ThrottledException"));
        }
    }

    @Test
    void aCallThatCannotSucceedIsNotRetriedByAnyone() {
        server.model(MODEL).faultNext(1, Fault.error(400, "ValidationException", "Malformed input request"));
        RetryingDecorator resilience = new RetryingDecorator(3);
        try (Bedrock bedrock = bedrock().decorate(resilience).build()) {
            EvalReport report = evaluate(bedrock.chat(MODEL), 1);

            assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(6);
            CaseResult failed = report.results().get(0);
            assertThat(failed.error().orElseThrow()).startsWith("InvalidRequestException").contains("Malformed input request");
            assertThat(report.runs().get(0).failed()).isEqualTo(1);
        }
    }

    static void assertFirstCaseFailedAndTheRestPassed(EvalReport report) {
        RunSummary run = report.runs().get(0);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.mean("field_accuracy")).isEqualTo(5.0 / 6);
        CaseResult first = report.results().get(0);
        assertThat(first.caseId()).isEqualTo("inv-1");
        assertThat(first.error().orElseThrow()).startsWith("ThrottledException");
        assertThat(first.score("field_accuracy")).hasValue(0.0);
        assertThat(report.results().subList(1, 6)).allSatisfy(r -> {
            assertThat(r.error()).isEmpty();
            assertThat(r.score("field_accuracy")).hasValue(1.0);
        });
    }

    static BedrockRuntimeClient sdkClientWithThreeImmediateAttempts() {
        return BedrockRuntimeClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }
}
