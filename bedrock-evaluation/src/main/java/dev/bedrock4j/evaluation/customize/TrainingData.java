package dev.bedrock4j.evaluation.customize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.evaluation.internal.DatasetValidator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training and validation files for Bedrock model customization: labelled examples written as
 * conversation or prompt/completion JSONL, unlabelled text as continued pre-training JSONL, a seeded
 * split into training and validation, and a check of the files against a model's limits before upload.
 *
 * <pre>{@code
 * List<TrainingExample> examples = suite.cases().stream().map(c -> TrainingExample.fromCase(c, jsonOnly)).toList();
 * TrainingData.Split split = TrainingData.split(examples, 0.1, 42);
 * TrainingData.write(split.training(), DatasetFormat.CONVERSATION, Path.of("train.jsonl"));
 * TrainingData.write(split.validation(), DatasetFormat.CONVERSATION, Path.of("validation.jsonl"));
 * TrainingData.check(DatasetFormat.CONVERSATION, DatasetLimits.claude3Haiku(),
 *         Path.of("train.jsonl"), Path.of("validation.jsonl")).orThrow();
 * // upload both files to S3, then submit a job with ModelCustomizer
 * }</pre>
 *
 * <p>Thread-safe: the methods are static and share no state.
 */
public final class TrainingData {
    private TrainingData() {
    }

    /**
     * Training examples split into training and validation sets.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param training the training examples
     * @param validation the validation examples
     */
    public record Split(List<TrainingExample> training, List<TrainingExample> validation) {
        /**
         * Copies the lists.
         *
         * @param training the training examples
         * @param validation the validation examples
         */
        public Split {
            training = List.copyOf(training);
            validation = List.copyOf(validation);
        }
    }

    /**
     * Splits examples at random, from a seed: the same examples and seed always give the same split.
     *
     * @param examples the examples
     * @param validationFraction the share for validation, from 0 (none) to below 1; at least one example goes
     *        to validation when the share is above 0
     * @param seed the seed
     * @return the split
     * @throws IllegalArgumentException if the share is out of range, or leaves no training example
     */
    public static Split split(List<TrainingExample> examples, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be from 0 to below 1, was " + validationFraction);
        }
        List<TrainingExample> shuffled = new ArrayList<>(examples);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            TrainingExample swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        int validation = validationFraction == 0 ? 0 : Math.max(1, (int) Math.round(shuffled.size() * validationFraction));
        if (validation >= shuffled.size()) {
            throw new IllegalArgumentException("a validation share of " + validationFraction + " leaves no training example"
                    + " out of " + shuffled.size());
        }
        return new Split(shuffled.subList(validation, shuffled.size()), shuffled.subList(0, validation));
    }

    /**
     * The JSONL of labelled examples in a format.
     *
     * @param examples the examples
     * @param format {@link DatasetFormat#CONVERSATION} or {@link DatasetFormat#PROMPT_COMPLETION}
     * @return the JSONL text, one record a line
     * @throws IllegalArgumentException for {@link DatasetFormat#CONTINUED_PRE_TRAINING}, which takes unlabelled text
     */
    public static String toJsonl(List<TrainingExample> examples, DatasetFormat format) {
        StringBuilder out = new StringBuilder();
        for (TrainingExample example : examples) {
            out.append(JsonSupport.write(record(example, format))).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes labelled examples as JSONL in a format.
     *
     * @param examples the examples
     * @param format {@link DatasetFormat#CONVERSATION} or {@link DatasetFormat#PROMPT_COMPLETION}
     * @param file the file; replaced if it exists
     * @throws IllegalArgumentException for {@link DatasetFormat#CONTINUED_PRE_TRAINING}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(List<TrainingExample> examples, DatasetFormat format, Path file) {
        Objects.requireNonNull(format, "format");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TrainingExample example : examples) {
                writer.write(JsonSupport.write(record(example, format)));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The continued pre-training JSONL of unlabelled texts: {@code {"input": text}} a line.
     *
     * @param texts the texts; blank ones are skipped
     * @return the JSONL text
     */
    public static String unlabelledJsonl(List<String> texts) {
        StringBuilder out = new StringBuilder();
        for (String text : texts) {
            if (!text.isBlank()) {
                out.append(JsonSupport.write(JsonSupport.object().put("input", text))).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Writes unlabelled texts as continued pre-training JSONL.
     *
     * @param texts the texts; blank ones are skipped
     * @param file the file; replaced if it exists
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void writeUnlabelled(List<String> texts, Path file) {
        try {
            Files.writeString(file, unlabelledJsonl(texts), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a training file against a format and a model's limits.
     *
     * @param format the records' format
     * @param limits the model's limits
     * @param training the training file
     * @return the check; problems name the line and the fix
     * @throws UncheckedIOException if the file cannot be read
     */
    public static DatasetCheck check(DatasetFormat format, DatasetLimits limits, Path training) {
        return DatasetValidator.check(format, limits, training, null);
    }

    /**
     * Checks a training and a validation file against a format and a model's limits.
     *
     * @param format the records' format
     * @param limits the model's limits
     * @param training the training file
     * @param validation the validation file
     * @return the check; problems name the file, the line and the fix
     * @throws UncheckedIOException if a file cannot be read
     */
    public static DatasetCheck check(DatasetFormat format, DatasetLimits limits, Path training, Path validation) {
        return DatasetValidator.check(format, limits, training, Objects.requireNonNull(validation, "validation"));
    }

    private static ObjectNode record(TrainingExample example, DatasetFormat format) {
        ObjectNode json = JsonSupport.object();
        switch (format) {
            case CONVERSATION -> {
                json.put("schemaVersion", DatasetFormat.CONVERSATION_SCHEMA);
                if (!example.system().isEmpty()) {
                    json.putArray("system").addObject().put("text", example.system());
                }
                ArrayNode messages = json.putArray("messages");
                messages.add(ConverseCodec.message(Message.user(example.prompt())));
                messages.add(ConverseCodec.message(Message.assistant(example.completion())));
            }
            case PROMPT_COMPLETION -> {
                String prompt = example.system().isEmpty() ? example.prompt() : example.system() + "\n\n" + example.prompt();
                json.put("prompt", prompt);
                json.put("completion", example.completion());
            }
            default -> throw new IllegalArgumentException("continued pre-training takes unlabelled text:"
                    + " use writeUnlabelled(texts, file) instead");
        }
        return json;
    }
}
