package dev.bedrock4j.examples.agents;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The shop's refund rules, applied in code so that the model never decides them: physical goods can be
 * refunded within a number of days of delivery; digital goods cannot be refunded once delivered.
 *
 * <pre>{@code
 * RefundPolicy.Decision decision = RefundPolicy.days(30).decide(order, LocalDate.now());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param days how many days after delivery a physical good can be refunded
 */
public record RefundPolicy(int days) {
    /**
     * Validates the window.
     *
     * @param days the refund window in days, at least 1
     */
    public RefundPolicy {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
    }

    /**
     * A policy with a refund window.
     *
     * @param days the refund window in days
     * @return the policy
     */
    public static RefundPolicy days(int days) {
        return new RefundPolicy(days);
    }

    /**
     * Whether an order can be refunded today.
     *
     * @param order the order
     * @param today the date to decide on
     * @return the decision and its reason
     */
    public Decision decide(Order order, LocalDate today) {
        if (order.digital()) {
            return new Decision(order.id(), false, "digital goods cannot be refunded once delivered");
        }
        if (order.deliveredOn() == null) {
            return new Decision(order.id(), true, "the order has not been delivered yet, so it can be cancelled"
                    + " and refunded in full");
        }
        long since = ChronoUnit.DAYS.between(order.deliveredOn(), today);
        if (since <= days) {
            return new Decision(order.id(), true, "it was delivered " + since + " days ago, within the " + days
                    + "-day refund window");
        }
        return new Decision(order.id(), false, "it was delivered " + since + " days ago, after the " + days
                + "-day refund window closed");
    }

    /**
     * A refund decision, as the policy tool returns it to the model.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param orderId the order
     * @param refundable whether it can be refunded
     * @param reason why, in words the model can pass on
     */
    public record Decision(String orderId, boolean refundable, String reason) {
        /**
         * Validates the components.
         *
         * @param orderId the order
         * @param refundable whether it can be refunded
         * @param reason why
         */
        public Decision {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
