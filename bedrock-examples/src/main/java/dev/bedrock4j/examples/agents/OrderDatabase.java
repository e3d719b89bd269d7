package dev.bedrock4j.examples.agents;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The example shop's orders in an embedded SQL database (H2, in memory), read and written over plain JDBC.
 * The database lives until {@link #close()}.
 *
 * <pre>{@code
 * try (OrderDatabase orders = OrderDatabase.inMemory()) {
 *     orders.add(new Order("A-1001", "Dana Reyes", "Trail running shoes", false, new BigDecimal("129.90"),
 *             LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 4)));
 *     orders.find("A-1001");   // Optional[Order[id=A-1001, ...]]
 * }
 * }</pre>
 *
 * <p>Thread-safe: each query uses a connection of its own.
 */
public final class OrderDatabase implements AutoCloseable {
    private static final String SELECT = "SELECT id, customer, item, digital, total, ordered_on, delivered_on"
            + " FROM orders WHERE id = ?";

    private final String url;
    private final Connection keepAlive;

    private OrderDatabase(String url) throws SQLException {
        this.url = url;
        this.keepAlive = DriverManager.getConnection(url);
        try (Statement create = keepAlive.createStatement()) {
            create.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY, customer VARCHAR(100) NOT NULL,"
                    + " item VARCHAR(200) NOT NULL, digital BOOLEAN NOT NULL, total DECIMAL(10, 2) NOT NULL,"
                    + " ordered_on DATE NOT NULL, delivered_on DATE)");
        }
    }

    /**
     * A new, empty database in memory, private to this instance.
     *
     * @return the database
     * @throws IllegalStateException if the database cannot be created
     */
    public static OrderDatabase inMemory() {
        try {
            return new OrderDatabase("jdbc:h2:mem:orders-" + UUID.randomUUID());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the in-memory order database: " + e.getMessage(), e);
        }
    }

    /**
     * A database holding the tour's sample orders.
     *
     * @return the database
     */
    public static OrderDatabase withSampleOrders() {
        OrderDatabase database = inMemory();
        database.addAll(SampleData.orders());
        return database;
    }

    /**
     * Stores orders.
     *
     * @param orders the orders
     * @throws IllegalStateException if an order cannot be stored, for example because its id is taken
     */
    public void addAll(List<Order> orders) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO orders"
                     + " (id, customer, item, digital, total, ordered_on, delivered_on) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Order order : orders) {
                insert.setString(1, order.id());
                insert.setString(2, order.customer());
                insert.setString(3, order.item());
                insert.setBoolean(4, order.digital());
                insert.setBigDecimal(5, order.total());
                insert.setDate(6, Date.valueOf(order.orderedOn()));
                insert.setDate(7, order.deliveredOn() == null ? null : Date.valueOf(order.deliveredOn()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the orders: " + e.getMessage(), e);
        }
    }

    /**
     * Stores an order.
     *
     * @param order the order
     * @throws IllegalStateException if it cannot be stored, for example because its id is taken
     */
    public void add(Order order) {
        addAll(List.of(order));
    }

    /**
     * Looks an order up by its number.
     *
     * @param id the order number
     * @return the order, or empty when there is none
     * @throws IllegalStateException if the query fails
     */
    public Optional<Order> find(String id) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Date delivered = row.getDate("delivered_on");
                BigDecimal total = row.getBigDecimal("total");
                return Optional.of(new Order(row.getString("id"), row.getString("customer"), row.getString("item"),
                        row.getBoolean("digital"), total, row.getDate("ordered_on").toLocalDate(),
                        delivered == null ? null : delivered.toLocalDate()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up order " + id + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database and everything in it. */
    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the order database: " + e.getMessage(), e);
        }
    }
}
