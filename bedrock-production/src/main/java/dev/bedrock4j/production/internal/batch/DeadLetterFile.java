package dev.bedrock4j.production.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tidies a bulk run's dead-letter file after a run that retried its items: drops the lines of items that
 * have since succeeded and keeps only the latest line of an item that failed again.
 *
 * <p>Crash-safe: the new content goes to a file beside the old one, is forced to disk, then atomically
 * replaces it, so a reader (or a crash) sees either the old file or the new one. A run killed before the
 * rewrite leaves lines for items that have since succeeded; they are harmless, since the results file wins
 * (such an item counts as done), and the next rewrite drops them.
 *
 * <p>Call it when no one appends to the file any more. Thread-safe: it holds no state.
 */
public final class DeadLetterFile {
    private DeadLetterFile() {
    }

    /**
     * Rewrites the file without the lines of the given ids and with one line, the last, per remaining id.
     *
     * @param file the dead-letter file
     * @param succeeded ids now in the results file
     * @return how many lines were dropped; 0 leaves the file untouched
     * @throws UncheckedIOException if the file cannot be read or replaced, or a line is not JSON; the file is then
     *         unchanged
     */
    public static int rewrite(Path file, Set<String> succeeded) {
        if (!Files.exists(file)) {
            return 0;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".rewrite.tmp");
        try {
            byte[] content = Files.readAllBytes(file);
            Map<String, String> latest = new LinkedHashMap<>();
            int lines = 0;
            int start = 0;
            long lineNumber = 0;
            for (int i = 0; i < content.length; i++) {
                if (content[i] != '\n') {
                    continue;
                }
                lineNumber++;
                String line = new String(content, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode json;
                try {
                    json = JsonSupport.parse(line);
                } catch (UncheckedIOException e) {
                    throw new UncheckedIOException(file + " line " + lineNumber + " is not valid JSON (" + e.getMessage()
                            + "); repair or delete that line", e.getCause());
                }
                String id = json.path("id").asText();
                latest.remove(id); // the newest line of an id goes last, in the order the failures happened
                latest.put(id, line);
                lines++;
            }
            latest.keySet().removeAll(succeeded);
            int dropped = lines - latest.size();
            if (dropped == 0) {
                return 0;
            }
            StringBuilder kept = new StringBuilder();
            latest.values().forEach(line -> kept.append(line).append('\n'));
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(file.toAbsolutePath().getParent());
            return dropped;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the leftover is overwritten by the next rewrite
            }
            throw new UncheckedIOException("cannot rewrite the dead-letter file " + file + ": " + e.getMessage()
                    + "; it is unchanged, and the next run with retryDeadLetters(true) tidies it", e);
        }
    }

    // Makes the rename itself durable where the platform allows opening a directory (not on Windows).
    private static void forceDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }
}
