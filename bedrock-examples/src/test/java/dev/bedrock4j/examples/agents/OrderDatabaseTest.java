package dev.bedrock4j.examples.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OrderDatabaseTest {

    @Test
    void ordersRoundTripThroughTheDatabase() {
        Order onItsWay = new Order("B-7", "Ana Silva", "desk", false, new BigDecimal("199.99"), LocalDate.of(2025, 3, 18), null);
        try (OrderDatabase orders = OrderDatabase.withSampleOrders()) {
            orders.add(onItsWay);

            assertThat(orders.find("B-7")).contains(onItsWay);
            assertThat(orders.find("A-1002")).hasValueSatisfying(o -> {
                assertThat(o.digital()).isTrue();
                assertThat(o.total()).isEqualByComparingTo("59.00");
            });
            assertThat(orders.find("Z-0")).isEmpty();
            assertThatThrownBy(() -> orders.add(onItsWay)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot store");
        }
    }

    @Test
    void eachDatabaseIsPrivateAndGoneWhenClosed() {
        try (OrderDatabase first = OrderDatabase.withSampleOrders(); OrderDatabase second = OrderDatabase.inMemory()) {
            assertThat(first.find("A-1001")).isPresent();
            assertThat(second.find("A-1001")).isEmpty();
        }
        OrderDatabase closed = OrderDatabase.withSampleOrders();
        closed.close();
        assertThatThrownBy(() -> closed.find("A-1001")).isInstanceOf(IllegalStateException.class);
    }
}
