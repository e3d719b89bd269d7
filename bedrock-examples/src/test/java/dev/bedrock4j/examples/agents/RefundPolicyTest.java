package dev.bedrock4j.examples.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RefundPolicyTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 20);
    private final RefundPolicy policy = RefundPolicy.days(30);

    private static Order order(boolean digital, LocalDate deliveredOn) {
        return new Order("A-1", "Kim Lee", "lamp", digital, new BigDecimal("10.00"), LocalDate.of(2025, 1, 1), deliveredOn);
    }

    @Test
    void physicalGoodsWithinTheWindowAreRefundable() {
        assertThat(policy.decide(order(false, TODAY.minusDays(30)), TODAY).refundable()).isTrue();
        assertThat(policy.decide(order(false, TODAY.minusDays(31)), TODAY))
                .satisfies(d -> assertThat(d.refundable()).isFalse())
                .satisfies(d -> assertThat(d.reason()).contains("31 days ago, after the 30-day refund window"));
        assertThat(policy.decide(order(false, null), TODAY).refundable()).isTrue();
    }

    @Test
    void digitalGoodsAreNeverRefundable() {
        assertThat(policy.decide(order(true, TODAY), TODAY))
                .satisfies(d -> assertThat(d.refundable()).isFalse())
                .satisfies(d -> assertThat(d.reason()).isEqualTo("digital goods cannot be refunded once delivered"));
    }
}
