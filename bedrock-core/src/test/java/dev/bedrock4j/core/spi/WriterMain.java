package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.FileInUseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A writer in its own JVM, for {@link ChildJvm}. {@code lock <path>} holds a {@link WriterLock};
 * {@code log <path> <n>} opens a {@link JsonlLog} and appends n lines with ids {@code child-0..}. Either says
 * {@code HELD} and keeps what it holds until a line arrives on its standard input, then closes it and exits 0.
 * A writer that meets another says {@code IN_USE <message>} and exits {@value #IN_USE_STATUS}.
 */
public final class WriterMain {
    static final int IN_USE_STATUS = 3;

    private WriterMain() {
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[1]);
        AutoCloseable held;
        try {
            if (args[0].equals("lock")) {
                held = WriterLock.acquire(path);
            } else {
                JsonlLog log = JsonlLog.open(path, "id");
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    log.append(JsonSupport.object().put("id", "child-" + i).put("text", "x".repeat(200)));
                }
                System.out.println("APPENDED " + n);
                held = log;
            }
        } catch (FileInUseException e) {
            System.out.println("IN_USE " + e.getMessage());
            System.out.flush();
            System.exit(IN_USE_STATUS);
            return;
        }
        System.out.println("HELD pid " + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        try {
            held.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        System.out.println("RELEASED");
    }
}
