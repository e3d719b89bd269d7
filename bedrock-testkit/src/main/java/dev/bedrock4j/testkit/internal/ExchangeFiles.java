package dev.bedrock4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.AtomicFile;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recorded chat exchanges on disk, one pretty-printed JSON file per exchange:
 * {@code {"modelId": ..., "request": <Converse request>, "response": <Converse response>}}, named by a
 * stable hash of the model id and the canonical request JSON (keys sorted). Only the Converse bodies
 * are stored, never headers or anything else of the transport, so no credential can reach a file.
 * Thread-safe and process-safe without a lock: each file is written through {@link AtomicFile} (a temporary
 * file of its own, forced, renamed atomically), so writers never share a temporary file and a reader sees a
 * whole recording or none; two writers of one exchange leave the one that renamed last.
 */
public final class ExchangeFiles {
    private final Path directory;

    /** Exchanges in a directory, created on the first write. */
    public ExchangeFiles(Path directory) {
        this.directory = directory;
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** The file that holds, or would hold, the exchange of a request to a model. */
    public Path fileFor(String modelId, ChatRequest request) {
        return directory.resolve(hash(key(modelId, request)) + ".json");
    }

    /**
     * The recorded response to a request, if there is one.
     *
     * @throws IllegalStateException if the file holds another request, after an edit by hand
     */
    public Optional<ChatResponse> read(String modelId, ChatRequest request) {
        Path file = fileFor(modelId, request);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode exchange;
        try {
            exchange = JsonSupport.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + file, e);
        }
        ObjectNode recorded = JsonSupport.object();
        recorded.set("modelId", exchange.path("modelId"));
        recorded.set("request", exchange.path("request"));
        if (!canonical(recorded).equals(key(modelId, request))) {
            throw new IllegalStateException("the recording " + file + " holds another request than the one it is named"
                    + " for (was it edited by hand?); delete it and record it again");
        }
        return Optional.of(ConverseCodec.parseResponse(exchange.path("response"), modelId));
    }

    /** Writes the exchange of a request, replacing an earlier recording of the same request. */
    public Path write(String modelId, ChatRequest request, ChatResponse response) {
        ObjectNode exchange = JsonSupport.object();
        exchange.put("modelId", modelId);
        exchange.set("request", ConverseCodec.request(request));
        exchange.set("response", ConverseCodec.response(response));
        Path file = fileFor(modelId, request);
        byte[] content = (JsonSupport.pretty(exchange) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, out -> out.write(content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording " + file, e);
        }
        return file;
    }

    // The identity of an exchange: the model id and the request, as canonical JSON text.
    private static String key(String modelId, ChatRequest request) {
        ObjectNode key = JsonSupport.object();
        key.put("modelId", modelId);
        key.set("request", ConverseCodec.request(request));
        return canonical(key);
    }

    private static String canonical(JsonNode json) {
        return JsonSupport.write(sorted(json));
    }

    private static JsonNode sorted(JsonNode json) {
        if (json.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                fields.put(name, sorted(json.get(name)));
            }
            ObjectNode copy = JsonSupport.object();
            fields.forEach(copy::set);
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = JsonSupport.array();
            json.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return json;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
