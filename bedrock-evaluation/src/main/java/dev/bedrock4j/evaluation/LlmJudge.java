package dev.bedrock4j.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.evaluation.internal.JsonText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model as the judge: it grades each answer against a rubric, on a scale (1 to 5 by default), and
 * is asked to reply with {@code {"score": <n>, "reason": "..."}}. The reply is read defensively: JSON
 * anywhere in it (fenced or amid prose), then {@code score: 4}, {@code 4/5} or {@code 4 out of 5}, then a
 * bare number. The score is scaled to 0..1; a reply with no score on the scale is a metric error for
 * that case, not a zero.
 *
 * <pre>{@code
 * Metric faithful = LlmJudge.of(bedrock.chat("anthropic.claude-3-5-sonnet-20241022-v2:0"), "faithfulness",
 *         "The summary states only facts found in the input and leaves out nothing a reader needs.");
 * }</pre>
 *
 * <p>The judge sees the case's input, its expected output and references if any, and the answer. Its
 * calls go to the judge model as given, retried only as that model itself retries, and are counted in
 * the evaluation's cost; a call that fails is a metric error for that case.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LlmJudge implements Metric {
    private static final Pattern LABELLED = Pattern.compile("(?i)\\bscore\\b[\"']?\\s*[:=]\\s*[\"']?(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern BARE = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\.?\\s*$");

    private final ChatModel judge;
    private final String name;
    private final String rubric;
    private final int min;
    private final int max;

    private LlmJudge(ChatModel judge, String name, String rubric, int min, int max) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.name = Objects.requireNonNull(name, "name");
        this.rubric = Objects.requireNonNull(rubric, "rubric");
        if (name.isBlank() || rubric.isBlank()) {
            throw new IllegalArgumentException("a judge needs a non-blank name and rubric");
        }
        if (min >= max) {
            throw new IllegalArgumentException("the scale needs min < max, was " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
    }

    /**
     * A judge grading on a scale from 1 to 5.
     *
     * @param judge the judging model; a strong model, not one of the candidates
     * @param name what is judged, such as {@code faithfulness}
     * @param rubric what a top answer does, in a sentence or two
     * @return the metric, named {@code judge:<name>}
     */
    public static LlmJudge of(ChatModel judge, String name, String rubric) {
        return new LlmJudge(judge, name, rubric, 1, 5);
    }

    /**
     * This judge grading on another scale.
     *
     * @param min the worst grade
     * @param max the best grade, above min
     * @return a copy
     */
    public LlmJudge withScale(int min, int max) {
        return new LlmJudge(judge, name, rubric, min, max);
    }

    @Override
    public String name() {
        return "judge:" + name;
    }

    @Override
    public double score(Sample sample) {
        String reply = sample.ask(judge, request(sample)).text();
        OptionalDouble grade = parseScore(reply, min, max);
        if (grade.isEmpty()) {
            throw new IllegalStateException("the judge's reply for case '" + sample.evalCase().id()
                    + "' holds no score from " + min + " to " + max);
        }
        return (grade.getAsDouble() - min) / (max - min);
    }

    /**
     * The request sent to the judge for a sample.
     *
     * @param sample the sample
     * @return the request
     */
    public ChatRequest request(Sample sample) {
        StringBuilder user = new StringBuilder();
        user.append("<rubric>\n").append(rubric).append("\n</rubric>\n");
        user.append("<input>\n").append(sample.evalCase().input()).append("\n</input>\n");
        List<String> targets = sample.targets();
        for (String target : targets) {
            user.append("<reference>\n").append(target).append("\n</reference>\n");
        }
        user.append("<answer>\n").append(sample.output()).append("\n</answer>");
        return ChatRequest.builder()
                .system("You grade an answer against a rubric" + (targets.isEmpty() ? "" : " and reference answers")
                        + ". Reply with one JSON object and nothing else: {\"score\": <integer from " + min + " to "
                        + max + ">, \"reason\": \"<one sentence>\"}. " + max + " means the answer fully meets the rubric; "
                        + min + " means it does not meet it at all.")
                .user(user.toString())
                .temperature(0)
                .maxTokens(400)
                .build();
    }

    /**
     * Reads a grade from a judge's reply, defensively.
     *
     * @param reply the judge's text
     * @param min the worst grade
     * @param max the best grade
     * @return the grade on the scale, or empty when the reply holds none within it
     */
    public static OptionalDouble parseScore(String reply, int min, int max) {
        Optional<JsonNode> json = JsonText.find(reply);
        if (json.isPresent() && json.get().isObject() && json.get().has("score")) {
            return inRange(number(json.get().get("score")), min, max);
        }
        Matcher labelled = LABELLED.matcher(reply);
        if (labelled.find()) {
            return inRange(Double.parseDouble(labelled.group(1)), min, max);
        }
        Matcher outOf = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(?:/|out of)\\s*" + max + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(reply);
        if (outOf.find()) {
            return inRange(Double.parseDouble(outOf.group(1)), min, max);
        }
        Matcher bare = BARE.matcher(reply);
        if (bare.matches()) {
            return inRange(Double.parseDouble(bare.group(1)), min, max);
        }
        return OptionalDouble.empty();
    }

    private static double number(JsonNode score) {
        if (score.isNumber()) {
            return score.asDouble();
        }
        try {
            return Double.parseDouble(score.asText().strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static OptionalDouble inRange(double grade, int min, int max) {
        return grade >= min && grade <= max ? OptionalDouble.of(grade) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return "LlmJudge[" + name + ", judge=" + judge.modelId() + ", scale=" + min + ".." + max + "]";
    }
}
