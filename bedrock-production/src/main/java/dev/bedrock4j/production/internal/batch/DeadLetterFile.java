package dev.bedrock4j.production.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.JsonlLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tidies a bulk run's dead-letter file after a run that retried its items: drops the lines of items that
 * have since succeeded and keeps only the latest line of an item that failed again. The new content replaces
 * the file through {@link JsonlLog#rewrite}, atomically and under the log's writer lock, so a reader (or a
 * crash) sees either the old file or the new one. A run killed before the rewrite leaves lines for items
 * that have since succeeded; they are harmless, since the results file wins (such an item counts as done),
 * and the next rewrite drops them.
 *
 * <p>Call it when no one appends to the log any more. Thread-safe: it holds no state.
 */
public final class DeadLetterFile {
    private DeadLetterFile() {
    }

    /**
     * Rewrites the log without the lines of the given ids and with one line, the last, per remaining id.
     *
     * @param log the open dead-letter log
     * @param succeeded ids now in the results file
     * @return how many lines were dropped; 0 leaves the file untouched
     * @throws UncheckedIOException if the file cannot be read or replaced, or a line is not JSON; the file is then
     *         unchanged
     */
    public static int rewrite(JsonlLog log, Set<String> succeeded) {
        Path file = log.path();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead-letter file " + file + ": " + e.getMessage()
                    + "; it is unchanged, and the next run with retryDeadLetters(true) tidies it", e);
        }
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        int count = 0;
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = JsonSupport.parse(lines.get(n));
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException(file + " line " + (n + 1) + " is not valid JSON (" + e.getMessage()
                        + "); repair or delete that line", e.getCause());
            }
            String id = json.path("id").asText();
            latest.remove(id); // the newest line of an id goes last, in the order the failures happened
            latest.put(id, json);
            count++;
        }
        latest.keySet().removeAll(succeeded);
        int dropped = count - latest.size();
        if (dropped > 0) {
            log.rewrite(List.copyOf(latest.values()));
        }
        return dropped;
    }
}
