package dev.bedrock4j.tools;

import static dev.bedrock4j.tools.ToolRunnerTest.call;
import static dev.bedrock4j.tools.ToolRunnerTest.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.testkit.FakeChatModel;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {
    private static final String EMAIL = "Hi, please move 250.00 EUR from account DE44 5001 0517 5407 3249 31 to buy"
            + " ACME shares. My address: 12 Rue Cler, 75007 Paris.";

    @Description("Entities found in a customer e-mail")
    record EmailEntities(@Description("IBAN of the account, without spaces") String accountNumber,
                         @Description("Stock ticker symbol, e.g. \"AMZN\"") String stockSymbol,
                         BigDecimal amount,
                         Address address) {
    }

    record Address(String street, String city, Optional<String> postcode) {
    }

    private final FakeChatModel model = FakeChatModel.create();

    private static final String VALID = "{\"accountNumber\":\"DE44500105175407324931\",\"stockSymbol\":\"ACME\","
            + "\"amount\":250.00,\"address\":{\"street\":\"12 Rue Cler\",\"city\":\"Paris\",\"postcode\":\"75007\"}}";

    @Test
    void extractsEntitiesThroughAForcedTool() {
        model.enqueue(toolUse(call("e1", "email_entities", VALID)));

        EmailEntities entities = StructuredOutput.of(model, EmailEntities.class)
                .call(r -> r.system("Extract the entities.").user(EMAIL));

        assertThat(entities.accountNumber()).isEqualTo("DE44500105175407324931");
        assertThat(entities.stockSymbol()).isEqualTo("ACME");
        assertThat(entities.amount()).isEqualByComparingTo(new BigDecimal("250.00"));
        assertThat(entities.address()).isEqualTo(new Address("12 Rue Cler", "Paris", Optional.of("75007")));
        ChatRequest request = model.lastRequest();
        assertThat(request.toolChoice()).contains(ToolChoice.tool("email_entities"));
        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.description()).isEqualTo("Entities found in a customer e-mail");
            assertThat(tool.inputSchema().at("/properties/address/$ref").asText()).isEqualTo("#/$defs/Address");
        });
    }

    @Test
    void invalidOutputIsRetriedOnceWithTheErrorFedBack() {
        model.enqueue(toolUse(call("e1", "email_entities",
                "{\"accountNumber\":\"DE44500105175407324931\",\"stockSymbol\":\"ACME\",\"amount\":\"250 EUR\"}")));
        model.enqueue(toolUse(call("e2", "email_entities", VALID)));

        EmailEntities entities = StructuredOutput.of(model, EmailEntities.class).call(EMAIL);

        assertThat(entities.amount()).isEqualByComparingTo("250");
        ChatRequest retry = model.lastRequest();
        assertThat(retry.messages()).hasSize(3);
        Message feedback = retry.messages().get(2);
        ContentBlock.ToolResult error = (ContentBlock.ToolResult) feedback.content().get(0);
        assertThat(error.toolUseId()).isEqualTo("e1");
        assertThat(error.error()).isTrue();
        assertThat(ToolTest.text(error)).contains("/amount").contains("'address'").contains("again");
        assertThat(retry.toolChoice()).contains(ToolChoice.tool("email_entities"));
    }

    @Test
    void aModelThatAnswersInTextIsAskedToCallTheTool() {
        model.enqueueText("The account is DE44...");
        model.enqueue(toolUse(call("e1", "email_entities", VALID)));

        EmailEntities entities = StructuredOutput.of(model, EmailEntities.class).call(EMAIL);

        assertThat(entities.stockSymbol()).isEqualTo("ACME");
        assertThat(model.lastRequest().lastUserText()).contains("email_entities");
    }

    @Test
    void failsClearlyWhenTheRetryIsInvalidToo() {
        model.enqueue(toolUse(call("e1", "email_entities", "{\"stockSymbol\":42}")));
        model.enqueue(toolUse(call("e2", "email_entities", "{\"stockSymbol\":\"ACME\"}")));

        assertThatThrownBy(() -> StructuredOutput.of(model, EmailEntities.class).call(EMAIL))
                .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'accountNumber'"));
                    assertThat(e.lastOutput()).hasValueSatisfying(
                            json -> assertThat(json.get("stockSymbol").asText()).isEqualTo("ACME"));
                    assertThat(e.getMessage()).startsWith("the model gave no valid EmailEntities in 2 attempts");
                });
        assertThat(model.requestCount()).isEqualTo(2);
    }

    @Test
    void toolNameAndAttemptsCanBeChosen() {
        model.enqueue(toolUse(call("e1", "extract", "{}")));

        StructuredOutput<EmailEntities> output = StructuredOutput.of(model, EmailEntities.class)
                .withTool("extract", "Extracts entities.").withMaxAttempts(1);

        assertThat(output.definition().name()).isEqualTo("extract");
        assertThatThrownBy(() -> output.call(EMAIL)).isInstanceOfSatisfying(StructuredOutputException.class,
                e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(StructuredOutput.toolName(EmailEntities.class)).isEqualTo("email_entities");
    }
}
