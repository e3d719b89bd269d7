package dev.bedrock4j.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The standalone server's command line; the jar itself runs in {@code StandaloneServerIT}. */
class ServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void startsWhereAskedAndPrintsTheEndpointFirst() {
        try (LocalBedrockServer server = ServerMain.start(new String[] {"--port=0", "--host", "127.0.0.1"}, print)) {
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
                    "Bedrock4j local Bedrock server listening on " + server.endpoint() + "\n"
                            + "Control API: " + server.endpoint() + "/_emulator");
        }
    }

    @Test
    void warnsWhenOtherMachinesCanReachIt() {
        try (LocalBedrockServer server = ServerMain.start(new String[] {"--port", "0", "--host=0.0.0.0"}, print)) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("the control API has no authentication");
        }
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(ServerMain.start(new String[] {"--help"}, print)).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar bedrock-testkit-VERSION-server.jar");
    }

    @Test
    void wrongArgumentsAreNamed() {
        assertThatThrownBy(() -> ServerMain.start(new String[] {"--prot", "1"}, print)).hasMessage("unknown option --prot");
        assertThatThrownBy(() -> ServerMain.start(new String[] {"--port"}, print)).hasMessage("--port needs a value");
        assertThatThrownBy(() -> ServerMain.start(new String[] {"--port", "http"}, print))
                .hasMessage("--port must be a number from 0 to 65535, was \"http\"");
    }
}
