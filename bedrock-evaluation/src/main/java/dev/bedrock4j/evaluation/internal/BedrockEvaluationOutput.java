package dev.bedrock4j.evaluation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Reads the JSON Lines a Bedrock evaluation job writes to S3, from a local copy: every {@code .jsonl} file under
 * a directory (or one file), each line an {@code inputRecord} (the prompt and reference), its
 * {@code modelResponses} (model and answer) and either {@code automatedEvaluationResult.scores} (metric name and
 * result) or {@code humanEvaluationResult} (ratings with their metric, model, rating method and result).
 * Thread-safe: stateless.
 */
public final class BedrockEvaluationOutput {
    /** The most bytes of one output file read; Bedrock's datasets hold at most 1000 prompts. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private BedrockEvaluationOutput() {
    }

    /**
     * One model's answer to one prompt with its scores.
     *
     * @param prompt the prompt
     * @param reference the reference answer, or empty
     * @param modelId the model identifier Bedrock reports
     * @param response the answer
     * @param scores raw scores by metric name, with the rating method for human ratings
     */
    public record Line(String prompt, String reference, String modelId, String response, List<Score> scores) {
    }

    /**
     * A raw score.
     *
     * @param metric the metric's name as Bedrock wrote it
     * @param value the value as Bedrock wrote it
     * @param ratingMethod the human rating method, or empty for automatic metrics
     */
    public record Score(String metric, double value, String ratingMethod) {
    }

    /** Every answer in the output at {@code path}, a directory or a file, in file and line order. */
    public static List<Line> read(Path path) {
        List<Path> files;
        try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the evaluation output in " + path + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .jsonl file under " + path + "; copy the job's output folder from S3"
                    + " first, e.g. aws s3 cp --recursive <outputData>/<job-name>/ " + path);
        }
        List<Line> lines = new ArrayList<>();
        for (Path file : files) {
            readFile(file, lines);
        }
        return lines;
    }

    /** The model id in a foundation-model ARN, else the identifier as given. */
    public static String modelId(String identifier) {
        int at = identifier.indexOf("foundation-model/");
        return at >= 0 ? identifier.substring(at + "foundation-model/".length()) : identifier;
    }

    private static void readFile(Path file, List<Line> out) {
        List<String> text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes; it is no"
                        + " evaluation output");
            }
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = JsonSupport.parse(text.get(i));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
            }
            JsonNode input = json.path("inputRecord");
            if (!input.path("prompt").isTextual()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " has no inputRecord.prompt; it is no"
                        + " Bedrock evaluation output");
            }
            String prompt = input.get("prompt").asText();
            String reference = input.path("referenceResponse").asText("");
            List<Score> automated = new ArrayList<>();
            for (JsonNode score : json.path("automatedEvaluationResult").path("scores")) {
                if (score.path("result").isNumber()) {
                    automated.add(new Score(score.path("metricName").asText(), score.get("result").asDouble(), ""));
                }
            }
            Map<String, List<Score>> ratingsByModel = new LinkedHashMap<>();
            for (JsonNode rating : json.path("humanEvaluationResult")) {
                if (rating.path("result").isNumber()) {
                    ratingsByModel.computeIfAbsent(modelId(rating.path("modelIdentifier").asText("")), k -> new ArrayList<>())
                            .add(new Score(rating.path("metricName").asText(), rating.get("result").asDouble(),
                                    rating.path("ratingMethod").asText("")));
                }
            }
            BiFunction<String, List<Score>, List<Score>> forModel = (model, all) -> {
                List<Score> mine = new ArrayList<>(all);
                mine.addAll(ratingsByModel.getOrDefault(modelId(model), List.of()));
                mine.addAll(ratingsByModel.getOrDefault("", List.of()));
                return mine;
            };
            for (JsonNode response : json.path("modelResponses")) {
                String model = response.path("modelIdentifier").asText("");
                out.add(new Line(prompt, reference, model, response.path("response").asText(""),
                        forModel.apply(model, automated)));
            }
        }
    }
}
