package dev.bedrock4j.evaluation.customize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.evaluation.EvalCase;
import dev.bedrock4j.evaluation.PromptVariant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {
    static final TrainingExample INVOICE = TrainingExample.of("Extract as JSON.", "Invoice 7 from ACME, 12 EUR.",
            "{\"vendor\":\"ACME\",\"total\":12}");

    @TempDir
    Path dir;

    static List<TrainingExample> examples(int n) {
        return IntStream.range(0, n).mapToObj(i -> TrainingExample.of("Extract as JSON.", "Invoice " + i + " from ACME.",
                "{\"vendor\":\"ACME\",\"number\":" + i + "}")).toList();
    }

    /** Limits small enough to hit in a test. */
    static final DatasetLimits SMALL = new DatasetLimits(3, 10, 2, 11, 20, 6, 10_000, 1_000);

    @Test
    void conversationRecordsAreBedrockConversation2024() {
        assertThat(TrainingData.toJsonl(List.of(INVOICE), DatasetFormat.CONVERSATION)).isEqualTo(
                "{\"schemaVersion\":\"bedrock-conversation-2024\",\"system\":[{\"text\":\"Extract as JSON.\"}],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Invoice 7 from ACME, 12 EUR.\"}]},"
                        + "{\"role\":\"assistant\",\"content\":[{\"text\":\"{\\\"vendor\\\":\\\"ACME\\\",\\\"total\\\":12}\"}]}]}\n");
        assertThat(TrainingData.toJsonl(List.of(TrainingExample.of("Hi", "Hello")), DatasetFormat.CONVERSATION))
                .doesNotContain("\"system\"");
    }

    @Test
    void promptCompletionAndUnlabelledRecords() {
        assertThat(TrainingData.toJsonl(List.of(INVOICE), DatasetFormat.PROMPT_COMPLETION)).isEqualTo(
                "{\"prompt\":\"Extract as JSON.\\n\\nInvoice 7 from ACME, 12 EUR.\",\"completion\":\"{\\\"vendor\\\":\\\"ACME\\\",\\\"total\\\":12}\"}\n");
        assertThat(TrainingData.unlabelledJsonl(List.of("Domain text one.", " ", "Two.")))
                .isEqualTo("{\"input\":\"Domain text one.\"}\n{\"input\":\"Two.\"}\n");
        assertThatThrownBy(() -> TrainingData.toJsonl(List.of(INVOICE), DatasetFormat.CONTINUED_PRE_TRAINING))
                .hasMessageContaining("writeUnlabelled");
    }

    @Test
    void examplesComeFromEvalCasesPromptedLikeTheEvaluation() {
        EvalCase c = EvalCase.of("inv-1", "Invoice 7 from ACME.", "{\"vendor\":\"ACME\"}");
        TrainingExample e = TrainingExample.fromCase(c, PromptVariant.withSystem("json", "Reply with JSON."));
        assertThat(e).isEqualTo(TrainingExample.of("Reply with JSON.", "Invoice 7 from ACME.", "{\"vendor\":\"ACME\"}"));
        assertThatThrownBy(() -> TrainingExample.fromCase(EvalCase.builder("x").input("q").build()))
                .hasMessageContaining("no expected output");
        assertThatThrownBy(() -> TrainingExample.of("p", " ")).hasMessageContaining("non-blank completion");
    }

    @Test
    void splitIsSeededAndDisjoint() {
        List<TrainingExample> all = examples(50);
        TrainingData.Split a = TrainingData.split(all, 0.1, 42);
        assertThat(a).isEqualTo(TrainingData.split(all, 0.1, 42));
        assertThat(a.validation()).hasSize(5);
        assertThat(a.training()).hasSize(45).doesNotContainAnyElementsOf(a.validation());
        assertThat(TrainingData.split(all, 0.1, 43)).isNotEqualTo(a);
        assertThat(TrainingData.split(examples(3), 0.01, 1).validation()).hasSize(1);
        assertThatThrownBy(() -> TrainingData.split(examples(1), 0.5, 1)).hasMessageContaining("leaves no training example");
    }

    @Test
    void wellFormedFilesPass() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Path validation = dir.resolve("validation.jsonl");
        TrainingData.write(examples(8), DatasetFormat.CONVERSATION, train);
        TrainingData.write(examples(2), DatasetFormat.CONVERSATION, validation);
        DatasetCheck check = TrainingData.check(DatasetFormat.CONVERSATION, SMALL.withMaxRecords(10, 2, 11), train, validation)
                .orThrow();
        assertThat(check.ok()).isTrue();
        assertThat(check.trainingRecords()).isEqualTo(8);
        assertThat(check.validationRecords()).isEqualTo(2);

        Path pc = dir.resolve("pc.jsonl");
        TrainingData.write(examples(3), DatasetFormat.PROMPT_COMPLETION, pc);
        assertThat(TrainingData.check(DatasetFormat.PROMPT_COMPLETION, SMALL, pc).problems()).isEmpty();
        Path cpt = dir.resolve("cpt.jsonl");
        TrainingData.writeUnlabelled(List.of("one", "two", "three"), cpt);
        assertThat(TrainingData.check(DatasetFormat.CONTINUED_PRE_TRAINING, SMALL, cpt).problems()).isEmpty();
    }

    /** Writes three good conversation records with one bad line in the middle and returns the problem messages. */
    private List<String> problemsWith(String badLine) throws Exception {
        List<String> lines = new ArrayList<>(List.of(TrainingData.toJsonl(examples(3), DatasetFormat.CONVERSATION).split("\n")));
        lines.add(1, badLine);
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return TrainingData.check(DatasetFormat.CONVERSATION, SMALL, file).problems().stream().map(DatasetProblem::toString).toList();
    }

    @Test
    void eachKindOfBadRecordIsNamedByLine() throws Exception {
        String user = "{\"role\":\"user\",\"content\":[{\"text\":\"q\"}]}";
        String assistant = "{\"role\":\"assistant\",\"content\":[{\"text\":\"a\"}]}";
        String v = "\"schemaVersion\":\"bedrock-conversation-2024\"";
        assertThat(problemsWith("{not json")).containsExactly("bad.jsonl line 2: is not a JSON object; write one record per line");
        assertThat(problemsWith("")).containsExactly("bad.jsonl line 2: is blank; JSONL needs one record on every line");
        assertThat(problemsWith("{\"schemaVersion\":\"v1\",\"messages\":[" + user + "," + assistant + "]}"))
                .singleElement().asString().contains("line 2").contains("\"schemaVersion\" must be \"bedrock-conversation-2024\"");
        assertThat(problemsWith("{" + v + ",\"messages\":[" + user + "]}"))
                .singleElement().asString().contains("at least a user turn and the assistant's answer");
        assertThat(problemsWith("{" + v + ",\"messages\":[" + assistant + "," + user + "]}"))
                .singleElement().asString().contains("messages[0] has role \"assistant\" but must be \"user\"");
        assertThat(problemsWith("{" + v + ",\"messages\":[" + user + "," + assistant + "," + user + "]}"))
                .singleElement().asString().contains("the last turn must be the assistant's");
        assertThat(problemsWith("{" + v + ",\"messages\":[" + user + ",{\"role\":\"assistant\",\"content\":[{\"text\":\" \"}]}]}"))
                .singleElement().asString().contains("messages[1].content[0]: \"text\" is blank");
        assertThat(problemsWith("{" + v + ",\"prompt\":\"x\",\"messages\":[" + user + "," + assistant + "]}"))
                .singleElement().asString().contains("has the field \"prompt\", which this format does not allow");
        assertThat(problemsWith("{" + v + ",\"system\":\"plain\",\"messages\":[" + user + "," + assistant + "]}"))
                .singleElement().asString().contains("\"system\" must be an array");
        assertThat(problemsWith("{" + v + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\""
                + "x".repeat(121) + "\"}]}," + assistant + "]}"))
                .singleElement().asString().contains("has 122 characters (about 21 tokens); the model takes at most 20 tokens");
    }

    @Test
    void promptCompletionAndContinuedPreTrainingRecordsAreCheckedToo() throws Exception {
        Path pc = dir.resolve("pc.jsonl");
        Files.writeString(pc, "{\"prompt\":\"a\",\"completion\":\"b\"}\n{\"prompt\":\"a\"}\n{\"prompt\":\"a\",\"completion\":3}\n");
        assertThat(TrainingData.check(DatasetFormat.PROMPT_COMPLETION, SMALL, pc).problems()).extracting(DatasetProblem::toString)
                .containsExactly("pc.jsonl line 2: \"completion\" is missing", "pc.jsonl line 3: \"completion\" must be a text");
        Path cpt = dir.resolve("cpt.jsonl");
        Files.writeString(cpt, "{\"input\":\"a\"}\n{\"text\":\"b\"}\n{\"input\":\"c\"}\n");
        assertThat(TrainingData.check(DatasetFormat.CONTINUED_PRE_TRAINING, SMALL, cpt).problems()).extracting(DatasetProblem::toString)
                .containsExactly("cpt.jsonl line 2: has the field \"text\", which this format does not allow (allowed: [input])");
    }

    @Test
    void recordCountsAndFileSizesAreChecked() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Path validation = dir.resolve("validation.jsonl");
        TrainingData.write(examples(2), DatasetFormat.CONVERSATION, train);
        assertThat(TrainingData.check(DatasetFormat.CONVERSATION, SMALL, train).problems()).extracting(DatasetProblem::toString)
                .containsExactly("train.jsonl: training and validation hold 2 records; the model needs at least 3 (add examples)");

        TrainingData.write(examples(11), DatasetFormat.CONVERSATION, train);
        TrainingData.write(examples(3), DatasetFormat.CONVERSATION, validation);
        DatasetLimits roomy = new DatasetLimits(3, 10, 2, 12, 100, 6, 1_000_000, 1_000_000);
        assertThat(TrainingData.check(DatasetFormat.CONVERSATION, roomy, train, validation).problems())
                .extracting(DatasetProblem::toString).containsExactly(
                        "train.jsonl: has 11 records; the model takes at most 10 (raise the quota, or sample fewer)",
                        "validation.jsonl: has 3 records; the model takes at most 2 for validation",
                        "train.jsonl: training and validation hold 14 records; the model takes at most 12 in all");

        TrainingData.write(examples(5), DatasetFormat.CONVERSATION, train);
        DatasetLimits tinyFiles = new DatasetLimits(1, 10, 2, 12, 100, 6, 200, 100);
        assertThat(TrainingData.check(DatasetFormat.CONVERSATION, tinyFiles, train).problems()).singleElement().asString()
                .startsWith("train.jsonl: is " + Files.size(train) + " bytes; the model takes files of at most 200 bytes");

        Files.write(train, new byte[] {'{', '"', 'i', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        assertThat(TrainingData.check(DatasetFormat.CONTINUED_PRE_TRAINING, tinyFiles, train).problems())
                .extracting(DatasetProblem::toString).contains("train.jsonl: is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void orThrowListsProblemsAsAnInvalidRequest() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Files.writeString(train, "oops\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingData.check(DatasetFormat.CONVERSATION, SMALL, train).orThrow())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).hasValue("trainingData"))
                .hasMessageContaining("train.jsonl line 1: is not a JSON object");
    }

    @Test
    void presetsFollowTheBaseModel() {
        assertThat(DatasetLimits.forModel("anthropic.claude-3-haiku-20240307-v1:0:200k", CustomizationMethod.FINE_TUNING))
                .isEqualTo(DatasetLimits.claude3Haiku());
        assertThat(DatasetLimits.claude3Haiku().minTotalRecords()).isEqualTo(32);
        assertThat(DatasetLimits.claude3Haiku().maxTokensPerRecord()).isEqualTo(32_000);
        assertThat(DatasetLimits.forModel("amazon.titan-text-express-v1:0:8k", CustomizationMethod.CONTINUED_PRE_TRAINING)
                .maxTrainingFileBytes()).isEqualTo(10_000_000_000L);
        assertThat(DatasetLimits.titanText(CustomizationMethod.FINE_TUNING).maxCharsPerRecord()).isEqualTo(4_096 * 6);
        assertThat(DatasetLimits.forModel("meta.llama3-1-8b-instruct-v1:0:128k", CustomizationMethod.FINE_TUNING))
                .isEqualTo(DatasetLimits.llama3());
        assertThat(DatasetLimits.forModel("cohere.command-light-text-v14:7:4k", CustomizationMethod.FINE_TUNING))
                .isEqualTo(DatasetLimits.cohereCommand());
        assertThatThrownBy(() -> DatasetLimits.forModel("mistral.mistral-7b-instruct-v0:2", CustomizationMethod.FINE_TUNING))
                .hasMessageContaining("no built-in dataset limits");
        assertThatThrownBy(() -> new DatasetLimits(50, 10, 1, 10, 1, 1, 1, 1)).hasMessageContaining("exceeds maxTotalRecords");
    }
}
