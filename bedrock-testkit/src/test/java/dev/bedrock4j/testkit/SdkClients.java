package dev.bedrock4j.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** The real SDK clients, built as users build them, pointed at a local server. */
final class SdkClients {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    private SdkClients() {
    }

    /** The SDK's default retry mode (legacy, 4 attempts) without the waits between attempts. */
    static RetryStrategy fastRetries() {
        return AwsRetryStrategy.legacyRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build();
    }

    private static void fast(ClientOverrideConfiguration.Builder o) {
        o.retryStrategy(fastRetries());
    }

    static BedrockRuntimeClient runtime(URI endpoint) {
        return BedrockRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).overrideConfiguration(SdkClients::fast).build();
    }

    static BedrockRuntimeAsyncClient runtimeAsync(URI endpoint) {
        return BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).overrideConfiguration(SdkClients::fast).build();
    }

    static BedrockAgentRuntimeClient agentRuntime(URI endpoint) {
        return BedrockAgentRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).overrideConfiguration(SdkClients::fast).build();
    }

    static BedrockAgentRuntimeAsyncClient agentRuntimeAsync(URI endpoint) {
        return BedrockAgentRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).overrideConfiguration(SdkClients::fast).build();
    }
}
