package dev.bedrock4j.tools.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.JsonSchemas;
import dev.bedrock4j.tools.Step;
import dev.bedrock4j.tools.StepLimitExceededException;
import dev.bedrock4j.tools.StructuredOutput;
import dev.bedrock4j.tools.StructuredOutputException;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolErrorMapper;
import dev.bedrock4j.tools.ToolMethod;
import dev.bedrock4j.tools.ToolRegistry;
import dev.bedrock4j.tools.ToolRun;
import dev.bedrock4j.tools.ToolRunner;
import dev.bedrock4j.tools.ToolStream;
import dev.bedrock4j.tools.agent.Agent;
import dev.bedrock4j.tools.agent.AgentCitation;
import dev.bedrock4j.tools.agent.AgentTrace;
import dev.bedrock4j.tools.agent.BedrockAgent;
import dev.bedrock4j.tools.agent.BedrockAgentReply;
import dev.bedrock4j.tools.agent.BedrockAgentSession;
import dev.bedrock4j.tools.agent.Passage;
import dev.bedrock4j.tools.agent.Retriever;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;

/**
 * The Javadoc examples of the tools module, compiled so that they stay correct. Each method holds the
 * snippet of the type it is named after.
 */
@SuppressWarnings("unused")
final class ToolsExamples {
    private static final Logger log = LoggerFactory.getLogger(ToolsExamples.class);

    // --- stand-ins for the application objects the snippets use ---
    interface WeatherService {
        String current(String city);
    }

    interface Orders {
        String status(String orderNumber);
    }

    private WeatherService weatherService;
    private Orders orders;
    private ChatModel model;
    private Map<String, String> dictionary;
    private JsonNode schemaJson;
    private Tool<?> clock;
    private Retriever faq;
    private String emailText;

    @Description("A postal address")
    record Address(@Description("Street and number, e.g. \"12 Rue Cler\"") String street,
                   @Description("City name") String city,
                   Optional<String> postcode) {
    }

    record WeatherQuery(@Description("City name, e.g. \"Paris\"") String city) {
    }

    record Invoice(@Description("Invoice number, e.g. \"INV-2024-001\"") String number,
                   @Description("Total amount due") BigDecimal total,
                   LocalDate dueDate) {
    }

    class OrderTools {
        @ToolMethod(description = "Looks up an order's status by its number.")
        public String orderStatus(@Description("Order number, e.g. \"A-1042\"") String orderNumber) {
            return orders.status(orderNumber);
        }
    }

    void jsonSchemas() {
        JsonNode schema = JsonSchemas.of(Address.class);
    }

    void tool() throws Exception {
        Tool<WeatherQuery> weather = Tool.of("get_weather", "Returns the current weather for a city.",
                WeatherQuery.class, query -> weatherService.current(query.city()));

        ToolDefinition definition = ToolDefinition.of("lookup", "Looks up a word.", schemaJson);
        Tool<JsonNode> lookup = Tool.of(definition, input -> dictionary.get(input.get("word").asText()));

        ToolRunner runner = ToolRunner.of(model, Tool.fromMethods(new OrderTools()));

        JsonNode input = new ObjectMapper().readTree("{\"city\":\"Paris\"}");
        ContentBlock.ToolResult result = weather.call("call-1", input);
    }

    void toolMethod() {
        List<Tool<?>> tools = Tool.fromMethods(new OrderTools());
    }

    void toolRegistry(Tool<WeatherQuery> weather) {
        ToolRegistry tools = ToolRegistry.of(weather, clock)
                .with(Tool.fromMethods(new OrderTools()));
        tools.find("get_weather").isPresent();   // true
    }

    void toolRunner(Tool<WeatherQuery> weather) {
        ToolRunner runner = ToolRunner.of(model, weather, clock);
        ChatResponse answer = runner.call(r -> r.user("Do I need an umbrella in Paris today?"));

        ToolRun run = runner.run(ChatRequest.of("What is the weather in Paris and in Rome?"));
        run.text();             // the answer
        run.trace().format();   // each model turn and tool call
    }

    /** A domain exception whose message is written for the model. */
    static final class OrderNotFoundException extends RuntimeException {
        OrderNotFoundException(String message) {
            super(message);
        }
    }

