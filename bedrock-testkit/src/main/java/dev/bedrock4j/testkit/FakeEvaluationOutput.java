package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Objects;

/**
 * Scripted results of a Bedrock evaluation job, written as Bedrock writes them to S3 (JSON Lines with
 * {@code automatedEvaluationResult} or {@code humanEvaluationResult}, {@code inputRecord} and
 * {@code modelResponses}) into a local folder laid out like the job's output, so that code reading a local copy of
 * the output runs offline. Pairs with the evaluation jobs of {@link FakeBedrockControlPlaneClient}.
 *
 * <pre>{@code
 * Path out = FakeEvaluationOutput.automated("anthropic.claude-3-haiku-20240307-v1:0", "QuestionAndAnswer", "support")
 *         .answer("What is the capital of France?", "Paris", "Paris.", Map.of("Accuracy", 1.0, "Toxicity", 0.01))
 *         .writeTo(tempDir.resolve("job-output"));
 * }</pre>
 *
 * <p>Not thread-safe; build on one thread.
 */
public final class FakeEvaluationOutput {
    private final String modelId;
    private final String taskType;
    private final String dataset;
    private final boolean human;
    private final List<ObjectNode> lines = new ArrayList<>();

    private FakeEvaluationOutput(String modelId, String taskType, String dataset, boolean human) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.taskType = Objects.requireNonNull(taskType, "taskType");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.human = human;
    }

    /**
     * The output of an automatic job for one model.
     *
     * @param modelId the model evaluated
     * @param taskType such as {@code QuestionAndAnswer}
     * @param dataset the dataset's name
     * @return the builder
     */
    public static FakeEvaluationOutput automated(String modelId, String taskType, String dataset) {
        return new FakeEvaluationOutput(modelId, taskType, dataset, false);
    }

    /**
     * The output of a human job for one model.
     *
     * @param modelId the model evaluated
     * @param dataset the dataset's name
     * @return the builder
     */
    public static FakeEvaluationOutput human(String modelId, String dataset) {
        return new FakeEvaluationOutput(modelId, "Custom", dataset, true);
    }

    /**
     * Adds an answer of an automatic job with its scores, as Bedrock reports them (toxicity as a probability).
     *
     * @param prompt the prompt
     * @param reference the reference answer, or {@code null}
     * @param response the model's answer
     * @param scores Bedrock's metric names (such as {@code Accuracy}) and values
     * @return this
     */
    public FakeEvaluationOutput answer(String prompt, String reference, String response, Map<String, Double> scores) {
        ObjectNode line = line(prompt, reference, response);
        ArrayNode list = JsonSupport.object().putArray("scores");
        new LinkedHashMap<>(scores).forEach((metric, value) -> list.addObject().put("metricName", metric).put("result", value));
        ObjectNode result = JsonSupport.object();
        result.set("scores", list);
        line.set("automatedEvaluationResult", result);
        lines.add(line);
        return this;
    }

    /**
     * Adds an answer of a human job with one worker's ratings.
     *
     * @param prompt the prompt
     * @param response the model's answer
     * @param ratingMethod such as {@code IndividualLikertScale} or {@code ThumbsUpDown}
     * @param ratings the metrics' names and ratings
     * @return this
     */
    public FakeEvaluationOutput rated(String prompt, String response, String ratingMethod, Map<String, Double> ratings) {
        ObjectNode line = line(prompt, null, response);
        ArrayNode list = line.putArray("humanEvaluationResult");
        new LinkedHashMap<>(ratings).forEach((metric, value) -> list.addObject().put("workerId", "worker-1")
                .put("metricName", metric).put("modelIdentifier", modelId).put("ratingMethod", ratingMethod)
                .put("result", value));
        lines.add(line);
        return this;
    }

    private ObjectNode line(String prompt, String reference, String response) {
        ObjectNode line = JsonSupport.object();
        ObjectNode input = line.putObject("inputRecord").put("prompt", prompt);
        if (reference != null) {
            input.put("referenceResponse", reference);
        }
        line.putArray("modelResponses").addObject().put("response", response).put("modelIdentifier",
                "arn:aws:bedrock:us-east-1::foundation-model/" + modelId);
        return line;
    }

    /**
     * Writes the output under a folder, at the path Bedrock uses below the job's folder.
     *
     * @param jobFolder the local stand-in for {@code <outputData>/<job-name>/<job-uuid>}
     * @return the folder
     * @throws UncheckedIOException if it cannot be written
     */
    public Path writeTo(Path jobFolder) {
        Path dir = human ? jobFolder.resolve("datasets").resolve(dataset)
                : jobFolder.resolve("models").resolve(modelId.replace(':', '_')).resolve("taskTypes").resolve(taskType)
                        .resolve("datasets").resolve(dataset);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(JsonSupport.write(line)).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("0001_output.jsonl"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation output under " + jobFolder + ": " + e.getMessage(), e);
        }
        return jobFolder;
    }
}
