package dev.bedrock4j.tools;

import static dev.bedrock4j.tools.ToolRunnerTest.call;
import static dev.bedrock4j.tools.ToolRunnerTest.toolResults;
import static dev.bedrock4j.tools.ToolRunnerTest.toolUse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * What the model reads when a tool throws: by default the exception's class and a generic message, never
 * its message, which stays in the trace for the developer; a mapper chooses otherwise.
 */
class ToolErrorsTest {
    record OrderQuery(String order) {
    }

    static final class OrderNotFoundException extends RuntimeException {
        OrderNotFoundException(String message) {
            super(message);
        }
    }

    /** A tool method that throws a checked exception. */
    public static final class OrderFiles {
        /**
         * Reads an order.
         *
         * @param order the order number
         * @return never
         * @throws IOException always
         */
        @ToolMethod(name = "get_order", description = "Reads an order file.")
        public String read(String order) throws IOException {
            throw new IOException("/srv/orders/" + order + ".json: permission denied");
        }
    }

    private final FakeChatModel model = FakeChatModel.create();

    private final Tool<OrderQuery> leaky = Tool.of("get_order", "Looks up an order.", OrderQuery.class, q -> {
        throw new IllegalStateException("cannot connect to jdbc:postgresql://db/orders?user=app&password=hunter2",
                new SQLException("FATAL: password authentication failed for user \"app\""));
    });

    private String modelReads(ToolRunner runner) {
        model.enqueue(toolUse(call("c1", "get_order", "{\"order\":\"A-1042\"}")));
        model.enqueueText("Sorry, I could not look it up.");
        ToolRun run = runner.run(ChatRequest.of("Where is my order A-1042?"));
        assertThat(run.text()).isEqualTo("Sorry, I could not look it up.");
        lastRun = run;
        return ToolTest.text(toolResults(model.lastRequest()).get(0));
    }

    private ToolRun lastRun;

    @Test
    void byDefaultTheModelReadsTheClassAndAGenericMessageAndTheTraceKeepsTheRest() {
        String seen = modelReads(ToolRunner.of(model, leaky));

        assertThat(seen).isEqualTo("tool 'get_order' failed with IllegalStateException; the details are not shown."
                + " Try again with other input, or answer without this tool.");
        assertThat(model.requests().toString() + model.lastRequest().messages()).doesNotContain("hunter2");
        Step.ToolCall step = lastRun.trace().toolCalls().get(0);
        assertThat(step.error()).isTrue();
        assertThat(step.result()).isEqualTo(seen);
        assertThat(step.failure()).isEqualTo("IllegalStateException: cannot connect to"
                + " jdbc:postgresql://db/orders?user=app&password=hunter2; caused by SQLException: FATAL: password"
                + " authentication failed for user \"app\"");
        assertThat(lastRun.trace().format()).contains("[threw IllegalStateException: cannot connect");
        assertThat(lastRun.trace().toString()).doesNotContain("hunter2").contains("1 failed");
    }

    @Test
    void aMapperLetsMessagesWrittenForTheModelThrough() {
        Tool<OrderQuery> orders = Tool.of("get_order", "Looks up an order.", OrderQuery.class, q -> {
            throw new OrderNotFoundException("no order " + q.order() + "; order ids look like A-1234");
        });
        ToolErrorMapper errors = (tool, error) -> error instanceof OrderNotFoundException
                ? error.getMessage() : ToolErrorMapper.generic().toModelText(tool, error);

        assertThat(modelReads(ToolRunner.builder(model).tools(orders).errorMapper(errors).build()))
                .isEqualTo("no order A-1042; order ids look like A-1234");
        assertThat(modelReads(ToolRunner.builder(model).tools(leaky).errorMapper(errors).build()))
                .startsWith("tool 'get_order' failed with IllegalStateException;").doesNotContain("hunter2");
    }

    @Test
    void aMapperThatFailsFallsBackToTheGenericText() {
        ToolRunner runner = ToolRunner.builder(model).tools(leaky).errorMapper((tool, error) -> {
            throw new IllegalArgumentException("mapper bug " + error.getMessage());
        }).build();

        assertThat(modelReads(runner)).startsWith("tool 'get_order' failed with IllegalStateException;");
        assertThat(modelReads(ToolRunner.builder(model).tools(leaky).errorMapper((tool, error) -> null).build()))
                .startsWith("tool 'get_order' failed with IllegalStateException;");
    }

    @Test
    void anErrorThrownByATool() {
        Tool<OrderQuery> overflowing = Tool.of("get_order", "Looks up an order.", OrderQuery.class, q -> {
            throw new AssertionError("internal invariant broken: token=abc123");
        });

        assertThat(modelReads(ToolRunner.of(model, overflowing))).isEqualTo("tool 'get_order' failed with"
                + " AssertionError; the details are not shown. Try again with other input, or answer without this tool.");
        assertThat(lastRun.trace().toolCalls().get(0).failure()).contains("token=abc123");
    }

    @Test
    void aCheckedExceptionFromAToolMethodReachesTheMapperAsItself() {
        StringBuilder mapped = new StringBuilder();
        ToolRunner runner = ToolRunner.builder(model).tools(ToolRegistry.of(Tool.fromMethods(new OrderFiles())))
                .errorMapper((tool, error) -> {
                    mapped.append(error.getClass().getSimpleName());
                    return "could not read the order";
                }).build();

        assertThat(modelReads(runner)).isEqualTo("could not read the order");
        assertThat(mapped).hasToString("IOException");
        assertThat(lastRun.trace().toolCalls().get(0).failure()).isEqualTo("IOException: /srv/orders/A-1042.json:"
                + " permission denied");
    }

    @Test
    void theVerbatimMapperIsAnOptIn() {
        assertThat(modelReads(ToolRunner.builder(model).tools(leaky).errorMapper(ToolErrorMapper.verbatim()).build()))
                .isEqualTo("tool 'get_order' failed: IllegalStateException: cannot connect to"
                        + " jdbc:postgresql://db/orders?user=app&password=hunter2");
    }

    @Test
    void invalidInputStillTellsTheModelWhatToFix() throws IOException {
        ContentBlock.ToolResult result = leaky.call("c1", ToolTest.json("{\"order\":7}"));

        assertThat(result.error()).isTrue();
        assertThat(ToolTest.text(result)).startsWith("invalid input for tool 'get_order':").contains("order");
    }
}
