package dev.bedrock4j.examples.agents;

import dev.bedrock4j.tools.Description;
import dev.bedrock4j.tools.Tool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The order-support agent's tools: {@value #LOOKUP} reads an order from the {@link OrderDatabase}, and
 * {@value #CHECK_REFUND} applies the {@link RefundPolicy} to it. The model decides when to call them; the
 * data and the rules stay in code.
 *
 * <pre>{@code
 * Agent agent = Agent.builder(model)
 *         .tools(OrderTools.of(orders, RefundPolicy.days(30), Clock.systemDefaultZone()))
 *         .build();
 * }</pre>
 *
 * <p>The tools are immutable and thread-safe, as the database is.
 */
public final class OrderTools {
    /** The name of the lookup tool. */
    public static final String LOOKUP = "lookup_order";
    /** The name of the refund-policy tool. */
    public static final String CHECK_REFUND = "check_refund";

    private OrderTools() {
    }

    /**
     * Which order a tool call is about.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param orderId the order number
     */
    public record OrderQuery(@Description("The order number, e.g. \"A-1001\"") String orderId) {
    }

    /**
     * The two tools over a database and a policy.
     *
     * @param orders where orders are looked up
     * @param policy the refund rules
     * @param clock what day it is, for the refund window
     * @return the lookup tool and the refund tool
     */
    public static List<Tool<?>> of(OrderDatabase orders, RefundPolicy policy, Clock clock) {
        Tool<OrderQuery> lookup = Tool.of(LOOKUP, "Looks an order up by its number: the customer, the item, whether"
                        + " it is a digital good, the total paid, and the order and delivery dates.",
                OrderQuery.class, query -> find(orders, query.orderId()));
        Tool<OrderQuery> refund = Tool.of(CHECK_REFUND, "Applies the shop's refund policy to an order and says"
                        + " whether it can be refunded, and why. Call it before answering any refund request.",
                OrderQuery.class, query -> policy.decide(find(orders, query.orderId()), LocalDate.now(clock)));
        return List.of(lookup, refund);
    }

    private static Order find(OrderDatabase orders, String id) {
        return orders.find(id).orElseThrow(() -> new NoSuchElementException("there is no order " + id
                + "; ask the customer to check the number"));
    }
}
