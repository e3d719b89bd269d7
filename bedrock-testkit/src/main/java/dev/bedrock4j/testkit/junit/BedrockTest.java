package dev.bedrock4j.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with the {@link BedrockTestExtension}: a
 * {@link dev.bedrock4j.testkit.LocalBedrockServer} for the class, reset before each test, and SDK
 * clients or a {@link dev.bedrock4j.core.Bedrock} pointed at it, injected into test parameters and fields.
 *
 * <pre>{@code
 * @BedrockTest
 * class GreeterTest {
 *     @Test
 *     void greets(LocalBedrockServer server, Bedrock bedrock) {
 *         server.model("amazon.nova-lite-v1:0").reply("Hello!");
 *
 *         String text = bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hi").call().text();
 *
 *         assertThat(text).isEqualTo("Hello!");
 *     }
 * }
 * }</pre>
 *
 * <p>It can also be used as a meta-annotation on an annotation of your own.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BedrockTestExtension.class)
public @interface BedrockTest {

    /**
     * How the SDK clients created for the class retry failed calls.
     *
     * @return the retry behaviour; {@link SdkRetries#SDK_DEFAULT} unless set
     */
    SdkRetries retries() default SdkRetries.SDK_DEFAULT;
}
