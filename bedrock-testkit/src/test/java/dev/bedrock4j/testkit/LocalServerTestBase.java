package dev.bedrock4j.testkit;

import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * One local server and the four real SDK clients, shared by the test classes that drive it (they run one
 * after another) and reset before each test. They live until the test JVM exits: closing the SDK's async
 * clients takes seconds each, which the suite need not pay per class.
 */
abstract class LocalServerTestBase {
    static final LocalBedrockServer server = LocalBedrockServer.start();
    static final BedrockRuntimeClient sync = SdkClients.runtime(server.endpoint());
    static final BedrockRuntimeAsyncClient async = SdkClients.runtimeAsync(server.endpoint());
    static final BedrockAgentRuntimeClient agentSync = SdkClients.agentRuntime(server.endpoint());
    static final BedrockAgentRuntimeAsyncClient agentAsync = SdkClients.agentRuntimeAsync(server.endpoint());

    @BeforeEach
    void resetServer() {
        server.reset();
    }
}
