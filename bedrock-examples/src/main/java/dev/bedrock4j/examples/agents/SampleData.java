package dev.bedrock4j.examples.agents;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The tour's sample orders and e-mails. */
final class SampleData {
    /** The day the tour pretends it is, so that the refund window gives the same answers every day. */
    static final LocalDate TODAY = LocalDate.of(2025, 3, 20);

    private SampleData() {
    }

    static List<Order> orders() {
        return List.of(
                new Order("A-1001", "Dana Reyes", "trail running shoes", false, new BigDecimal("129.90"),
                        LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 4)),
                new Order("A-1002", "Sam Okafor", "photo editing software licence", true, new BigDecimal("59.00"),
                        LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 10)),
                new Order("A-1003", "Lea Novak", "espresso machine", false, new BigDecimal("349.00"),
                        LocalDate.of(2025, 1, 10), LocalDate.of(2025, 1, 14)));
    }
}
