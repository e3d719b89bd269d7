package dev.bedrock4j.tools;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;

/** The real SDK clients, built as users build them, pointed at a local Bedrock server. */
public final class LocalBedrock {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    private LocalBedrock() {
    }

    /** A Bedrock whose runtime clients call the server. */
    public static Bedrock bedrock(LocalBedrockServer server) {
        return Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
    }

    /** An agent runtime client that calls the server. */
    public static BedrockAgentRuntimeAsyncClient agentRuntime(LocalBedrockServer server) {
        return BedrockAgentRuntimeAsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
    }
}
