package dev.bedrock4j.examples.agents;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.PrintStream;

/**
 * The tour's agent steps: the order-support agent ({@link OrderSupportTour}) and the e-mail entity
 * extraction with confidence routing ({@link EmailTriageTour}).
 *
 * <pre>{@code
 * AgentsTour.scriptOffline(server);   // offline only: the local server answers as the models would
 * AgentsTour.run(System.out, bedrock);
 * }</pre>
 */
public final class AgentsTour {
    private AgentsTour() {
    }

    /**
     * Makes the steps' models answer offline on a local server; without it they need real Bedrock.
     *
     * @param server the server the tour's Bedrock calls
     */
    public static void scriptOffline(LocalBedrockServer server) {
        OrderSupportTour.scriptOffline(server);
        EmailTriageTour.scriptOffline(server);
    }

    /**
     * Runs both steps.
     *
     * @param out where to print
     * @param bedrock the entry point to use
     */
    public static void run(PrintStream out, Bedrock bedrock) {
        OrderSupportTour.run(out, bedrock);
        EmailTriageTour.run(out, bedrock);
    }
}
