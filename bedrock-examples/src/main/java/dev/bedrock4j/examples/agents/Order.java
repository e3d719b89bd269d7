package dev.bedrock4j.examples.agents;

import dev.bedrock4j.tools.Description;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An order of the example shop, as the order database stores it and the lookup tool returns it to the model.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the order number, such as {@code A-1001}
 * @param customer the customer's name
 * @param item what was bought
 * @param digital whether the item is a digital good (a download or a licence)
 * @param total the amount paid, in euros
 * @param orderedOn when it was ordered
 * @param deliveredOn when it was delivered, or {@code null} while it is on its way
 */
@Description("An order of the shop")
public record Order(String id, String customer, String item, boolean digital, BigDecimal total, LocalDate orderedOn,
                    LocalDate deliveredOn) {
    /**
     * Validates the components.
     *
     * @param id the order number
     * @param customer the customer
     * @param item the item
     * @param digital whether it is digital
     * @param total the amount
     * @param orderedOn the order date
     * @param deliveredOn the delivery date, or {@code null}
     */
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(orderedOn, "orderedOn");
    }
}
