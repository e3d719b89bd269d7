package dev.bedrock4j.examples.agents;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.tools.ToolRun;
import dev.bedrock4j.tools.agent.Agent;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The tour's order-support step: an {@link Agent} whose tools look orders up in an SQL database and apply
 * the refund policy, answering two customers, each answer followed by the agent's step trace (every model
 * turn and tool call, with tokens and timings).
 *
 * <p>Offline, {@link #scriptOffline(LocalBedrockServer)} makes {@link #MODEL} on the local server behave as
 * a model would ({@link OfflineOrderModel}): the agent's calls go through the AWS SDK to the server, turn by
 * turn, and the tools really run against the database.
 */
public final class OrderSupportTour {
    /** The model the agent uses. */
    public static final String MODEL = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
    /** What the agent is told to be. */
    static final String INSTRUCTIONS = "You are the support agent of an online shop. Always look the order up with "
            + OrderTools.LOOKUP + " before answering. For a refund request, call " + OrderTools.CHECK_REFUND
            + " and follow its decision; never promise a refund it denies. Answer in at most two sentences.";
    /** What the customers ask. */
    static final List<String> QUESTIONS = List.of(
            "Hi, I'd like a refund for order A-1001, the shoes don't fit.",
            "Can I get my money back for order A-1002? I bought the wrong edition.");

    private OrderSupportTour() {
    }

    /**
     * Makes the tour's model answer offline on a local server.
     *
     * @param server the server the tour's Bedrock calls
     */
    public static void scriptOffline(LocalBedrockServer server) {
        server.model(MODEL).respondWith(OfflineOrderModel::answer);
    }

    /**
     * Runs the step.
     *
     * @param out where to print
     * @param bedrock the entry point to use
     */
    public static void run(PrintStream out, Bedrock bedrock) {
        out.println("== An order-support agent: a tool backed by an SQL database, a refund policy, the step trace");
        try (OrderDatabase orders = OrderDatabase.withSampleOrders()) {
            Clock today = Clock.fixed(SampleData.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            Agent agent = Agent.builder(bedrock.chat(MODEL))
                    .instructions(INSTRUCTIONS)
                    .tools(OrderTools.of(orders, RefundPolicy.days(30), today))
                    .maxSteps(6)
                    .build();
            for (String question : QUESTIONS) {
                ToolRun run = agent.run(question);
                out.println("  customer > " + question);
                out.println("  agent    > " + run.text());
                out.println("    " + run.trace().format().replace("\n", "\n    "));
            }
        }
        out.println();
    }
}
