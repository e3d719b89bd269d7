package dev.bedrock4j.testkit.junit;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * The resource lock {@link BedrockTest} declares: one per test class (a {@code @Nested} class shares its
 * enclosing class's), on the {@link dev.bedrock4j.testkit.LocalBedrockServer} the class's tests share, so
 * under JUnit's parallel execution they run one at a time while other classes run beside them. A class with
 * {@link BedrockTest#serverPerTest()} shares nothing and gets no lock. JUnit creates it. Thread-safe.
 */
final class ServerLock implements ResourceLocksProvider {
    /** The prefix of the lock keys, followed by the name of the test class (the outermost of {@code @Nested} ones). */
    static final String KEY_PREFIX = "dev.bedrock4j.testkit.LocalBedrockServer:";

    ServerLock() {
    }

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return lockFor(testClass, testClass);
    }

    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
        return lockFor(enclosingInstanceTypes.isEmpty() ? testClass : enclosingInstanceTypes.get(0), testClass);
    }

    /** The lock on the server of the class owning it: the outermost class of a {@code @Nested} one. */
    private static Set<Lock> lockFor(Class<?> owner, Class<?> testClass) {
        if (BedrockTestExtension.serverPerTest(testClass)) {
            return Set.of();
        }
        return Set.of(new Lock(KEY_PREFIX + owner.getName()));
    }
}
