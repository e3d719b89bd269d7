package dev.bedrock4j.tools.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.StepLimitExceededException;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolMethod;
import dev.bedrock4j.tools.ToolRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeChatModel model = FakeChatModel.create();

    /** The support agent's tools. */
    public static class OrderTools {
        @ToolMethod(description = "Status of an order by its number.")
        public String orderStatus(@Description("Order number, e.g. \"A-1042\"") String orderNumber) {
            return "A-1042".equals(orderNumber) ? "shipped on 2024-05-02" : "unknown order";
        }
    }

    private static ChatResponse askFor(String id, String tool, String json) throws Exception {
        return ChatResponse.builder().message(dev.bedrock4j.core.chat.Message.assistant(
                        ContentBlock.text("Let me check."), ContentBlock.toolUse(id, tool, JSON.readTree(json))))
                .stopReason(StopReason.TOOL_USE).usage(Usage.of(100, 20)).build();
    }

    @Test
    void runRetrievesThenCallsToolsAndTracesEveryStep() throws Exception {
        Retriever faq = query -> List.of(Passage.of("Orders ship within 2 days.", "shipping.md"),
                new Passage("Returns within 30 days.", "returns.md", 0.4));
        Agent agent = Agent.builder(model)
                .instructions("You are a support agent. Look orders up before answering.")
                .tools(Tool.fromMethods(new OrderTools()))
                .retriever(faq)
                .build();
        model.enqueue(askFor("o1", "orderStatus", "{\"orderNumber\":\"A-1042\"}"));
        model.enqueue(ChatResponse.builder().text("Your order A-1042 shipped on 2 May.").usage(Usage.of(150, 12)).build());

        ToolRun run = agent.run("Where is my order A-1042?");

        assertThat(run.text()).isEqualTo("Your order A-1042 shipped on 2 May.");
        ChatRequest first = model.requests().get(0);
        assertThat(first.system()).containsExactly(ContentBlock.text("You are a support agent. Look orders up before answering."));
        assertThat(first.lastUserText()).contains("[1] (shipping.md) Orders ship within 2 days.")
                .contains("[2] (returns.md) Returns within 30 days.").endsWith("Question: Where is my order A-1042?");
        assertThat(run.trace().steps()).hasSize(4);
        assertThat(run.trace().steps().get(0)).isInstanceOfSatisfying(Step.Retrieval.class, r -> {
            assertThat(r.query()).isEqualTo("Where is my order A-1042?");
            assertThat(r.sources()).containsExactly("shipping.md", "returns.md");
        });
        assertThat(run.trace().steps().get(1)).isInstanceOfSatisfying(Step.ModelTurn.class, m -> {
            assertThat(m.text()).isEqualTo("Let me check.");
            assertThat(m.toolCalls()).containsExactly("orderStatus");
            assertThat(m.usage()).isEqualTo(Usage.of(100, 20));
        });
        assertThat(run.trace().steps().get(2)).isInstanceOfSatisfying(Step.ToolCall.class, c -> {
            assertThat(c.input().get("orderNumber").asText()).isEqualTo("A-1042");
            assertThat(c.result()).isEqualTo("shipped on 2024-05-02");
            assertThat(c.error()).isFalse();
        });
        assertThat(run.usage()).isEqualTo(Usage.of(250, 32));
        assertThat(run.trace().format())
                .startsWith("0. retrieve \"Where is my order A-1042?\" -> 2 passages [shipping.md, returns.md]")
                .contains("1. model  tool_use  -> orderStatus  \"Let me check.\"  (in 100, out 20 tokens")
                .contains("1.1 tool orderStatus {\"orderNumber\":\"A-1042\"} -> shipped on 2024-05-02")
                .contains("2. model  end_turn  \"Your order A-1042 shipped on 2 May.\"")
                .endsWith("total: 2 model turns, 1 tool calls, 250 input / 32 output tokens");
    }

    @Test
    void withoutRetrieverTheInputGoesAsItIs() {
        model.enqueueText("Hello!");

        ToolRun run = Agent.builder(model).build().run("Hi");

        assertThat(model.lastRequest().lastUserText()).isEqualTo("Hi");
        assertThat(model.lastRequest().system()).isEmpty();
        assertThat(run.trace().steps()).singleElement().isInstanceOf(Step.ModelTurn.class);
    }

    @Test
    void theStepLimitKeepsTheRetrievalInItsTrace() throws Exception {
        model.enqueue(askFor("o1", "orderStatus", "{\"orderNumber\":\"A-1042\"}"));
        Agent agent = Agent.builder(model).tools(Tool.fromMethods(new OrderTools()))
                .retriever(query -> List.of()).maxSteps(1).build();

        assertThatThrownBy(() -> agent.run("Where is A-1042?"))
                .isInstanceOfSatisfying(StepLimitExceededException.class, e -> {
                    assertThat(e.trace().steps().get(0)).isInstanceOf(Step.Retrieval.class);
                    assertThat(e.trace().modelTurns()).hasSize(1);
                    assertThat(e.messages()).hasSize(2);
                });
    }
}
