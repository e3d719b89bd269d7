package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bedrock4j.testkit.LocalBedrockServerAgentRuntimeTest.AgentCall;
import dev.bedrock4j.testkit.LocalBedrockServerConverseTest.Recorder;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;

/**
 * The server jar ({@code bedrock-testkit-VERSION-server.jar}) started as a separate process, as a Python,
 * JavaScript or CLI user starts it, and driven over HTTP: its control API with the Java SDK clients, then the
 * README's boto3, AWS CLI and JavaScript examples and the per-client fidelity scripts. A client that is not
 * installed here (python3 with boto3, the AWS CLI, Node with the AWS SDK for JavaScript in {@code src/test/js})
 * skips its tests, saying why. Runs in {@code verify}, after {@code package} built the jar.
 */
class StandaloneServerIT {
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static final List<String> OPERATIONS = List.of("Converse", "ConverseStream", "InvokeModel",
            "InvokeModelWithResponseStream", "errors", "Retrieve", "RetrieveAndGenerate", "RetrieveAndGenerateStream",
            "InvokeAgent", "requests");

    static Process server;
    static StringBuffer serverOutput = new StringBuffer();
    static URI endpoint;
    static ControlClient control;

    static Path jar() {
        Path jar = Path.of(System.getProperty("bedrock4j.server.jar", "target/bedrock-testkit-server.jar"));
        assertThat(jar).as("the server jar, built by `mvn package`").exists();
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @BeforeAll
    static void startTheJar() throws Exception {
        server = new ProcessBuilder(java(), "-jar", jar().toString(), "--port", "0").redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line = first.get(60, TimeUnit.SECONDS);
        assertThat(line).as("the server's first line").startsWith("Bedrock4j local Bedrock server listening on http://127.0.0.1:");
        endpoint = URI.create(line.substring(line.lastIndexOf(' ') + 1));
        Thread drain = new Thread(() -> lines.lines().forEach(l -> serverOutput.append(l).append('\n')), "server-output");
        drain.setDaemon(true);
        drain.start();
        control = new ControlClient(endpoint);
    }

    @AfterAll
    static void stopsOnSigterm() throws InterruptedException {
        if (server == null) {
            return;
        }
        server.destroy(); // SIGTERM, as Ctrl+C or a CI job's end
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server stopped").isTrue();
        assertThat(serverOutput.toString()).as("the server failed on no request").doesNotContain("failed to answer");
    }

    // ------------------------------------------------------------------ Java

    @Test
    void theJavaSdkClientsOverHttp1AndHttp2() {
        control.apply("POST", "/reset", null);
        control.apply("PUT", "/models/" + CLAUDE, "{\"replies\": [\"Hello from the jar!\"], \"reply\": \"Streamed from the jar.\"}");
        control.apply("PUT", "/agents/AGENT1/ALIAS1", "{\"reply\": \"Order 42 ships tomorrow.\"}");
        BedrockRuntimeClient sync = SdkClients.runtime(endpoint);
        BedrockRuntimeAsyncClient async = SdkClients.runtimeAsync(endpoint);
        BedrockAgentRuntimeAsyncClient agents = SdkClients.agentRuntimeAsync(endpoint);

        String text = sync.converse(r -> r.modelId(CLAUDE).messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))))
                .output().message().content().get(0).text();
        assertThat(text).isEqualTo("Hello from the jar!");

        Recorder recorder = new Recorder();
        async.converseStream(ConverseStreamRequest.builder().modelId(CLAUDE)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("And?"))).build(), recorder.handler()).join();
        assertThat(recorder.text).hasToString("Streamed from the jar.");

        AgentCall call = new AgentCall();
        agents.invokeAgent(InvokeAgentRequest.builder().agentId("AGENT1").agentAliasId("ALIAS1").sessionId("s1")
                        .inputText("Where is order 42?").build(),
                InvokeAgentResponseHandler.builder().subscriber(InvokeAgentResponseHandler.Visitor.builder()
                        .onChunk(call.chunks::add).build()).build()).join();
        assertThat(call.text()).isEqualTo("Order 42 ships tomorrow.");

        var requests = control.get("/requests").path("requests");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).path("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(requests.get(1).path("httpVersion").asText()).isEqualTo("HTTP/2.0");
        assertThat(requests.get(1).path("lastUserText").asText()).isEqualTo("And?");
        sync.close();
    }

    @Test
    void aBusyPortOrAWrongOptionStopsTheJarWithAMessage() throws Exception {
        Result busy = run(List.of(java(), "-jar", jar().toString(), "--port", Integer.toString(endpoint.getPort())),
                Path.of("."), Duration.ofSeconds(60));
        assertThat(busy.exit()).isEqualTo(1);
        assertThat(busy.output()).contains("bedrock-testkit server: cannot listen on 127.0.0.1:" + endpoint.getPort());

        Result wrong = run(List.of(java(), "-jar", jar().toString(), "--prot", "8088"), Path.of("."), Duration.ofSeconds(60));
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.output()).contains("unknown option --prot").contains("Usage: java -jar bedrock-testkit-VERSION-server.jar");
    }

    // ------------------------------------------------------------------ Python, the AWS CLI, JavaScript

    @Test
    void theReadmesBoto3Example() throws Exception {
        assumePython();
        Result result = run(List.of("python3", "boto3_example.py"), Path.of("src/test/python"), Duration.ofSeconds(120));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("boto3 example passed");
    }

    @Test
    void everyOperationThroughBoto3() throws Exception {
        assumePython();
        Result result = run(List.of("python3", "boto3_fidelity.py"), Path.of("src/test/python"), Duration.ofSeconds(120));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("ok "))).containsExactlyElementsOf(
                OPERATIONS.stream().map(o -> "ok " + o).toList());
    }

    @Test
    void theReadmesAwsCliExample() throws Exception {
        assumeTrue(onPath("aws") && onPath("curl") && onPath("bash") && onPath("python3"),
                "the AWS CLI (aws), curl, bash or python3 is not installed: the CLI example is skipped");
        Result result = run(List.of("bash", "cli_example.sh"), Path.of("src/test/cli"), Duration.ofSeconds(180));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().lines()).containsExactly(
                "Hello from the emulator!",                   // converse
                "Hello from the emulator!",                   // invoke-model
                "Items can be returned within 30 days.",      // retrieve
                "Hello from the emulator!",                   // retrieve-and-generate
                "1 Converse request");
    }

    @Test
    void theReadmesJavaScriptExample() throws Exception {
        assumeJavaScriptSdk();
        Result result = run(List.of("node", "example.js"), Path.of("src/test/js"), Duration.ofSeconds(120));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("JavaScript example passed");
    }

    @Test
    void everyOperationThroughTheJavaScriptSdk() throws Exception {
        assumeJavaScriptSdk();
        Result result = run(List.of("node", "fidelity.js"), Path.of("src/test/js"), Duration.ofSeconds(120));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("ok "))).containsExactlyElementsOf(
                OPERATIONS.stream().map(o -> "ok " + o).toList());
    }

    // ------------------------------------------------------------------ processes

    record Result(int exit, String output) {
    }

    /** Runs a command with the endpoint in BEDROCK_ENDPOINT and no AWS settings of this machine's user. */
    static Result run(List<String> command, Path directory, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("standalone-it", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_"));
            env.put("BEDROCK_ENDPOINT", endpoint.toString());
            env.put("AWS_CONFIG_FILE", directory.toAbsolutePath().resolve("no-such-aws-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", directory.toAbsolutePath().resolve("no-such-aws-credentials").toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish in " + timeout + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static void assumePython() throws IOException, InterruptedException {
        assumeTrue(onPath("python3"), "python3 is not installed: the boto3 examples are skipped");
        assumeTrue(run(List.of("python3", "-c", "import boto3"), Path.of("."), Duration.ofSeconds(60)).exit() == 0,
                "boto3 is not installed for python3 (pip install boto3): the boto3 examples are skipped");
    }

    static void assumeJavaScriptSdk() throws IOException, InterruptedException {
        assumeTrue(onPath("node"), "Node.js is not installed: the JavaScript examples are skipped");
        List<String> probe = new ArrayList<>(List.of("node", "-e",
                "require.resolve('@aws-sdk/client-bedrock-runtime'); require.resolve('@aws-sdk/client-bedrock-agent-runtime')"));
        assumeTrue(run(probe, Path.of("src/test/js"), Duration.ofSeconds(60)).exit() == 0,
                "the AWS SDK for JavaScript is not installed in bedrock-testkit/src/test/js (run `npm install` there):"
                        + " the JavaScript examples are skipped");
    }
}
