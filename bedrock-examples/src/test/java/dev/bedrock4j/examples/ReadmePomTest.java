package dev.bedrock4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart POM is a complete project: with this build's version in it, a Maven build of its own
 * compiles the README's {@code Quickstart} class for Java 17 against the {@code bedrock-core} this build just made,
 * and the class then runs against the local server, pointed there by the AWS SDK's endpoint variable.
 *
 * <p>Nothing is installed and nothing is downloaded. The child build has a local repository of its own, holding the
 * reactor's BOM, parent POM and {@code bedrock-core}; every other artifact comes from this build's local repository,
 * which the child's settings make the mirror of every remote repository. The child runs the compiler plugin's
 * {@code compile} goal (the version the POM names, with its configuration) rather than the {@code compile} phase,
 * whose resources plugin would be the running Maven's default version, one this build never needed.
 */
@Timeout(180)
class ReadmePomTest {
    static final Pattern POM = Pattern.compile("## Quickstart.*?```xml\\n(.*?)```", Pattern.DOTALL);
    static final Pattern QUICKSTART = Pattern.compile("## Quickstart.*?```java\\n(.*?)```", Pattern.DOTALL);
    static final Pattern BOM_VERSION = Pattern.compile(
            "(<artifactId>bedrock-bom</artifactId>\\s*<version>)([^<]+)(</version>)");
    static final Pattern COMPILER_VERSION = Pattern.compile(
            "<artifactId>maven-compiler-plugin</artifactId>\\s*<version>(\\d+)\\.(\\d+)[^<]*</version>");

    @TempDir
    Path work;

    @Test
    void theReadmePomCompilesTheReadmeQuickstartForJava17AndItRuns() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        String version = System.getProperty("bedrock4j.version", projectVersion(root));

        Matcher pomBlock = POM.matcher(readme);
        assertThat(pomBlock.find()).as("README has an xml block under ## Quickstart").isTrue();
        String pom = pomBlock.group(1);
        assertThat(pom).as("a whole POM").startsWith("<?xml").contains("<project").contains("</project>")
                .contains("<scope>import</scope>").contains("<maven.compiler.release>17</maven.compiler.release>");
        Matcher compiler = COMPILER_VERSION.matcher(pom);
        assertThat(compiler.find()).as("the compiler plugin is named with its version").isTrue();
        assertThat(Integer.parseInt(compiler.group(1)) * 1000 + Integer.parseInt(compiler.group(2)))
                .as("a compiler plugin that knows maven.compiler.release 17").isGreaterThanOrEqualTo(3011);
        Matcher bom = BOM_VERSION.matcher(pom);
        assertThat(bom.find()).as("the POM imports bedrock-bom with a version").isTrue();

        Path project = work.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), bom.replaceFirst("$1" + Matcher.quoteReplacement(version) + "$3"));
        Matcher javaBlock = QUICKSTART.matcher(readme);
        assertThat(javaBlock.find()).as("README has a java block under ## Quickstart").isTrue();
        Path source = project.resolve("src/main/java/com/example/Quickstart.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, javaBlock.group(1));

        Path repository = work.resolve("repository");
        seed(repository, root, version);
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>"
                + localRepository().toUri() + "</url></mirror></mirrors></settings>");

        List<String> maven = List.of(mavenCommand(), "-B", "-q", "-s", settings.toString(), "-gs", settings.toString(),
                "-Dmaven.repo.local=" + repository, "-f", project.resolve("pom.xml").toString(),
                "org.apache.maven.plugins:maven-compiler-plugin:compile");
        Path log = work.resolve("maven.log");
        ProcessBuilder build = new ProcessBuilder(maven).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = build.start();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("the child Maven build finished").isTrue();
        assertThat(process.exitValue()).as("the child Maven build of the README's POM; its output:\n" + Files.readString(log))
                .isZero();

        Path compiled = project.resolve("target/classes/com/example/Quickstart.class");
        byte[] header = Files.readAllBytes(compiled);
        assertThat((header[6] & 0xff) << 8 | (header[7] & 0xff)).as("class file version: Java 17").isEqualTo(61);

        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            server.anyModel().reply("Because of Rayleigh scattering.");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder run = new ProcessBuilder(java, "-cp",
                    project.resolve("target/classes") + File.pathSeparator + System.getProperty("java.class.path"),
                    "-Duser.home=" + work, "com.example.Quickstart")
                    .redirectError(work.resolve("run.err").toFile()).redirectOutput(work.resolve("run.out").toFile());
            Map<String, String> env = run.environment();
            env.keySet().removeIf(key -> key.startsWith("AWS_"));
            env.put("HOME", work.toString());
            env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", server.endpoint().toString());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            Process quickstart = run.start();
            assertThat(quickstart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(quickstart.exitValue()).as(Files.readString(work.resolve("run.err"))).isZero();
            assertThat(Files.readAllLines(work.resolve("run.out"))).containsExactly("Because of Rayleigh scattering.");
            assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText()).isEqualTo("Why is the sky blue?");
        }
    }

    /** Lays out the reactor's BOM, parent POM and bedrock-core as a Maven repository. */
    private static void seed(Path repository, Path root, String version) throws IOException, URISyntaxException {
        copy(root.resolve("bedrock-bom/pom.xml"), repository, "bedrock-bom", version, "pom");
        copy(root.resolve("pom.xml"), repository, "bedrock4j-parent", version, "pom");
        copy(root.resolve("bedrock-core/pom.xml"), repository, "bedrock-core", version, "pom");
        Path core = Paths.get(Bedrock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = artifact(repository, "bedrock-core", version, "jar");
        if (Files.isDirectory(core)) {                 // `mvn test`: the reactor hands over target/classes
            jar(core, jar);
        } else {                                       // `mvn verify`: the packaged jar
            Files.copy(core, jar);
        }
    }

    private static void copy(Path file, Path repository, String artifactId, String version, String extension)
            throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " is version " + version).contains("<version>" + version + "</version>");
        Files.writeString(artifact(repository, artifactId, version, extension), text);
    }

    private static Path artifact(Path repository, String artifactId, String version, String extension) throws IOException {
        Path directory = repository.resolve("dev/bedrock4j").resolve(artifactId).resolve(version);
        Files.createDirectories(directory);
        return directory.resolve(artifactId + "-" + version + "." + extension);
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    /** The local repository this build resolved everything into. */
    private static Path localRepository() {
        String configured = System.getProperty("bedrock4j.localRepository");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The Maven running this build, else the one on the PATH. */
    private static String mavenCommand() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank()) {
            Path mvn = Path.of(home, "bin", System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
            if (Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        return "mvn";
    }

    private static String projectVersion(Path root) throws IOException {
        Matcher version = Pattern.compile("<artifactId>bedrock4j-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(version.find()).as("the root POM names its version").isTrue();
        return version.group(1);
    }
}
