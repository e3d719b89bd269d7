package dev.bedrock4j.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The testkit's README: its boto3, JavaScript and AWS CLI examples are exactly the files the build runs against the
 * server jar ({@code StandaloneServerIT}), and each of its curl commands is accepted by the control API.
 */
class TestkitReadmeTest {
    static final Path README = Path.of("README.md");
    static final Pattern CURL = Pattern.compile(
            "curl (?:-X (GET|PUT|POST|DELETE) )?http://127\\.0\\.0\\.1:8088(/_emulator\\S*)(?:[ \\t]+(?:\\\\\\n\\s*)?-d '([^']*)')?");

    @Test
    void theExamplesAreTheFilesTheBuildRuns() throws IOException {
        String readme = Files.readString(README);
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```(python|javascript|bash)\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            blocks.add(block.group(2));
        }
        assertThat(blocks).contains(Files.readString(Path.of("src/test/python/boto3_example.py")),
                Files.readString(Path.of("src/test/js/example.js")),
                Files.readString(Path.of("src/test/cli/cli_example.sh")));
    }

    @Test
    void everyCurlCommandIsAccepted() throws Exception {
        String readme = Files.readString(README);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> run = new ArrayList<>();
        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            Matcher curl = CURL.matcher(readme);
            while (curl.find()) {
                String method = curl.group(1) == null ? "GET" : curl.group(1);
                String body = curl.group(3);
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + curl.group(2)))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(curl.group() + "\n" + response.body()).isBetween(200, 204);
                run.add(method + " " + curl.group(2));
            }
        }
        assertThat(run).hasSizeGreaterThanOrEqualTo(8).contains("POST /_emulator/reset");
    }
}
