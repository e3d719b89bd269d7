package dev.bedrock4j.production.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk input file is checked whole before the first call, and every problem, in it or in the results and
 * dead-letter files, names the file and the line.
 */
@Timeout(60)
class BulkInputValidationTest {
    @TempDir
    Path dir;

    final FakeChatModel model = BulkRunnerTest.summariser();

    BulkRunner runner() {
        return BulkRunner.builder(model).requests(i -> ChatRequest.of(i.text())).output(dir.resolve("out.jsonl")).build();
    }

    Path input(String... lines) throws IOException {
        Path input = dir.resolve("input.jsonl");
        Files.writeString(input, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return input;
    }

    static String item(int i) {
        return "{\"id\":\"doc-" + i + "\",\"text\":\"document number " + i + "\"}";
    }

    @Test
    void aDuplicateIdLateInTheFileFailsBeforeAnyCallNamingBothLines() throws IOException {
        String[] lines = IntStream.rangeClosed(1, 40).mapToObj(BulkInputValidationTest::item).toArray(String[]::new);
        lines[37] = item(4); // line 38 repeats line 4
        Path input = input(lines);

        assertThatThrownBy(() -> runner().run(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(input + " line 38 repeats the id 'doc-4' of line 4; ids must be unique: the results file"
                        + " uses them to know what is done. Nothing was sent: fix the line and run again");
        assertThat(model.requestCount()).as("no item was processed").isZero();
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void aGarbledLineInTheMiddleFailsBeforeAnyCallNamingFileLineAndColumn() throws IOException {
        Path input = input(item(1), item(2), "{\"id\":\"doc-3\",\"text\":\"cut here", item(4), item(5));

        assertThatThrownBy(() -> runner().run(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(input + " line 3 is not valid JSON (")
                .hasMessageContaining("column")
                .hasMessageEndingWith("Nothing was sent: fix the line and run again");
        assertThat(model.requestCount()).isZero();
    }

    @Test
    void everyBadLineIsListedInOneMessage() throws IOException {
        Path input = input("[1, 2]", item(2), "{\"text\":\"no id\"}", "", "{\"id\":\"  \"}", item(2), "not json");
        Files.write(input, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'},
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> runner().run(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(input + " has 6 bad lines. Nothing was sent: fix them and run again:\n"
                        + "  line 1 is not a JSON object; each line must be one object, such as {\"id\":\"doc-1\",\"text\":\"...\"}\n"
                        + "  line 3 has no \"id\"; every item needs a unique id so a resumed run knows what is done\n"
                        + "  line 5 has an \"id\" that is not a non-blank string or number: \"  \"\n"
                        + "  line 6 repeats the id 'doc-2' of line 2; ids must be unique: the results file uses them to know what is done\n"
                        + "  line 7 is not valid JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false'), column 1)\n"
                        + "  line 8 is not valid UTF-8 text; save the file as UTF-8");
        assertThat(model.requestCount()).isZero();
    }

    @Test
    void windowsLineEndsAByteOrderMarkAndNumericIdsAreFine() throws IOException {
        Path input = dir.resolve("input.jsonl");
        Files.writeString(input, "\uFEFF{\"id\":1,\"text\":\"one\"}\r\n\r\n{\"id\":\"2\",\"text\":\"two\"}", StandardCharsets.UTF_8);

        BulkReport report = runner().run(input);

        assertThat(report.succeeded()).isEqualTo(2);
        assertThat(BulkRunnerTest.lines(dir.resolve("out.jsonl"))).extracting(n -> n.get("id").asText())
                .containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void aGarbledLineInTheResultsFileNamesTheFileAndTheLine() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "{\"id\":\"doc-1\",\"text\":\"done\"}\n{\"id\":\"doc-2\",\"te\u0000xt\n{\"id\":\"doc-3\",\"text\":\"done\"}\n");
        Path input = input(item(1), item(2), item(3), item(4));

        assertThatThrownBy(() -> runner().run(input))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith(out + " line 2 is not valid JSON (")
                .hasMessageEndingWith("the file was damaged or edited: repair or delete that line (an entry deleted"
                        + " from a checkpoint is done again)");
        assertThat(model.requestCount()).isZero();
    }

    @Test
    void aGarbledLineInTheDeadLetterFileNamesTheFileAndTheLine() throws IOException {
        BulkRunner runner = runner();
        Files.writeString(runner.deadLetterFile(), "{\"id\":\"doc-1\"}\n{\"id\":\"doc-2\"}\n{oops}\n{\"id\":\"doc-3\"}\n");
        Path input = input(item(1), item(2));

        assertThatThrownBy(() -> runner.run(input))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith(runner.deadLetterFile() + " line 3 is not valid JSON (");
        assertThat(model.requestCount()).isZero();
    }

    @Test
    void aLargeValidFileRunsWholeAfterItsCheck() throws IOException {
        Path input = input(IntStream.range(0, 500).mapToObj(BulkInputValidationTest::item).collect(Collectors.joining("\n")));
        BulkReport report = runner().run(input);
        assertThat(report.succeeded()).isEqualTo(500);
        assertThat(model.requestCount()).isEqualTo(500);
    }
}