    void toolErrorMapper(Tool<WeatherQuery> orders) {
        ToolErrorMapper errors = (tool, error) -> error instanceof OrderNotFoundException
                ? error.getMessage()                                   // "no order A-1042; order ids look like A-1234"
                : ToolErrorMapper.generic().toModelText(tool, error);
        ToolRunner runner = ToolRunner.builder(model).tools(orders).errorMapper(errors).build();

        ToolRunner inline = ToolRunner.builder(model).tools(orders)
                .errorMapper((tool, e) -> e instanceof OrderNotFoundException ? e.getMessage()
                        : ToolErrorMapper.generic().toModelText(tool, e))
                .build();
    }

    void toolStream(ToolRunner runner) {
        ToolStream stream = runner.stream(r -> r.user("Where is my order A-1042?"));
        ChatResponse answer = stream.forEachText(System.out::print).join();
        System.out.println(stream.trace().format());

        ToolStream weather = runner.stream(ChatRequest.of("What is the weather in Paris?"));
        ChatResponse streamed = weather.forEachText(System.out::print).join();   // every turn's text
        weather.trace().format();                                                // each turn and tool call
    }

    void toolRunAndTrace(ToolRunner runner) {
        ToolRun run = runner.run(r -> r.user("What is 17 times 23?"));
        System.out.println(run.text());
        System.out.println(run.trace().format());

        ToolRun umbrella = runner.run(r -> r.user("Do I need an umbrella in Paris?"));
        System.out.println(umbrella.trace().format());
    }

    void step(ToolRun run) {
        for (Step step : run.trace().steps()) {
            if (step instanceof Step.ToolCall call && call.error()) {
                log.warn("tool {} failed: {}", call.tool(), call.result());   // what the model read
                log.debug("tool {} threw: {}", call.tool(), call.failure());  // the exception itself, for you
            }
        }
    }

    void stepLimitExceededException(ToolRunner runner, ChatRequest request) {
        try {
            runner.run(request);
        } catch (StepLimitExceededException e) {
            log.warn("gave up: {}", e.trace());
            e.messages();   // the transcript so far, ending with the model's last tool request
        }
    }

    void structuredOutput() {
        Invoice invoice = StructuredOutput.of(model, Invoice.class)
                .call(r -> r.system("Extract the invoice from the e-mail.").user(emailText));
    }

    void structuredOutputException() {
        try {
            Invoice invoice = StructuredOutput.of(model, Invoice.class).call(emailText);
        } catch (StructuredOutputException e) {
            e.problems();     // e.g. ["/total: string found, number expected"]
            e.lastOutput();   // what the model sent last, if it called the tool at all
        }
    }

    void passageAndRetriever() {
        Passage passage = Passage.of("Returns are accepted within 30 days.", "returns-policy.md");

        Retriever faq = query -> List.of(Passage.of("Returns are accepted within 30 days.", "faq.md"));
        Agent agent = Agent.builder(model).instructions("Answer from the passages.").retriever(faq).build();
    }

    void agent() {
        Agent support = Agent.builder(model)
                .instructions("You are a support agent for an online shop. Look orders up before answering.")
                .tools(Tool.fromMethods(new OrderTools()))
                .retriever(faq)
                .maxSteps(6)
                .build();
        ToolRun run = support.run("Where is my order A-1042?");
        System.out.println(run.text());
        System.out.println(run.trace().format());
    }

    void bedrockAgent() {
        BedrockAgentRuntimeAsyncClient client = BedrockAgentRuntimeAsyncClient.create();
        BedrockAgent agent = BedrockAgent.of(client, "AGENT12345", "ALIAS12345")
                .withTools(Tool.fromMethods(new OrderTools()));
        BedrockAgentReply reply = agent.session("customer-42").invoke("Where is my order A-1042?", System.out::print);
        reply.citations();
    }

    void bedrockAgentSession(BedrockAgent agent) {
        BedrockAgentSession session = agent.session("customer-42")
                .withAttributes(Map.of("customerId", "42", "tier", "gold"));
        BedrockAgentReply first = session.invoke("Where is my order A-1042?");
        BedrockAgentReply second = session.invoke("Can I change its address?", System.out::print);
    }

    void bedrockAgentReply(BedrockAgentSession session) {
        BedrockAgentReply reply = session.invoke("What is our refund policy?");
        System.out.println(reply.text());
        reply.citations().forEach(c -> System.out.println("  source: " + c.references()));

        for (AgentCitation citation : reply.citations()) {
            System.out.println(citation.text() + " <- " + citation.references().get(0).source());
        }
        for (AgentTrace trace : reply.traces()) {
            JsonNode rationale = trace.detail().path("rationale").path("text");
            if (!rationale.isMissingNode()) {
                System.out.println("agent thinks: " + rationale.asText());
            }
        }
    }
}
