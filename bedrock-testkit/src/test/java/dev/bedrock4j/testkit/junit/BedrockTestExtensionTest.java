package dev.bedrock4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;

/**
 * The extension's lifecycle, seen from outside: test classes of its own ("scenarios", nested here so the
 * build does not run them directly) run on a launcher, record what they were given, and are checked after.
 */
class BedrockTestExtensionTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    private static void run(Class<?>... scenarios) {
        SEEN.clear();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> scenario : scenarios) {
            request.selectors(selectClass(scenario));
        }
        launcher.execute(request.build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).as("scenario failures").extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).as("scenario tests succeeded").isPositive();
    }

    private static String call(Bedrock bedrock) {
        return bedrock.chat(MODEL).prompt().user("hi").call().text();
    }

    // ------------------------------------------------------------------ reset between tests

    @BedrockTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeakScenario {
        @Test
        @Order(1)
        void scriptsEverything(LocalBedrockServer server, Bedrock bedrock) {
            server.model(MODEL).reply("scripted");
            server.knowledgeBase("KB1").add("doc", "text");
            assertThat(call(bedrock)).isEqualTo("scripted");
            abandonAStream(server, bedrock);
            server.faultNext(5, Fault.throttling());
        }

        @Test
        @Order(2)
        void startsFromACleanServer(LocalBedrockServer server, BedrockAgentRuntimeClient agentRuntime, Bedrock bedrock) {
            assertThat(server.requestCount()).isZero();
            assertThat(server.abandonedStreams()).isZero();
            assertThat(call(bedrock)).isEqualTo("You said: hi");              // no reply, no fault left
            assertThat(server.requestCount()).isEqualTo(1);
            assertThatThrownBy(() -> agentRuntime.retrieve(r -> r.knowledgeBaseId("KB1").retrievalQuery(q -> q.text("text"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            SEEN.add("clean");
        }
    }

    /** Starts a slow stream, cancels it after its first text and waits until the server has seen it abandoned. */
    private static void abandonAStream(LocalBedrockServer server, Bedrock bedrock) {
        // Paced to outlast the test (over a minute and a half), so the stream is still running when it is cancelled.
        server.model("slow-model").reply(String.join(" ", java.util.Collections.nCopies(2000, "slowly")))
                .fault(Fault.paced(java.time.Duration.ofMillis(50)));
        var stream = bedrock.chat("slow-model").prompt().user("go slowly").stream();
        var firstText = new java.util.concurrent.CountDownLatch(1);
        stream.forEachText(text -> firstText.countDown());
        try {
            assertThat(firstText.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            stream.cancel();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (server.abandonedStreams() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(server.abandonedStreams()).isEqualTo(1);
    }

    @Test
    void resetsScriptsFaultsAndRecordsBeforeEachTest() {
        run(LeakScenario.class);
        assertThat(SEEN).containsExactly("clean");
    }

    // ------------------------------------------------------------------ one server per class, closed after it

    @BedrockTest
    static class FirstClass {
        @Test
        void one(LocalBedrockServer server, BedrockRuntimeClient runtime, BedrockRuntimeAsyncClient runtimeAsync) {
            SEEN.add(server);
            SEEN.add(runtime);
            SEEN.add(runtimeAsync);
        }

        @Test
        void two(LocalBedrockServer server) {
            SEEN.add(server);
        }
    }

    @BedrockTest
    static class SecondClass {
        @Test
        void one(LocalBedrockServer server) {
            SEEN.add(server);
        }
    }

    @Test
    void eachClassGetsItsOwnServerSharedByItsTestsAndClosedAfterIt() {
        run(FirstClass.class, SecondClass.class);

        List<LocalBedrockServer> servers = SEEN.stream().filter(LocalBedrockServer.class::isInstance)
                .map(LocalBedrockServer.class::cast).toList();
        assertThat(servers).hasSize(3);
        assertThat(servers.get(0)).isSameAs(servers.get(1)).isNotSameAs(servers.get(2));
        for (LocalBedrockServer server : servers) {
            assertThatThrownBy(() -> connect(server.endpoint())).isInstanceOf(ConnectException.class);
        }
        BedrockRuntimeClient runtime = (BedrockRuntimeClient) SEEN.get(1);
        assertThatThrownBy(() -> runtime.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi"))))).isInstanceOf(IllegalStateException.class);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("bedrock-test-client"));
    }

    private static void connect(URI endpoint) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
        }
    }

    @BedrockTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class OneInstanceForTheClass {
        LocalBedrockServer server;
        LocalBedrockServer beforeAll;

        @BeforeAll
        void beforeAll(LocalBedrockServer server) {
            this.beforeAll = server;
        }

        @Test
        void getsTheServerBeforeItsFirstTest(LocalBedrockServer server) {
            assertThat(this.server).isSameAs(server).isSameAs(beforeAll);
            SEEN.add(server);
        }
    }

    @Test
    void aClassWithOneInstanceIsInjectedBeforeItsBeforeAllMethods() {
        run(OneInstanceForTheClass.class);

        assertThat(SEEN).hasSize(1).allSatisfy(server ->
                assertThatThrownBy(() -> connect(((LocalBedrockServer) server).endpoint())).isInstanceOf(ConnectException.class));
    }

    // ------------------------------------------------------------------ retries

    @BedrockTest(retries = SdkRetries.NONE)
    static class NoRetries {
        @Test
        void failsOnTheFirstThrottling(LocalBedrockServer server, Bedrock bedrock) {
            server.faultNext(1, Fault.throttling());
            assertThatThrownBy(() -> call(bedrock)).isInstanceOf(ThrottledException.class);
            assertThat(server.requestCount()).isEqualTo(1);
            SEEN.add("none");
        }
    }

    @BedrockTest(retries = SdkRetries.IMMEDIATE)
    static class ImmediateRetries {
        @Test
        void retriesThreeTimesWithoutWaiting(LocalBedrockServer server, Bedrock bedrock) {
            server.faultNext(3, Fault.throttling());
            assertThat(call(bedrock)).isEqualTo("You said: hi");
            assertThat(server.requestCount()).isEqualTo(4);
            SEEN.add("immediate");
        }
    }

    @ExtendWith(BedrockTestExtension.class)
    static class DefaultRetries {
        @Test
        void retriesAsTheSdkDoes(LocalBedrockServer server, Bedrock bedrock) {
            server.faultNext(1, Fault.internalError());
            assertThat(call(bedrock)).isEqualTo("You said: hi");
            assertThat(server.requests()).extracting(r -> r.attempt()).containsExactly(1, 2);
            SEEN.add("default");
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @BedrockTest(retries = SdkRetries.NONE)
    @interface FailFastBedrockTest {
    }

    @FailFastBedrockTest
    static class MetaAnnotated {
        @Test
        void takesTheSettingsOfTheMetaAnnotation(LocalBedrockServer server, Bedrock bedrock) {
            server.faultNext(1, Fault.serviceUnavailable());
            assertThatThrownBy(() -> call(bedrock)).isInstanceOf(ServiceUnavailableException.class);
            SEEN.add("meta");
        }
    }

    @Test
    void clientsRetryAsTheAnnotationSays() {
        run(NoRetries.class, ImmediateRetries.class, DefaultRetries.class, MetaAnnotated.class);
        assertThat(SEEN).containsExactly("none", "immediate", "default", "meta");
    }
}
