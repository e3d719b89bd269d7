package dev.bedrock4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

/** Everything the extension injects, into which kinds of parameters and fields, and that it is all the class's one set. */
@BedrockTest
class BedrockTestInjectionTest {
    static final String MODEL = "amazon.nova-lite-v1:0";

    static LocalBedrockServer staticServer;
    static LocalBedrockServer beforeAllServer;
    static final BedrockRuntimeClient FINAL_STATIC = null;

    private final LocalBedrockServer constructorServer;
    private final Bedrock finalField = null;
    LocalBedrockServer server;
    BedrockRuntimeClient runtime;
    BedrockRuntimeAsyncClient runtimeAsync;
    BedrockAgentRuntimeClient agentRuntime;
    BedrockAgentRuntimeAsyncClient agentRuntimeAsync;
    Bedrock bedrock;
    Bedrock alreadySet = PRESET;
    String notInjectable;

    private static final Bedrock PRESET = Bedrock.builder().runtimeClient(FakeBedrockRuntimeClient.create()).build();

    BedrockTestInjectionTest(LocalBedrockServer constructorServer) {
        this.constructorServer = constructorServer;
    }

    @BeforeAll
    static void lifecycleMethodsGetParametersToo(LocalBedrockServer server) {
        beforeAllServer = server;
    }

    private static final Consumer<ConverseRequest.Builder> HI =
            r -> r.modelId(MODEL).messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi")));

    @Test
    void injectsEveryTypeAsAParameterConfiguredForTheServer(LocalBedrockServer server, BedrockRuntimeClient runtime,
            BedrockRuntimeAsyncClient runtimeAsync, BedrockAgentRuntimeClient agentRuntime,
            BedrockAgentRuntimeAsyncClient agentRuntimeAsync, Bedrock bedrock) {
        server.model(MODEL).reply("hello");
        server.knowledgeBase("KB1").add("doc", "Returns are accepted for thirty days.");

        assertConfiguredFor(server, runtime.serviceClientConfiguration());
        assertConfiguredFor(server, runtimeAsync.serviceClientConfiguration());
        assertConfiguredFor(server, agentRuntime.serviceClientConfiguration());
        assertConfiguredFor(server, agentRuntimeAsync.serviceClientConfiguration());

        assertThat(runtime.converse(HI).output().message().content().get(0).text()).isEqualTo("hello");
        assertThat(runtimeAsync.converse(HI).join().output().message().content().get(0).text()).isEqualTo("hello");
        assertThat(agentRuntime.retrieve(r -> r.knowledgeBaseId("KB1").retrievalQuery(q -> q.text("returns")))
                .retrievalResults()).hasSize(1);
        assertThat(agentRuntimeAsync.retrieve(r -> r.knowledgeBaseId("KB1").retrievalQuery(q -> q.text("returns")))
                .join().retrievalResults()).hasSize(1);
        assertThat(bedrock.chat(MODEL).prompt().user("hi").call().text()).isEqualTo("hello");
        assertThat(bedrock.chat(MODEL).prompt().user("hi").stream().collect().join().text()).isEqualTo("hello");

        assertThat(server.requests()).extracting(RecordedRequest::operation).containsExactly(
                BedrockOperation.CONVERSE, BedrockOperation.CONVERSE, BedrockOperation.RETRIEVE, BedrockOperation.RETRIEVE,
                BedrockOperation.CONVERSE, BedrockOperation.CONVERSE_STREAM);
    }

    private static void assertConfiguredFor(LocalBedrockServer server, AwsServiceClientConfiguration configuration) {
        assertThat(configuration.endpointOverride()).contains(server.endpoint());
        assertThat(configuration.region()).isEqualTo(Region.US_EAST_1);
        AwsCredentialsIdentity identity = configuration.credentialsProvider().resolveIdentity().join();
        assertThat(identity.accessKeyId()).isEqualTo("AKIDLOCALTEST");
    }

    @Test
    void injectsFieldsWithTheSameInstancesAsParameters(LocalBedrockServer server, BedrockRuntimeClient runtime,
            BedrockRuntimeAsyncClient runtimeAsync, BedrockAgentRuntimeClient agentRuntime,
            BedrockAgentRuntimeAsyncClient agentRuntimeAsync, Bedrock bedrock) {
        assertThat(this.server).isSameAs(server).isSameAs(constructorServer).isSameAs(staticServer).isSameAs(beforeAllServer);
        assertThat(this.runtime).isSameAs(runtime);
        assertThat(this.runtimeAsync).isSameAs(runtimeAsync);
        assertThat(this.agentRuntime).isSameAs(agentRuntime);
        assertThat(this.agentRuntimeAsync).isSameAs(agentRuntimeAsync);
        assertThat(this.bedrock).isSameAs(bedrock);
        assertThat(bedrock.runtimeClient()).isSameAs(runtime);
        assertThat(bedrock.asyncRuntimeClient()).isSameAs(runtimeAsync);
    }

    @Test
    void leavesFinalFieldsFieldsAlreadySetAndOtherTypesAlone() {
        assertThat(FINAL_STATIC).isNull();
        assertThat(finalField).isNull();
        assertThat(alreadySet).isSameAs(PRESET).isNotSameAs(bedrock);
        assertThat(notInjectable).isNull();
    }

    @Nested
    class WhenNested {
        LocalBedrockServer nestedServer;

        @Test
        void sharesTheEnclosingClassesServerAndClients(LocalBedrockServer server, BedrockRuntimeClient runtime) {
            assertThat(server).isSameAs(nestedServer).isSameAs(BedrockTestInjectionTest.this.server);
            assertThat(runtime).isSameAs(BedrockTestInjectionTest.this.runtime);
        }
    }
}
