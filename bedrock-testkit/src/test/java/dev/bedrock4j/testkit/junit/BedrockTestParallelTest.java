package dev.bedrock4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension under JUnit's parallel execution: scenario classes (nested, so the build does not run them
 * directly) run on a launcher with {@code junit.jupiter.execution.parallel.enabled=true}, every test and class
 * concurrent by default, eight threads.
 */
class BedrockTestParallelTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    static final int REPETITIONS = 20;

    /** Tests running now and the most that ever ran at once, per scenario class and overall. */
    static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();
    static final Set<LocalBedrockServer> SERVERS = ConcurrentHashMap.newKeySet();
    /** Set while this test runs scenarios, so that scenarios meant to fail do not fail a build that selects them. */
    static volatile boolean launching;

    static boolean launchedHere() {
        return launching;
    }

    private static TestExecutionSummary runInParallel(Class<?>... scenarios) {
        RUNNING.clear();
        MOST.clear();
        SERVERS.clear();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8");
        for (Class<?> scenario : scenarios) {
            request.selectors(selectClass(scenario));
        }
        launching = true;
        try {
            launcher.execute(request.build(), listener);
        } finally {
            launching = false;
        }
        return listener.getSummary();
    }

    private static void assertAllSucceeded(TestExecutionSummary summary, long tests) {
        assertThat(summary.getFailures()).as("scenario failures").extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).as("scenario tests succeeded").isEqualTo(tests);
    }

    /** Runs a test body while counting how many tests of its class (and of all classes) run at the same time. */
    private static void counted(String scenario, Runnable body) {
        int now = RUNNING.computeIfAbsent(scenario, k -> new AtomicInteger()).incrementAndGet();
        int all = RUNNING.computeIfAbsent("all", k -> new AtomicInteger()).incrementAndGet();
        MOST.computeIfAbsent(scenario, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        MOST.computeIfAbsent("all", k -> new AtomicInteger()).accumulateAndGet(all, Math::max);
        try {
            body.run();
            Thread.sleep(20); // long enough for other tests to start meanwhile if they are allowed to
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            RUNNING.get(scenario).decrementAndGet();
            RUNNING.get("all").decrementAndGet();
        }
    }

    /** One call through the SDK to a model scripted with this test's own answer, on a server nobody else touched. */
    private static void callWithItsOwnScript(LocalBedrockServer server, Bedrock bedrock, String answer) {
        assertThat(server.requestCount()).as("a clean server").isZero();
        server.model(MODEL).reply(answer);
        assertThat(bedrock.chat(MODEL).prompt().user("hi").call().text()).isEqualTo(answer);
        assertThat(server.requestCount()).as("only this test's request").isEqualTo(1);
        assertThat(server.abandonedStreams()).isZero();
        SERVERS.add(server);
    }

    // ------------------------------------------------------------------ @BedrockTest: its lock serialises a class

    @BedrockTest
    static class SharedServerScenario {
        @RepeatedTest(REPETITIONS)
        void callsTheSharedServer(LocalBedrockServer server, Bedrock bedrock, RepetitionInfo repetition) {
            counted("shared", () -> callWithItsOwnScript(server, bedrock, "answer " + repetition.getCurrentRepetition()));
        }
    }

    @BedrockTest
    static class OtherSharedServerScenario {
        @RepeatedTest(REPETITIONS)
        void callsItsOwnSharedServer(LocalBedrockServer server, Bedrock bedrock, RepetitionInfo repetition) {
            counted("other", () -> callWithItsOwnScript(server, bedrock, "other " + repetition.getCurrentRepetition()));
        }
    }

    @Test
    void theTestsOfOneClassRunOneAtATimeWhileClassesRunSideBySide() {
        TestExecutionSummary summary = runInParallel(SharedServerScenario.class, OtherSharedServerScenario.class);

        assertAllSucceeded(summary, 2L * REPETITIONS);
        assertThat(MOST.get("shared")).as("tests of one class at once").hasValue(1);
        assertThat(MOST.get("other")).as("tests of one class at once").hasValue(1);
        assertThat(MOST.get("all").get()).as("tests of both classes at once").isEqualTo(2);
        assertThat(SERVERS).as("one server per class").hasSize(2);
    }

    // ------------------------------------------------------------------ serverPerTest: concurrent within a class

    @BedrockTest(serverPerTest = true)
    static class ServerPerTestScenario {
        LocalBedrockServer field;
        LocalBedrockServer beforeEach;

        @BeforeEach
        void script(LocalBedrockServer server) {
            beforeEach = server;
        }

        @RepeatedTest(REPETITIONS)
        void callsItsOwnServer(LocalBedrockServer server, Bedrock bedrock, RepetitionInfo repetition) {
            assertThat(field).isSameAs(server).isSameAs(beforeEach);
            counted("perTest", () -> callWithItsOwnScript(server, bedrock, "answer " + repetition.getCurrentRepetition()));
        }
    }

    @Test
    void withAServerPerTestTheTestsOfAClassRunConcurrentlyEachOnItsOwnServer() throws Exception {
        TestExecutionSummary summary = runInParallel(ServerPerTestScenario.class);

        assertAllSucceeded(summary, REPETITIONS);
        assertThat(MOST.get("perTest").get()).as("tests of the class at once").isGreaterThan(1);
        assertThat(SERVERS).as("a server per test").hasSize(REPETITIONS);
        for (LocalBedrockServer server : SERVERS) {
            assertThatThrownBy(() -> connect(server.endpoint())).as("closed after its test").isInstanceOf(ConnectException.class);
        }
    }

    @BedrockTest(serverPerTest = true)
    @EnabledIf("dev.bedrock4j.testkit.junit.BedrockTestParallelTest#launchedHere")
    static class ServerPerTestInBeforeAllScenario {
        @BeforeAll
        static void scriptForAll(LocalBedrockServer server) {
        }

        @Test
        void neverRuns() {
        }
    }

    @Test
    void aServerPerTestIsRefusedOutsideATestNamingTheFix() {
        TestExecutionSummary summary = runInParallel(ServerPerTestInBeforeAllScenario.class);

        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(causes(failure.getException()))
                .anySatisfy(message -> assertThat(message)
                        .contains("@BedrockTest(serverPerTest = true)", "take them as parameters of the test or of a"
                                + " @BeforeEach method, not in a @BeforeAll method")));
    }

    // ------------------------------------------------------------------ @ExtendWith alone: no lock, a clear error

    @ExtendWith(BedrockTestExtension.class)
    @Execution(ExecutionMode.CONCURRENT)
    @EnabledIf("dev.bedrock4j.testkit.junit.BedrockTestParallelTest#launchedHere")
    static class UnlockedScenario {
        @RepeatedTest(8)
        void callsTheSharedServer(LocalBedrockServer server, Bedrock bedrock) throws InterruptedException {
            assertThat(bedrock.chat(MODEL).prompt().user("hi").call().text()).isEqualTo("You said: hi");
            Thread.sleep(200);
        }
    }

    @Test
    void withoutTheLockConcurrentTestsFailWithAnErrorNamingTheFix() {
        TestExecutionSummary summary = runInParallel(UnlockedScenario.class);

        assertThat(summary.getTestsFailedCount()).as("tests that overlapped another").isPositive();
        assertThat(summary.getFailures()).allSatisfy(failure -> assertThat(failure.getException())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("ran at the same time against the one LocalBedrockServer they share")
                .hasMessageContaining("annotate the class with @BedrockTest instead of @ExtendWith(BedrockTestExtension.class)")
                .hasMessageContaining("@BedrockTest(serverPerTest = true)"));
        assertThat(summary.getTestsSucceededCount()).as("the tests that had the server to themselves").isPositive();
    }

    private static List<String> causes(Throwable failure) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    private static void connect(URI endpoint) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
        }
    }
}
