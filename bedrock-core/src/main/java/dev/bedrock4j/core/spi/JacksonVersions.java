package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.core.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check that the Jackson jars on the class path belong together: jackson-core, jackson-databind and the Jackson
 * modules the library meets must share one major.minor version. Build tools pick each jar's version on its own, so
 * two libraries that bring different Jackson versions can leave, say, jackson-core 2.20 next to jackson-databind
 * 2.21, which fails later with a {@link NoSuchMethodError} that names neither. The library calls
 * {@link #warnIfMixed()} where it first touches Jackson, and passes the {@link LinkageError}s Jackson throws through
 * {@link #explain(LinkageError)}, so the user reads the versions and the fix (import {@code dev.bedrock4j:bedrock-bom}
 * or {@code com.fasterxml.jackson:jackson-bom}).
 *
 * <pre>{@code
 * JacksonVersions.mismatch().ifPresent(problem -> System.err.println(problem));
 * }</pre>
 *
 * <p>Thread-safe: it reads the versions compiled into the Jackson jars, and the warning is logged at most once.
 */
public final class JacksonVersions {
    private static final Logger LOG = LoggerFactory.getLogger(JacksonVersions.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /** Jackson modules compared with core and databind when they are on the class path. */
    private static final List<String> MODULES = List.of(
            "com.fasterxml.jackson.dataformat.yaml.PackageVersion",
            "com.fasterxml.jackson.datatype.jsr310.PackageVersion",
            "com.fasterxml.jackson.datatype.jdk8.PackageVersion",
            "com.fasterxml.jackson.module.paramnames.PackageVersion",
            "com.fasterxml.jackson.dataformat.cbor.PackageVersion");
    private static final String FIX = "Align them: import dev.bedrock4j:bedrock-bom (or com.fasterxml.jackson:jackson-bom)"
            + " in <dependencyManagement>, or use Gradle's platform(...) of either; `mvn dependency:tree"
            + " -Dincludes=com.fasterxml.jackson.*` shows which dependency brings which version.";

    private JacksonVersions() {
    }

    /**
     * The versions of jackson-core, jackson-databind and the Jackson modules found, in that order.
     *
     * @return the versions, each naming its artifact (such as {@code jackson-core 2.21.3})
     */
    public static List<Version> found() {
        List<Version> versions = new ArrayList<>();
        versions.add(com.fasterxml.jackson.core.json.PackageVersion.VERSION);
        versions.add(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        ClassLoader loader = JacksonVersions.class.getClassLoader();
        for (String name : MODULES) {
            try {
                Object version = Class.forName(name, true, loader).getField("VERSION").get(null);
                if (version instanceof Version v) {
                    versions.add(v);
                }
            } catch (ReflectiveOperationException | LinkageError absentOrBroken) {
                // the module is not on the class path, or cannot even load: nothing to compare
            }
        }
        return List.copyOf(versions);
    }

    /**
     * What is mixed, when the Jackson jars on the class path differ in major.minor version.
     *
     * @return the problem and its fix, naming each version; empty when the versions agree
     */
    public static Optional<String> mismatch() {
        return mismatch(found());
    }

    /**
     * What is mixed among the given versions, when they differ in major.minor version.
     *
     * @param versions the versions, jackson-databind's among them
     * @return the problem and its fix, naming each version; empty when they agree
     */
    static Optional<String> mismatch(List<Version> versions) {
        boolean mixed = versions.stream().anyMatch(v -> v.getMajorVersion() != versions.get(0).getMajorVersion()
                || v.getMinorVersion() != versions.get(0).getMinorVersion());
        if (!mixed) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("Jackson jars of different versions are on the class path: ");
        for (int i = 0; i < versions.size(); i++) {
            Version v = versions.get(i);
            text.append(i == 0 ? "" : ", ").append(v.getArtifactId()).append(' ').append(v.getMajorVersion()).append('.')
                    .append(v.getMinorVersion()).append('.').append(v.getPatchLevel());
        }
        text.append(". Jackson's jars are made to work together only at one major.minor version. ").append(FIX);
        return Optional.of(text.toString());
    }

    /**
     * Logs the {@linkplain #mismatch() mismatch} at WARN, once per class loader, when there is one. The library
     * calls it where it first touches Jackson; calling it again costs a read of a flag.
     */
    public static void warnIfMixed() {
        if (WARNED.get()) {
            return;
        }
        Optional<String> problem;
        try {
            problem = mismatch();
        } catch (LinkageError e) {
            problem = Optional.of("Jackson cannot report its own version (" + e + "): jackson-core and"
                    + " jackson-databind are missing or broken. " + FIX);
        }
        if (problem.isPresent() && WARNED.compareAndSet(false, true)) {
            LOG.warn(problem.get());
        }
    }

    /**
     * The error to show for a {@link LinkageError} thrown from Jackson: a {@link MixedVersionsError} whose message
     * names the mixed versions and the fix, caused by the original, when the versions are mixed; the original
     * otherwise. An error that is already explained is returned as it is.
     *
     * @param error the error, such as a {@link NoSuchMethodError} thrown inside jackson-databind
     * @return the error to throw
     */
    public static LinkageError explain(LinkageError error) {
        if (error instanceof MixedVersionsError) {
            return error;
        }
        Optional<String> problem;
        try {
            problem = mismatch();
        } catch (LinkageError cannotTell) {
            return error;
        }
        return problem.<LinkageError>map(p -> new MixedVersionsError(p + " The error it caused: " + error, error))
                .orElse(error);
    }

    /**
     * A {@link LinkageError} that Jackson jars of different versions caused, with a message naming them and the fix.
     * It is an error of the class path, not of the call: the library lets it through (a tool loop ends with it
     * rather than passing it to the model as a tool's failure). Immutable.
     */
    public static final class MixedVersionsError extends LinkageError {
        private static final long serialVersionUID = 1L;

        private MixedVersionsError(String message, LinkageError cause) {
            super(message, cause);
        }
    }
}
