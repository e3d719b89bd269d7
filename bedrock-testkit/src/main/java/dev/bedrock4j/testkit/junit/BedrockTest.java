package dev.bedrock4j.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

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
 * <h2>Parallel execution</h2>
 * <p>The tests of a class share its server and each test resets it, so with JUnit's parallel execution
 * ({@code junit.jupiter.execution.parallel.enabled=true}) this annotation declares a {@code @ResourceLock} on
 * the class's server: the tests of one class run one at a time, while test classes run in parallel, each with
 * its own server. To run the tests of one class concurrently too, give each test its own server:
 *
 * <pre>{@code
 * @BedrockTest(serverPerTest = true)
 * @Execution(ExecutionMode.CONCURRENT)
 * class ManyCallsTest {
 *     @RepeatedTest(20)
 *     void answers(LocalBedrockServer server, Bedrock bedrock) {        // a new server for each repetition
 *         server.model("amazon.nova-lite-v1:0").reply("Hello!");
 *         assertThat(bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hi").call().text()).isEqualTo("Hello!");
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
@ResourceLock(providers = ServerLock.class)
public @interface BedrockTest {

    /**
     * How the SDK clients created for the class retry failed calls.
     *
     * @return the retry behaviour; {@link SdkRetries#SDK_DEFAULT} unless set
     */
    SdkRetries retries() default SdkRetries.SDK_DEFAULT;

    /**
     * Whether each test gets a server and clients of its own, started for the test and closed after it,
     * instead of sharing the class's. Then the tests of the class may run concurrently, and no resource lock
     * is declared. The server and clients are injected into test, {@code @BeforeEach} and {@code @AfterEach}
     * parameters and, with the default per-method test instance lifecycle, into instance fields; a
     * {@code @BeforeAll} method or a static field cannot have them.
     *
     * @return {@code true} for a server per test; {@code false} (the default) for one per class
     */
    boolean serverPerTest() default false;
}
