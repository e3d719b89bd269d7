package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JacksonVersions;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolRunner;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jackson-core 2.17.2 under jackson-databind 2.21.3: the library warns as soon as it touches Jackson, and where
 * jackson-databind fails for want of a method of its jackson-core, the error names the versions and the fix.
 */
@BedrockTest
class MixedJacksonTest {
    private static final String MODEL = "amazon.nova-lite-v1:0";
    private static final String[] VERSIONS = {"jackson-core 2.17.2", "jackson-databind 2.21.3"};

    LocalBedrockServer server;
    Bedrock bedrock;

    record Order(String id, int quantity) {
    }

    private final Tool<Order> lookup = Tool.of("lookup_order", "Looks up an order.", Order.class, Order::id);

    @BeforeEach
    void theModelAsksForTheToolThenAnswers() {
        server.model(MODEL).respondWith(request -> {
            Message last = request.messages().get(request.messages().size() - 1);
            if (last.content().get(0) instanceof ContentBlock.ToolResult) {
                return ChatResponse.builder().message(new Message(Role.ASSISTANT, List.of(ContentBlock.text("Shipped."))))
                        .stopReason(StopReason.END_TURN).usage(Usage.of(5, 2)).build();
            }
            ContentBlock use = ContentBlock.toolUse("call-1", "lookup_order",
                    JsonSupport.object().put("id", "A-1001").put("quantity", 2));
            return ChatResponse.builder().message(new Message(Role.ASSISTANT, List.of(use)))
                    .stopReason(StopReason.TOOL_USE).usage(Usage.of(5, 2)).build();
        });
    }

    @Test
    void theLibraryWarnsOnceNamingTheVersionsAndTheFix() throws IOException {
        bedrock.chat(MODEL).prompt().user("Hi").call();

        String logged = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
        assertThat(logged).containsOnlyOnce("WARN dev.bedrock4j.core.spi.JacksonVersions - Jackson jars of different")
                .contains(VERSIONS).contains("import dev.bedrock4j:bedrock-bom");
    }

    @Test
    void jacksonsNoSuchMethodErrorIsRethrownWithTheVersions() {
        assertThatThrownBy(() -> JsonSupport.toTree(new Order("A-1001", 2)))
                .isInstanceOf(JacksonVersions.MixedVersionsError.class)
                .hasMessageContaining(VERSIONS[0]).hasMessageContaining(VERSIONS[1])
                .hasMessageContaining("dev.bedrock4j:bedrock-bom")
                .hasCauseInstanceOf(NoSuchMethodError.class);
    }

    @Test
    void aToolLoopEndsWithTheVersionsInsteadOfTellingTheModelTheToolFailed() {
        assertThatThrownBy(() -> ToolRunner.of(bedrock.chat(MODEL), lookup).call(r -> r.user("Where is A-1001?")))
                .isInstanceOf(JacksonVersions.MixedVersionsError.class)
                .hasMessageContaining(VERSIONS[0]).hasMessageContaining(VERSIONS[1]);
        assertThat(server.requests()).as("the model never read a tool error").hasSize(1);
    }

    @Test
    void aStreamedToolLoopEndsWithTheVersionsToo() {
        assertThatThrownBy(() -> ToolRunner.of(bedrock.chat(MODEL), lookup).stream(r -> r.user("Where is A-1001?"))
                .collect().join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseInstanceOf(NoSuchMethodError.class)
                .cause().hasMessageContaining(VERSIONS[0]).hasMessageContaining(VERSIONS[1]);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void theLocalServerAnswers500NamingTheVersions() throws IOException, InterruptedException {
        bedrock.chat(MODEL).prompt().user("Where is A-1001?").call();
        HttpResponse<String> recorded = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.endpoint().resolve("/_emulator/requests")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(recorded.statusCode()).isEqualTo(500);
        assertThat(recorded.body()).contains(VERSIONS).contains("dev.bedrock4j:bedrock-bom");
    }

    @Test
    void callsThatNeedNothingMissingStillWork() {
        assertThat(bedrock.chat(MODEL).prompt().user("Where is A-1001?").call().toolUses())
                .singleElement().satisfies(use -> assertThat(use.input().get("id").asText()).isEqualTo("A-1001"));
        assertThat(bedrock.embeddings("amazon.titan-embed-text-v2:0").embedQuery("orders").dimension()).isEqualTo(1024);
    }
}
