package dev.bedrock4j.rag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the test class path, spoken to by lines: it reports on its standard output and waits for a
 * line on its standard input, so a test synchronises on what the child says, never on time.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final List<String> lines = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
    }

    public static ChildJvm start(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Reads the child's lines until one starts with the prefix, and returns it; fails if the child ends first. */
    public String await(String prefix) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the child ended without saying " + prefix + "; it said " + lines);
    }

    /** Sends the child a line, on which it goes on. */
    public void proceed() {
        try {
            in.write("go\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the child a line (it goes on) and waits for it to exit. */
    public int proceedAndWait() {
        proceed();
        return exitValue();
    }

    /** Waits for the child to exit, reading what it still says. */
    public int exitValue() {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the child did not exit; it said " + lines);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the child as SIGKILL does: no shutdown hook, no finally block, no close. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the child survived being killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
