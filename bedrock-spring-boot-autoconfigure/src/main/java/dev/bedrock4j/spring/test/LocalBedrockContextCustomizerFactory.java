package dev.bedrock4j.spring.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Registered in {@code META-INF/spring.factories}, so it is asked about every Spring test class: it answers only for
 * those annotated with {@link AutoConfigureLocalBedrock}, and names no testkit type itself, so that applications
 * without the testkit are not affected.
 */
final class LocalBedrockContextCustomizerFactory implements ContextCustomizerFactory {
    private static final String SERVER_CLASS = "dev.bedrock4j.testkit.LocalBedrockServer";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureLocalBedrock.class)) {
            return null;
        }
        if (!ClassUtils.isPresent(SERVER_CLASS, testClass.getClassLoader())) {
            throw new IllegalStateException("@AutoConfigureLocalBedrock on " + testClass.getName() + " needs the"
                    + " local Bedrock server: add dev.bedrock4j:bedrock-testkit as a test dependency");
        }
        return new LocalBedrockContextCustomizer();
    }
}
