package dev.bedrock4j.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.evaluation.internal.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A curated set of test cases that candidate models and prompts are scored on. Build one in Java, or
 * read it from JSONL, one case a line:
 *
 * <pre>{@code
 * {"id":"inv-001","input":"Invoice 4411 from ACME Corp ...","expected":{"vendor":"ACME Corp","total":120.5},"tags":["invoice"]}
 * {"id":"sum-007","input":{"system":[{"text":"Summarise."}],"messages":[{"role":"user","content":[{"text":"..."}]}]},
 *  "references":["First reference summary.","Second one."]}
 * }</pre>
 *
 * <p>{@code input} is a text or a whole Converse-style prompt; {@code expected} is a text or any JSON
 * value (kept as its compact JSON text, for extraction); {@code references} and {@code tags} are
 * arrays of texts and may be left out.
 *
 * <pre>{@code
 * EvalSuite suite = EvalSuite.fromJsonl(Path.of("extraction-suite.jsonl"));
 * EvalSuite invoices = suite.withTag("invoice");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EvalSuite {
    private final String name;
    private final List<EvalCase> cases;

    private EvalSuite(String name, List<EvalCase> cases) {
        this.name = Objects.requireNonNull(name, "name");
        this.cases = List.copyOf(cases);
        Set<String> ids = new HashSet<>();
        for (EvalCase c : this.cases) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("suite '" + name + "' has two cases with id '" + c.id()
                        + "'; give every case a unique id");
            }
        }
    }

    /**
     * A suite of cases.
     *
     * @param name a name for reports
     * @param cases the cases; ids must be unique
     * @return the suite
     * @throws IllegalArgumentException if two cases share an id
     */
    public static EvalSuite of(String name, List<EvalCase> cases) {
        return new EvalSuite(name, cases);
    }

    /**
     * A suite of cases.
     *
     * @param name a name for reports
     * @param cases the cases; ids must be unique
     * @return the suite
     */
    public static EvalSuite of(String name, EvalCase... cases) {
        return new EvalSuite(name, List.of(cases));
    }

    /**
     * Reads a suite from a JSONL file; the suite is named after the file.
     *
     * @param file the JSONL file
     * @return the suite
     * @throws IllegalArgumentException naming the line and the field, if a line is not a valid case
     * @throws UncheckedIOException if the file cannot be read
     */
    public static EvalSuite fromJsonl(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read suite " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        return parseJsonl(fileName.replaceFirst("\\.jsonl$", ""), text, fileName);
    }

    /**
     * Parses a suite from JSONL text.
     *
     * @param name a name for reports
     * @param jsonl the JSONL text, one case a line; blank lines are skipped
     * @return the suite
     * @throws IllegalArgumentException naming the line and the field, if a line is not a valid case
     */
    public static EvalSuite fromJsonl(String name, String jsonl) {
        return parseJsonl(name, jsonl, name);
    }

    private static EvalSuite parseJsonl(String name, String jsonl, String source) {
        List<EvalCase> cases = new ArrayList<>();
        String[] lines = jsonl.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                cases.add(parseCase(lines[i], source + " line " + (i + 1)));
            }
        }
        return new EvalSuite(name, cases);
    }

    private static EvalCase parseCase(String line, String where) {
        JsonNode json = JsonText.strict(line).orElseThrow(() ->
                new IllegalArgumentException(where + " is not a JSON object; write one case per line"));
        if (!json.isObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object; write one case per line");
        }
        JsonNode id = json.path("id");
        if (!id.isTextual() && !id.isNumber()) {
            throw new IllegalArgumentException(where + ": \"id\" is missing; give every case a unique text id");
        }
        EvalCase.Builder builder = EvalCase.builder(id.asText());
        JsonNode input = json.path("input");
        if (input.isTextual()) {
            builder.input(input.asText());
        } else if (input.isObject() && input.path("messages").isArray()) {
            try {
                builder.prompt(ConverseCodec.parseRequest(input));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": \"input\" is not a valid Converse prompt: " + e.getMessage(), e);
            }
        } else {
            throw new IllegalArgumentException(where + ": \"input\" must be a text or a prompt object with \"messages\"");
        }
        JsonNode expected = json.path("expected");
        if (expected.isTextual()) {
            builder.expected(expected.asText());
        } else if (!expected.isMissingNode() && !expected.isNull()) {
            builder.expected(JsonSupport.write(expected));
        }
        builder.references(texts(json.path("references"), "references", where));
        builder.tags(texts(json.path("tags"), "tags", where));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String[] texts(JsonNode array, String field, String where) {
        if (array.isMissingNode() || array.isNull()) {
            return new String[0];
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be an array of texts");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + ": \"" + field + "\" must be an array of texts, found " + item);
            }
            texts.add(item.asText());
        }
        return texts.toArray(String[]::new);
    }

    /**
     * The suite as JSONL, one case a line, in the format {@link #fromJsonl(String, String)} reads.
     *
     * @return the JSONL text
     */
    public String toJsonl() {
        StringBuilder out = new StringBuilder();
        for (EvalCase c : cases) {
            ObjectNode line = JsonSupport.object();
            line.put("id", c.id());
            if (c.prompt().isPresent()) {
                line.set("input", ConverseCodec.request(c.prompt().get()));
            } else {
                line.put("input", c.input());
            }
            c.expected().ifPresent(e -> line.put("expected", e));
            if (!c.references().isEmpty()) {
                ArrayNode references = line.putArray("references");
                c.references().forEach(references::add);
            }
            if (!c.tags().isEmpty()) {
                ArrayNode tags = line.putArray("tags");
                c.tags().forEach(tags::add);
            }
            out.append(JsonSupport.write(line)).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes the suite as JSONL.
     *
     * @param file the file to write; replaced if it exists
     * @throws UncheckedIOException if it cannot be written
     */
    public void writeJsonl(Path file) {
        try {
            Files.writeString(file, toJsonl(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write suite " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The suite's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The cases, in order.
     *
     * @return the cases
     */
    public List<EvalCase> cases() {
        return cases;
    }

    /**
     * The number of cases.
     *
     * @return the count
     */
    public int size() {
        return cases.size();
    }

    /**
     * The case with an id.
     *
     * @param id the id
     * @return the case, or empty
     */
    public java.util.Optional<EvalCase> find(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * The cases with a tag, as a suite named {@code <name>[<tag>]}.
     *
     * @param tag the tag
     * @return the smaller suite
     */
    public EvalSuite withTag(String tag) {
        return new EvalSuite(name + "[" + tag + "]", cases.stream().filter(c -> c.tags().contains(tag)).toList());
    }

    @Override
    public String toString() {
        return "EvalSuite[" + name + ", " + cases.size() + " cases]";
    }
}
