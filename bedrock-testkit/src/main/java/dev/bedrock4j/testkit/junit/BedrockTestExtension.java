package dev.bedrock4j.testkit.junit;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
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
 *       knowledge bases, agents, recorded requests and the count of
 *       {@link LocalBedrockServer#abandonedStreams() abandoned streams}, so tests do not leak into each
 *       other. Script in the test or in a {@code @BeforeEach} method.</li>
 *   <li>With {@link BedrockTest#serverPerTest() @BedrockTest(serverPerTest = true)}, each test gets a server
 *       and clients of its own instead, closed after the test.</li>
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
 * <h2>Parallel execution</h2>
 * <p>The tests of one class share the server, so they must run one at a time. {@link BedrockTest} declares
 * the resource lock that makes JUnit's parallel execution do so (see there); with
 * {@code @ExtendWith(BedrockTestExtension.class)} alone there is no lock, and a test that starts while another
 * test of the class is running fails with an {@link ExtensionConfigurationException} naming the fix, instead
 * of resetting the server under the other test.
 *
 * <p>It runs on the project's own JUnit Jupiter, 5.12 or newer or 6: the testkit does not bring JUnit.
 *
 * <p>Thread-safe; JUnit creates and shares it.
 */
public final class BedrockTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestInstancePostProcessor, ParameterResolver {
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
        List<Field> fields = injectableFields(context.getRequiredTestClass(), true);
        if (fields.isEmpty()) {
            return;
        }
        ClassResources resources = resources(context);
        for (Field field : fields) {
            inject(field, null, resources);
        }
    }

    /** Test instances are post-processed in the test's context, so that a server per test reaches instance fields. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        List<Field> fields = injectableFields(testInstance.getClass(), false);
        if (fields.isEmpty()) {
            return;
        }
        ClassResources resources = resources(context);
        for (Field field : fields) {
            inject(field, testInstance, resources);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (serverPerTest(classContext(context).getRequiredTestClass())) {
            return; // a fresh server, created on first use
        }
        ClassResources resources = resources(context);
        if (resources.enterTest(context.getUniqueId()) > 1) { // afterEach leaves again, even when this fails
            throw new ExtensionConfigurationException("tests of " + classContext(context).getRequiredTestClass().getName()
                    + " ran at the same time against the one LocalBedrockServer they share, which each test resets;"
                    + " annotate the class with @BedrockTest instead of @ExtendWith(BedrockTestExtension.class): its"
                    + " resource lock runs them one at a time; or use @BedrockTest(serverPerTest = true) to give each"
                    + " test its own server");
        }
        resources.server().reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (serverPerTest(classContext(context).getRequiredTestClass())) {
            ClassResources own = context.getStore(NAMESPACE).remove(ClassResources.class, ClassResources.class);
            if (own != null) {
                own.close();
            }
            return;
        }
        resources(context).leaveTest(context.getUniqueId());
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

    /**
     * The resources of the test class, found in an enclosing class's store or created in the class's own; with a
     * server per test, the test's own, created in its store.
     */
    private static ClassResources resources(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        SdkRetries retries = settings(testClass).map(BedrockTest::retries).orElse(SdkRetries.SDK_DEFAULT);
        ExtensionContext owner = classContext;
        if (serverPerTest(testClass)) {
            if (context.getTestMethod().isEmpty()) {
                throw new ExtensionConfigurationException(testClass.getName() + " has @BedrockTest(serverPerTest = true),"
                        + " so each test gets its own server and clients, and none exists outside a test: take them as"
                        + " parameters of the test or of a @BeforeEach method, not in a @BeforeAll method, a static field"
                        + " or (with @TestInstance(PER_CLASS)) an instance field");
            }
            owner = context;
        }
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(ClassResources.class,
                key -> new ClassResources(retries), ClassResources.class);
    }

    /** The context of the test class: the context itself, or its parent for a test. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext;
    }

    /** Whether the tests of a class each get their own server. */
    static boolean serverPerTest(Class<?> testClass) {
        return settings(testClass).map(BedrockTest::serverPerTest).orElse(false);
    }

    private static Optional<BedrockTest> settings(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            var annotation = AnnotationSupport.findAnnotation(c, BedrockTest.class);
            if (annotation.isPresent()) {
                return annotation;
            }
        }
        return Optional.empty();
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
