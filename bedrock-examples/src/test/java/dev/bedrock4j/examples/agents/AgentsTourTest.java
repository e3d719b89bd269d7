package dev.bedrock4j.examples.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The agent steps of the tour, offline: Bedrock, the AWS SDK and the local server, as the tour runs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentsTourTest {
    private final LocalBedrockServer server = LocalBedrockServer.start();
    private final Bedrock bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("offline", "offline")))
            .build();

    @BeforeEach
    void script() {
        server.reset();
        AgentsTour.scriptOffline(server);
    }

    @AfterAll
    void close() {
        bedrock.close();
        server.close();
    }

    private static String printed(Consumer<PrintStream> step) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            step.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<ChatRequest> converseCalls(String model) {
        return server.requests(BedrockOperation.CONVERSE).stream().filter(r -> r.modelId().orElse("").equals(model))
                .map(RecordedRequest::chatRequest).map(r -> r.orElseThrow()).toList();
    }

    @Test
    void theOrderAgentLooksOrdersUpInTheDatabaseAndAppliesThePolicy() {
        String printed = printed(out -> OrderSupportTour.run(out, bedrock));

        assertThat(printed)
                .contains("== An order-support agent")
                .contains("customer > Hi, I'd like a refund for order A-1001, the shoes don't fit.")
                .contains("agent    > Good news, Dana: your trail running shoes (order A-1001, EUR 129.90) can be"
                        + " refunded, as it was delivered 16 days ago, within the 30-day refund window.")
                .contains("1. model  tool_use  -> lookup_order  \"Let me look up order A-1001.\"")
                .contains("1.1 tool lookup_order {\"orderId\":\"A-1001\"} -> {\"id\":\"A-1001\",\"customer\":\"Dana Reyes\"")
                .contains("2. model  tool_use  -> check_refund  \"Checking the refund policy for the trail running shoes.\"")
                .contains("2.1 tool check_refund {\"orderId\":\"A-1001\"} -> {\"orderId\":\"A-1001\",\"refundable\":true")
                .contains("3. model  end_turn  \"Good news, Dana")
                .contains("agent    > Sorry, Sam: order A-1002 (photo editing software licence) cannot be refunded,"
                        + " because digital goods cannot be refunded once delivered.")
                .contains("\"refundable\":false,\"reason\":\"digital goods cannot be refunded once delivered\"")
                .contains("total: 3 model turns, 2 tool calls");

        List<ChatRequest> calls = converseCalls(OrderSupportTour.MODEL);
        assertThat(calls).hasSize(6);
        assertThat(calls.get(0).system()).containsExactly(ContentBlock.text(OrderSupportTour.INSTRUCTIONS));
        assertThat(calls.get(0).tools()).extracting(t -> t.name()).containsExactly("lookup_order", "check_refund");
        ContentBlock.ToolResult lookup = (ContentBlock.ToolResult) calls.get(1).messages().get(2).content().get(0);
        assertThat(lookup.content()).singleElement().isInstanceOfSatisfying(ContentBlock.Json.class, json -> {
            assertThat(json.value().get("item").asText()).isEqualTo("trail running shoes");
            assertThat(json.value().get("deliveredOn").asText()).isEqualTo("2025-03-04");
        });
    }

    @Test
    void theExtractionRoutesSureAnswersToAnAutoReplyAndUnsureOnesToAPerson() {
        String printed = printed(out -> EmailTriageTour.run(out, bedrock));

        assertThat(printed)
                .contains("== Entity extraction from e-mails")
                .contains("extracted : account=ACC-7731-0042, symbol=AMZN, city=Seattle, address=12 Harbour Street,"
                        + " Seattle, confidence=0.95")
                .contains("auto-reply (confidence >= 0.8): Dear customer, thank you for your request about AMZN for"
                        + " account ACC-7731-0042. We will post the confirmation to 12 Harbour Street, Seattle.")
                .contains("extracted : account=-, symbol=-, city=Lisbon, address=-, confidence=0.35")
                .contains("draft for a person (confidence < 0.8): [confidence 0.35, missing: account number, stock"
                        + " symbol, address] Dear customer, thank you for your message.");

        List<ChatRequest> calls = converseCalls(EmailTriageTour.MODEL);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).toolChoice()).hasValueSatisfying(choice -> assertThat(choice.toString()).contains("email_entities"));
        assertThat(calls.get(0).tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("email_entities");
            assertThat(tool.inputSchema().at("/required").toString()).isEqualTo("[\"confidence\"]");
        });
    }

    @Test
    void bothStepsRunTogether() {
        String printed = printed(out -> AgentsTour.run(out, bedrock));

        assertThat(printed.indexOf("== An order-support agent")).isNotNegative()
                .isLessThan(printed.indexOf("== Entity extraction"));
    }
}
