package dev.bedrock4j.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A description the model reads, put into the generated JSON Schema: on a type it describes the
 * object, on a record component, field, getter or setter it describes the property, on a
 * {@link ToolMethod} parameter it describes that argument, and on a tool method it is the tool's
 * description when {@link ToolMethod#description()} is empty.
 *
 * <pre>{@code
 * @Description("A postal address")
 * record Address(@Description("Street and number, e.g. \"12 Rue Cler\"") String street,
 *                @Description("City name") String city,
 *                Optional<String> postcode) {}
 * }</pre>
 *
 * <p>Annotations are immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Description {
    /**
     * The description: what the value means, its unit and an example where that helps.
     *
     * @return the description
     */
    String value();
}
