package dev.bedrock4j.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a tool; {@link Tool#fromMethods(Object)} turns each marked method of an object
 * into a {@link Tool}. The input schema is an object with one property per method parameter, required
 * unless the parameter is an {@code Optional}; {@link Description} on a parameter describes it.
 *
 * <p>Property names are the parameter names, so compile with {@code -parameters} (Maven:
 * {@code <parameters>true</parameters>} in the compiler plugin), or name a parameter with Jackson's
 * {@code @JsonProperty("name")}. The return value goes back to the model: text as text, anything else as
 * JSON; a {@code void} method answers "done".
 *
 * <pre>{@code
 * class OrderTools {
 *     @ToolMethod(description = "Looks up an order's status by its number.")
 *     public String orderStatus(@Description("Order number, e.g. \"A-1042\"") String orderNumber) {
 *         return orders.status(orderNumber);
 *     }
 * }
 * List<Tool<?>> tools = Tool.fromMethods(new OrderTools());
 * }</pre>
 *
 * <p>Annotations are immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ToolMethod {
    /**
     * The tool's name; the method's name when empty. Must match {@code [a-zA-Z0-9_-]{1,64}}.
     *
     * @return the name
     */
    String name() default "";

    /**
     * What the tool does, for the model; when empty, the method's {@link Description} is used.
     *
     * @return the description
     */
    String description() default "";

    /**
     * How long the tool may run before it is cancelled and the model told so, in milliseconds; 0 uses the
     * runner's default.
     *
     * @return the timeout in milliseconds, or 0
     */
    long timeoutMillis() default 0;
}
