package dev.bedrock4j.rag.store.internal;

import java.util.Optional;

/**
 * Picks the kernel at run time: the JDK Vector API one when the application runs with
 * {@code --add-modules jdk.incubator.vector}, plain Java otherwise. The system property
 * {@code bedrock4j.vector.kernel=plain} forces plain Java. Thread-safe.
 */
public final class Kernels {
    private static final String SIMD_CLASS = "dev.bedrock4j.rag.store.internal.SimdKernel";
    private static final Kernel PLAIN = new PlainKernel();
    private static final Kernel SIMD = loadSimd().orElse(null);
    private static final Kernel ACTIVE = "plain".equals(System.getProperty("bedrock4j.vector.kernel")) || SIMD == null
            ? PLAIN : SIMD;

    private Kernels() {
    }

    /** The kernel stores use. */
    public static Kernel active() {
        return ACTIVE;
    }

    /** The plain Java kernel. */
    public static Kernel plain() {
        return PLAIN;
    }

    /** The Vector API kernel, when the JVM has the incubator module and the CPU wide enough vectors. */
    public static Optional<Kernel> vectorApi() {
        return Optional.ofNullable(SIMD);
    }

    private static Optional<Kernel> loadSimd() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Kernel) Class.forName(SIMD_CLASS).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
