package dev.bedrock4j.testkit.junit;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * A JUnit 5 extension that gives each test class a {@link LocalBedrockServer} and clients pointed at it.
 *
 * <ul>
 *   <li>One server per test class, started before its first test and closed after its last; a
 *       {@code @Nested} class shares its enclosing class's server and clients.</li>
 *   <li>Before each test the server is {@link LocalBedrockServer#reset() reset}: scripts, faults,
 *       knowledge bases, agents and recorded requests, so tests do not leak into each other. Script in
 *       the test or in a {@code @BeforeEach} method.</li>
 *   <li>Injected by type into test, lifecycle and constructor parameters, and into fields that are
 *       not final and still {@code null} (static fields before the class, instance fields per
 *       instance): the {@link LocalBedrockServer}, the SDK's {@link BedrockRuntimeClient},
 *       {@link BedrockRuntimeAsyncClient}, {@link BedrockAgentRuntimeClient} and
 *       {@link BedrockAgentRuntimeAsyncClient}, and a {@link Bedrock} entry point built on the two
 *       runtime clients.</li>
 *   <li>The clients use the server's endpoint, region {@code us-east-1} and static dummy credentials;
 *       they retry as {@link BedrockTest#retries()} says (the SDK's default unless set). Each is created
 *       on first use, shared by the tests of the class, and closed after the class.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(BedrockTestExtension.class)          // or @BedrockTest
 * class AnswerServiceTest {
 *     LocalBedrockServer server;                    // injected
 *     BedrockRuntimeClient client;                  // injected
 *
 *     @Test
 *     void answers() {
 *         server.model("amazon.nova-lite-v1:0").reply("42");
 *
 *         ConverseResponse response = client.converse(r -> r.modelId("amazon.nova-lite-v1:0")
 *                 .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("The answer?"))));
 *
 *         assertThat(response.output().message().content().get(0).text()).isEqualTo("42");
 *     }
 * }
 * }</pre>
 *
 * <p>The tests of one class share the server, so run them one at a time (JUnit's default).
 *
 * <p>Thread-safe; JUnit creates and shares it.
 */
public final class BedrockTestExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestInstancePostProcessor, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BedrockTestExtension.class);
    private static final Map<Class<?>, Function<ClassResources, Object>> INJECTABLE = Map.of(
            LocalBedrockServer.class, ClassResources::server,
            BedrockRuntimeClient.class, ClassResources::runtime,
            BedrockRuntimeAsyncClient.class, ClassResources::runtimeAsync,
            BedrockAgentRuntimeClient.class, ClassResources::agentRuntime,
            BedrockAgentRuntimeAsyncClient.class, ClassResources::agentRuntimeAsync,
            Bedrock.class, ClassResources::bedrock);

    /** Creates the extension; JUnit does this for {@code @ExtendWith} and {@link BedrockTest}. */
    public BedrockTestExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        ClassResources resources = resources(context);
        for (Field field : injectableFields(context.getRequiredTestClass(), true)) {
            inject(field, null, resources);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        ClassResources resources = resources(context);
        for (Field field : injectableFields(testInstance.getClass(), false)) {
            inject(field, testInstance, resources);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resources(context).server().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Only the class that created the resources closes them; a @Nested class finds its enclosing class's.
        ClassResources own = context.getStore(NAMESPACE).remove(ClassResources.class, ClassResources.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE.containsKey(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE.get(parameterContext.getParameter().getType()).apply(resources(extensionContext));
    }

    /** The resources of the test class, found in an enclosing class's store or created in the class's own. */
    private static ClassResources resources(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ClassResources.class,
                key -> new ClassResources(retries(testClass)), ClassResources.class);
    }

    private static SdkRetries retries(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            var annotation = AnnotationSupport.findAnnotation(c, BedrockTest.class);
            if (annotation.isPresent()) {
                return annotation.get().retries();
            }
        }
        return SdkRetries.SDK_DEFAULT;
    }

    private static List<Field> injectableFields(Class<?> type, boolean isStatic) {
        return ReflectionSupport.findFields(type, field -> INJECTABLE.containsKey(field.getType())
                        && Modifier.isStatic(field.getModifiers()) == isStatic && !Modifier.isFinal(field.getModifiers()),
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void inject(Field field, Object target, ClassResources resources) throws IllegalAccessException {
        field.setAccessible(true);
        if (field.get(target) == null) {
            field.set(target, INJECTABLE.get(field.getType()).apply(resources));
        }
    }
}
