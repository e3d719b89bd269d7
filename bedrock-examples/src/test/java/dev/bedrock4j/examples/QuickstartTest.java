package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
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

/** The README's quickstart, compiled here exactly as the README shows it. */
class QuickstartTest {

    static void quickstart() {
        // README-QUICKSTART-BEGIN
        try (Bedrock bedrock = Bedrock.create()) {
            ChatModel model = bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0");
            ChatResponse reply = model.prompt()
                    .system("Answer in one sentence.")
                    .user("Why is the sky blue?")
                    .maxTokens(200)
                    .call();
            System.out.println(reply.text());
        }
        // README-QUICKSTART-END
    }

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
            quickstart();
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

        String source = Files.readString(root.resolve("bedrock-examples/src/test/java/dev/bedrock4j/examples/QuickstartTest.java"));
        String compiled = source.substring(source.indexOf("// README-QUICKSTART-BEGIN\n") + "// README-QUICKSTART-BEGIN\n".length(),
                source.indexOf("        // README-QUICKSTART-END"));
        assertThat(normalise(block.group(1))).isEqualTo(normalise(compiled));
    }

    private static String normalise(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.strip().split("\n")) {
            out.append(line.strip()).append('\n');
        }
        return out.toString();
    }
}
