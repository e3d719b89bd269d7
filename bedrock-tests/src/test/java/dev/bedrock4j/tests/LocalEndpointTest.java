package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Bedrock.local(uri)} and the AWS SDK's endpoint settings, through the real SDK clients against the
 * local server. The settings read the environment, so those cases run in child JVMs whose environment the test
 * controls: no AWS variable of the machine's, a home without {@code ~/.aws}.
 */
@Timeout(120)
class LocalEndpointTest {
    static final String MODEL = "amazon.nova-lite-v1:0";
    static LocalBedrockServer server;
    /** A port where nothing listens: an endpoint the SDK must not use. */
    static URI nowhere;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws IOException {
        server = LocalBedrockServer.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void script() {
        server.reset();
        server.model(MODEL).reply("Hello from the local server");
    }

    @Test
    void oneLineReachesTheServerForCallsStreamsAndEmbeddingsSignedForUsEast1() {
        try (Bedrock bedrock = Bedrock.local(server.endpoint())) {
            assertThat(bedrock.chat(MODEL).prompt().user("Hi").call().text()).isEqualTo("Hello from the local server");
            ChatResponse streamed = bedrock.chat(MODEL).prompt().user("Hi again").stream().collect().join();
            assertThat(streamed.text()).isEqualTo("Hello from the local server");
            Embedding vector = bedrock.embeddings("amazon.titan-embed-text-v2:0").embedQuery("vacation days");
            assertThat(vector.vector()).hasSize(1024);
        }
        assertThat(server.requests()).extracting(RecordedRequest::operation).containsExactly(
                BedrockOperation.CONVERSE, BedrockOperation.CONVERSE_STREAM, BedrockOperation.INVOKE_MODEL);
        assertThat(server.requests()).allSatisfy(request -> assertThat(request.header("authorization")).hasValueSatisfying(
                auth -> assertThat(auth).startsWith("AWS4-HMAC-SHA256").contains("/us-east-1/bedrock/aws4_request")));
    }

    /** Runs in a child JVM: builds as asked, makes one call, prints one line. */
    public static final class Child {
        public static void main(String[] args) {
            for (String how : args[0].split(",")) {
                try (Bedrock bedrock = how.equals("create") ? Bedrock.create() : Bedrock.local(URI.create(args[1]))) {
                    System.out.println(how + ": " + bedrock.chat(MODEL).prompt().user("from " + how).call().text());
                } catch (BedrockException e) {
                    System.out.println(how + ": " + e.getClass().getSimpleName() + " retryable=" + e.isRetryable()
                            + " " + e.getMessage());
                }
            }
        }
    }

    /** Starts the child JVM; arguments starting with {@code -D} are its system properties, the others its main's. */
    private Process child(String name, Map<String, String> environment, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + home));
        List<String> mainArguments = new ArrayList<>();
        for (String argument : arguments) {
            (argument.startsWith("-D") ? command : mainArguments).add(argument);
        }
        command.add(Child.class.getName());
        command.addAll(mainArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(home.resolve(name + ".err").toFile())
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.putAll(environment);
        return builder.start();
    }

    private List<String> output(String name, Process process) throws Exception {
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        assertThat(process.exitValue()).as(name + " exit; its stderr: " + Files.readString(home.resolve(name + ".err")))
                .isZero();
        return Files.readAllLines(home.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    @Test
    void createHonoursTheSdksEndpointVariablesAndPropertiesAndLocalOverridesThem() throws Exception {
        String endpoint = server.endpoint().toString();
        Map<String, String> credentials = Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test");
        Map<String, String> serviceVariable = new HashMap<>(credentials);
        serviceVariable.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", endpoint);
        serviceVariable.put("AWS_ENDPOINT_URL", nowhere.toString());      // the service's own setting wins
        Map<String, String> globalVariable = new HashMap<>(credentials);
        globalVariable.put("AWS_ENDPOINT_URL", endpoint);
        Map<String, String> nothingButAWrongEndpoint = Map.of("AWS_ENDPOINT_URL", nowhere.toString(),
                "AWS_EC2_METADATA_DISABLED", "true");

        Process service = child("service", serviceVariable, "create");
        Process global = child("global", globalVariable, "create");
        Process property = child("property", credentials, "-Daws.endpointUrlBedrockRuntime=" + endpoint, "create");
        Process globalProperty = child("global-property", credentials, "-Daws.endpointUrl=" + endpoint, "create");
        Process local = child("local", nothingButAWrongEndpoint, "create,local", endpoint);

        assertThat(output("service", service)).containsExactly("create: Hello from the local server");
        assertThat(output("global", global)).containsExactly("create: Hello from the local server");
        assertThat(output("property", property)).containsExactly("create: Hello from the local server");
        assertThat(output("global-property", globalProperty)).containsExactly("create: Hello from the local server");
        List<String> lines = output("local", local);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).as("an endpoint does not make the region optional")
                .startsWith("create: ConfigurationException retryable=false No AWS region is configured. Fix: set the"
                        + " AWS_REGION environment variable");
        assertThat(lines.get(1)).as("local() needs no AWS setup and its endpoint beats the environment's")
                .isEqualTo("local: Hello from the local server");
        assertThat(server.requests(BedrockOperation.CONVERSE)).extracting(r -> r.chatRequest().orElseThrow().lastUserText())
                .containsExactlyInAnyOrder("from create", "from create", "from create", "from create", "from local");
    }
}
