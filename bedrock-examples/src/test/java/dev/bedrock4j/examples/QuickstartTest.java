package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.Quickstart;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quickstart class ({@code com.example.Quickstart}, compiled exactly as the README shows it), run. */
class QuickstartTest {

    @Test
    void theQuickstartRunsAsWrittenAgainstTheLocalServer() {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] keys = {"aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlBedrockRuntime"};
        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            server.anyModel().reply("Because of Rayleigh scattering.");
            // Bedrock.create() uses the default AWS chains; point them at the local server.
            System.setProperty("aws.region", "us-east-1");
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            System.setProperty("aws.endpointUrlBedrockRuntime", server.endpoint().toString());
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Quickstart.main(new String[0]);
            assertThat(server.lastRequest().chatRequest()).hasValueSatisfying(request -> {
                assertThat(request.lastUserText()).isEqualTo("Why is the sky blue?");
                assertThat(request.maxTokens()).hasValue(200);
            });
        } finally {
            System.setOut(originalOut);
            for (String key : keys) {
                System.clearProperty(key);
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("Because of Rayleigh scattering." + System.lineSeparator());
    }

    @Test
    void theReadmeShowsExactlyTheCompiledQuickstart() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher block = Pattern.compile("## Quickstart.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a java block under ## Quickstart").isTrue();

        String source = Files.readString(root.resolve("bedrock-examples/src/test/java/com/example/Quickstart.java"));
        assertThat(normalise(block.group(1))).isEqualTo(normalise(source));
    }

    private static String normalise(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.strip().split("\n")) {
            out.append(line.strip()).append('\n');
        }
        return out.toString();
    }
}
