package dev.bedrock4j.evaluation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.evaluation.customize.DatasetCheck;
import dev.bedrock4j.evaluation.customize.DatasetFormat;
import dev.bedrock4j.evaluation.customize.DatasetLimits;
import dev.bedrock4j.evaluation.customize.DatasetProblem;
import dev.bedrock4j.evaluation.internal.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Checks customization JSONL files line by line, streaming, against a record format and a model's
 * limits; every problem names the file, the line and the fix. Thread-safe.
 */
public final class DatasetValidator {
    /** Problems listed per file; further ones are counted in one last entry. */
    static final int MAX_LISTED = 100;

    private DatasetValidator() {
    }

    /** Checks a training file and, when not null, a validation file. */
    public static DatasetCheck check(DatasetFormat format, DatasetLimits limits, Path training, Path validation) {
        List<DatasetProblem> problems = new ArrayList<>();
        long trainingRecords = checkFile(format, limits, training, limits.maxTrainingFileBytes(), problems);
        long validationRecords = validation == null ? 0
                : checkFile(format, limits, validation, limits.maxValidationFileBytes(), problems);
        String trainingName = name(training);
        if (trainingRecords > limits.maxTrainingRecords()) {
            problems.add(new DatasetProblem(trainingName, 0, "has " + trainingRecords + " records; the model takes at most "
                    + limits.maxTrainingRecords() + " (raise the quota, or sample fewer)"));
        }
        if (validation != null && validationRecords > limits.maxValidationRecords()) {
            problems.add(new DatasetProblem(name(validation), 0, "has " + validationRecords
                    + " records; the model takes at most " + limits.maxValidationRecords() + " for validation"));
        }
        long total = trainingRecords + validationRecords;
        if (total < limits.minTotalRecords()) {
            problems.add(new DatasetProblem(trainingName, 0, "training and validation hold " + total
                    + " records; the model needs at least " + limits.minTotalRecords() + " (add examples)"));
        }
        if (total > limits.maxTotalRecords()) {
            problems.add(new DatasetProblem(trainingName, 0, "training and validation hold " + total
                    + " records; the model takes at most " + limits.maxTotalRecords() + " in all"));
        }
        return new DatasetCheck(trainingRecords, validationRecords, problems);
    }

    private static long checkFile(DatasetFormat format, DatasetLimits limits, Path file, long maxBytes,
                                  List<DatasetProblem> problems) {
        String name = name(file);
        List<DatasetProblem> mine = new ArrayList<>();
        long extra = 0;
        long records = 0;
        try {
            long bytes = Files.size(file);
            if (bytes > maxBytes) {
                mine.add(new DatasetProblem(name, 0, "is " + bytes + " bytes; the model takes files of at most "
                        + maxBytes + " bytes (split the data or use fewer records)"));
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        if (mine.size() < MAX_LISTED) {
                            mine.add(new DatasetProblem(name, number, "is blank; JSONL needs one record on every line"));
                        } else {
                            extra++;
                        }
                        continue;
                    }
                    records++;
                    String problem = checkRecord(format, limits, line);
                    if (problem != null) {
                        if (mine.size() < MAX_LISTED) {
                            mine.add(new DatasetProblem(name, number, problem));
                        } else {
                            extra++;
                        }
                    }
                }
            }
        } catch (CharacterCodingException e) {
            mine.add(new DatasetProblem(name, 0, "is not UTF-8 text; save it as UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (records == 0) {
            mine.add(new DatasetProblem(name, 0, "has no records"));
        }
        if (extra > 0) {
            mine.add(new DatasetProblem(name, 0, extra + " more problems not listed"));
        }
        problems.addAll(mine);
        return records;
    }

    /** The problem with one record, or null when it is fine. */
    static String checkRecord(DatasetFormat format, DatasetLimits limits, String line) {
        JsonNode json = JsonText.strict(line).orElse(null);
        if (json == null || !json.isObject()) {
            return "is not a JSON object; write one record per line";
        }
        String problem;
        long[] chars = {0};
        switch (format) {
            case CONVERSATION -> problem = conversation(json, chars);
            case PROMPT_COMPLETION -> problem = onlyFields(json, List.of("prompt", "completion"));
            default -> problem = onlyFields(json, List.of("input"));
        }
        if (problem != null) {
            return problem;
        }
        if (format == DatasetFormat.PROMPT_COMPLETION) {
            problem = text(json, "prompt", chars);
            if (problem == null) {
                problem = text(json, "completion", chars);
            }
        } else if (format == DatasetFormat.CONTINUED_PRE_TRAINING) {
            problem = text(json, "input", chars);
        }
        if (problem != null) {
            return problem;
        }
        if (chars[0] > limits.maxCharsPerRecord()) {
            long tokens = (chars[0] + limits.charsPerToken() - 1) / limits.charsPerToken();
            return String.format(Locale.ROOT, "has %d characters (about %d tokens); the model takes at most %d tokens"
                    + " (about %d characters) a record: shorten or split it", chars[0], tokens,
                    limits.maxTokensPerRecord(), limits.maxCharsPerRecord());
        }
        return null;
    }

    private static String conversation(JsonNode json, long[] chars) {
        String problem = onlyFields(json, List.of("schemaVersion", "system", "messages"));
        if (problem != null) {
            return problem;
        }
        if (!DatasetFormat.CONVERSATION_SCHEMA.equals(json.path("schemaVersion").asText(null))) {
            return "\"schemaVersion\" must be \"" + DatasetFormat.CONVERSATION_SCHEMA + "\"";
        }
        JsonNode system = json.path("system");
        if (!system.isMissingNode()) {
            if (!system.isArray()) {
                return "\"system\" must be an array of {\"text\": ...} blocks";
            }
            for (int i = 0; i < system.size(); i++) {
                problem = text(system.get(i), "text", chars);
                if (problem != null) {
                    return "system[" + i + "]: " + problem;
                }
            }
        }
        JsonNode messages = json.path("messages");
        if (!messages.isArray() || messages.size() < 2) {
            return "\"messages\" must hold at least a user turn and the assistant's answer";
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            String want = i % 2 == 0 ? "user" : "assistant";
            if (!role.equals(want)) {
                return "messages[" + i + "] has role \"" + role + "\" but must be \"" + want
                        + "\": turns alternate, starting with the user";
            }
            JsonNode content = message.path("content");
            if (!content.isArray() || content.isEmpty()) {
                return "messages[" + i + "].content must be a non-empty array of blocks";
            }
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                if (block.has("text")) {
                    problem = text(block, "text", chars);
                    if (problem != null) {
                        return "messages[" + i + "].content[" + j + "]: " + problem;
                    }
                } else if (!block.has("image") && !block.has("video")) {
                    return "messages[" + i + "].content[" + j + "] must be a text, image or video block";
                }
            }
        }
        if (messages.size() % 2 != 0) {
            return "the last turn must be the assistant's: it is the answer to learn";
        }
        return null;
    }

    private static String onlyFields(JsonNode json, List<String> allowed) {
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return "has the field \"" + name + "\", which this format does not allow (allowed: " + allowed + ")";
            }
        }
        return null;
    }

    private static String text(JsonNode json, String field, long[] chars) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "\"" + field + "\" is missing";
        }
        if (!value.isTextual()) {
            return "\"" + field + "\" must be a text";
        }
        if (value.asText().isBlank()) {
            return "\"" + field + "\" is blank";
        }
        chars[0] += value.asText().length();
        return null;
    }

    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
