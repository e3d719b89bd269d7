package dev.bedrock4j.spring.test;

import dev.bedrock4j.testkit.LocalBedrockServer;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the local server of an {@link AutoConfigureLocalBedrock} test before each test method, before the test's
 * own {@code @BeforeEach} methods script it. Registered in {@code META-INF/spring.factories}; it touches no testkit
 * type for other test classes.
 */
final class LocalBedrockTestExecutionListener extends AbstractTestExecutionListener {
    @Override
    public int getOrder() {
        // after the listeners that load and inject the context
        return 10_000;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureLocalBedrock.class)) {
            Servers.reset(testContext.getApplicationContext().getBean(LocalBedrockContextCustomizer.SERVER_BEAN));
        }
    }

    /** Kept apart so that loading the listener does not load the testkit. */
    private static final class Servers {
        static void reset(Object server) {
            ((LocalBedrockServer) server).reset();
        }
    }
}
