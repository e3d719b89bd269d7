package dev.bedrock4j.production.internal.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.production.batch.BulkItem;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The items of a bulk run's JSONL input file: each non-blank line one JSON object with an {@code id}.
 * Lines are read as bytes and decoded one at a time, so that every problem (not UTF-8, not JSON, not an
 * object, no id, an id seen before) names the file and its exact line.
 *
 * <p>{@link #check(Path)} reads the whole file before a run makes its first call; the instance then
 * iterates the items. Not thread-safe; confine each instance to one thread.
 */
public final class JsonlInput implements Iterator<BulkItem>, Closeable {
    /** Problems listed in one message; the rest are counted. */
    private static final int LISTED = 10;

    private final Path path;
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private int position;
    private int limit;
    private long lineNumber;
    private boolean ended;
    private Entry next;

    /** One non-blank line: its number, and its item or what is wrong with it. */
    private record Entry(long line, BulkItem item, String problem) {
    }

    private JsonlInput(Path path, InputStream in) {
        this.path = path;
        this.in = in;
    }

    /**
     * Opens a file to iterate its items.
     *
     * @param path the file
     * @return the input, positioned at its first line
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static JsonlInput open(Path path) {
        try {
            return new JsonlInput(path, Files.newInputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bulk input " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the whole file and counts its items, or fails listing the lines that are not items and the ids
     * that appear twice (with the line of their first appearance).
     *
     * @param path the file
     * @return the number of items
     * @throws IllegalArgumentException naming the file and each bad line
     * @throws UncheckedIOException if the file cannot be read
     */
    public static long check(Path path) {
        Map<String, Long> firstLine = new HashMap<>();
        List<String> problems = new ArrayList<>();
        long count = 0;
        long bad = 0;
        try (JsonlInput input = open(path)) {
            for (Entry entry = input.read(); entry != null; entry = input.read()) {
                String problem = entry.problem();
                if (problem == null) {
                    Long first = firstLine.putIfAbsent(entry.item().id(), entry.line());
                    if (first != null) {
                        problem = "line " + entry.line() + " repeats the id '" + entry.item().id() + "' of line " + first
                                + "; ids must be unique: the results file uses them to know what is done";
                    }
                }
                if (problem == null) {
                    count++;
                } else if (++bad <= LISTED) {
                    problems.add(problem);
                }
            }
        }
        if (bad == 1) {
            throw new IllegalArgumentException(path + " " + problems.get(0) + ". Nothing was sent: fix the line and run again");
        }
        if (bad > 1) {
            throw new IllegalArgumentException(path + " has " + bad + " bad lines. Nothing was sent: fix them and run again:\n  "
                    + String.join("\n  ", problems) + (bad > LISTED ? "\n  ... and " + (bad - LISTED) + " more" : ""));
        }
        return count;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    /**
     * The next item.
     *
     * @throws IllegalArgumentException naming the file and the line, if the line is not an item
     */
    @Override
    public BulkItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry entry = next;
        next = null;
        if (entry.problem() != null) {
            throw new IllegalArgumentException(path + " " + entry.problem());
        }
        return entry.item();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    // The next non-blank line, or null at the end.
    private Entry read() {
        while (!ended) {
            byte[] line = readLine();
            if (line == null) {
                ended = true;
                return null;
            }
            lineNumber++;
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
            } catch (CharacterCodingException e) {
                return bad("is not valid UTF-8 text; save the file as UTF-8");
            }
            if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark some editors write
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    private Entry parse(String text) {
        JsonNode json;
        try {
            json = JsonSupport.parse(text);
        } catch (UncheckedIOException e) {
            String detail = e.getMessage();
            if (e.getCause() instanceof JsonProcessingException problem) {
                detail = problem.getOriginalMessage();
                if (problem.getLocation() != null && problem.getLocation().getColumnNr() > 0) {
                    detail += ", column " + problem.getLocation().getColumnNr();
                }
            }
            return bad("is not valid JSON (" + detail + ")");
        }
        if (!json.isObject()) {
            return bad("is not a JSON object; each line must be one object, such as {\"id\":\"doc-1\",\"text\":\"...\"}");
        }
        JsonNode id = json.get("id");
        if (id == null || id.isNull()) {
            return bad("has no \"id\"; every item needs a unique id so a resumed run knows what is done");
        }
        if (!id.isValueNode() || id.asText().isBlank()) {
            return bad("has an \"id\" that is not a non-blank string or number: " + abbreviate(id.toString()));
        }
        return new Entry(lineNumber, new BulkItem(id.asText(), json), null);
    }

    private Entry bad(String problem) {
        return new Entry(lineNumber, null, "line " + lineNumber + " " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    // A line's bytes without its line break, or null at the end of the file.
    private byte[] readLine() {
        buffer.reset();
        boolean any = false;
        try {
            while (true) {
                if (position == limit) {
                    limit = in.read(chunk);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && chunk[position] != '\n') {
                    position++;
                }
                buffer.write(chunk, start, position - start);
                if (position < limit) {
                    position++; // the line break
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " at line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        byte[] line = buffer.toByteArray();
        int length = line.length;
        return length > 0 && line[length - 1] == '\r' ? Arrays.copyOf(line, length - 1) : line;
    }
}
