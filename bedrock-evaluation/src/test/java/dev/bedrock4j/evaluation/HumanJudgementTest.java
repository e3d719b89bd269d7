package dev.bedrock4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rating sheet as CSV: what the report writes is standard CSV that another parser reads back
 * value for value, and what people send back is read strictly, with errors that say where to look.
 */
class HumanJudgementTest {
    static final String HEADER = "case_id,model,variant,rating\n";

    /** Reads CSV with Jackson directly, independently of the code under test. */
    static List<List<String>> readCsv(String text) {
        try (MappingIterator<String[]> rows = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            List<List<String>> all = new ArrayList<>();
            rows.forEachRemaining(row -> all.add(Arrays.asList(row)));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes CSV with Jackson directly, with LF line ends, as some tools save it. */
    static String writeCsv(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = new CsvMapper().writer(CsvSchema.emptySchema()).writeValues(out)) {
            writer.writeAll(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<String> row(String caseId, String model, String output) {
        return List.of(caseId, model, "as-is", "", "input", "expected", output, "", "");
    }

    @Test
    void theSheetIsStandardCsvThatRoundTripsAwkwardText() {
        List<String> awkward = List.of("plain", "a,b", "say \"hi\"", "two\nlines", "", " padded ", "crlf\r\ninside",
                "unicode: é, 日本, emoji 🙂", "=1+2");
        List<List<String>> rows = new ArrayList<>();
        for (String text : awkward) {
            rows.add(row("c-" + rows.size(), "m", text));
        }

        String sheet = HumanJudgement.sheet(rows);

        assertThat(sheet).startsWith("case_id,model,variant,tags,input,expected,output,rating,comment\r\n")
                .endsWith("\r\n")
                .contains(",\"a,b\",").contains(",\"say \"\"hi\"\"\",").contains(",\"two\nlines\",")
                .contains(",\" padded \",");
        List<List<String>> back = readCsv(sheet);
        assertThat(back).hasSize(1 + awkward.size());
        assertThat(back.get(0)).containsExactlyElementsOf(HumanJudgement.COLUMNS);
        assertThat(back.subList(1, back.size())).extracting(r -> r.get(6)).containsExactlyElementsOf(awkward);
        assertThat(back.subList(1, back.size())).containsExactlyElementsOf(rows);
    }

    @Test
    void anEmptySheetStillHasItsHeader() {
        assertThat(HumanJudgement.sheet(List.of()))
                .isEqualTo("case_id,model,variant,tags,input,expected,output,rating,comment\r\n");
        assertThatThrownBy(() -> HumanJudgement.sheet(List.of(List.of("too", "short"))))
                .hasMessageContaining("needs 9 values");
    }

    @Test
    void ratingsAreMatchedByLabelsThatNeedQuoting(@TempDir Path dir) throws IOException {
        EvalSuite suite = EvalSuite.of("awkward", EvalCase.of("case, \"one\"", "Say yes.", "yes"),
                EvalCase.of("case\ntwo", "Say no.", "no"));
        FakeChatModel model = FakeChatModel.create("fake.model-v1");
        model.respondWith(r -> ChatResponse.ofText(r.lastUserText().contains("yes") ? "yes, \"sure\"\n" : "no"));
        EvalReport report = Evaluation.builder(suite).model("tuned, \"v2\"", model).metrics(ExactMatch.normalized())
                .build().run();
        Path sheet = dir.resolve("to-rate.csv");
        report.writeRatingSheet(sheet);

        List<List<String>> rows = readCsv(Files.readString(sheet));
        assertThat(rows.subList(1, 3)).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(6)).containsExactly(
                org.assertj.core.groups.Tuple.tuple("case, \"one\"", "tuned, \"v2\"", "yes, \"sure\"\n"),
                org.assertj.core.groups.Tuple.tuple("case\ntwo", "tuned, \"v2\"", "no"));
        List<List<String>> filled = new ArrayList<>(List.of(rows.get(0)));
        for (List<String> r : rows.subList(1, rows.size())) {
            List<String> copy = new ArrayList<>(r);
            copy.set(7, r.get(0).startsWith("case, ") ? "5" : "1");
            filled.add(copy);
        }
        Files.writeString(sheet, writeCsv(filled));

        EvalReport rated = report.withMetric(HumanJudgement.fromCsv(sheet));

        assertThat(rated.results()).extracting(CaseResult::caseId, r -> r.score("human").orElseThrow())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("case, \"one\"", 1.0),
                        org.assertj.core.groups.Tuple.tuple("case\ntwo", 0.0));
    }

    @Test
    void theHeaderIsFoundInAnyOrderAndFormAndOtherColumnsAreIgnored() {
        String sheet = "\uFEFF comment ,\"rating\",variant ,case_id,model\r\n"
                + "\r\n"
                + "\"long, \"\"quoted\"\"\nnote\", 4 ,v,a,m\r"
                + "   \n"
                + ",,v,b,m\n"
                + "x,2,v,c,m";
        HumanJudgement human = HumanJudgement.parse(sheet, 1, 5);

        assertThat(human.ratedCount()).isEqualTo(2);
        assertThat(human.score(sample("a", "m", "v"))).isEqualTo(0.75);
        assertThat(human.score(sample("b", "m", "v"))).isNaN();
        assertThat(human.score(sample("c", "m", "v"))).isEqualTo(0.25);
        assertThat(human.score(sample("a", "m", "other"))).as("ratings are per model and variant").isNaN();
    }

    @Test
    void shortRowsAreUnratedAndTheScaleCanBeChosen() {
        HumanJudgement human = HumanJudgement.parse(HEADER + "a,m,v\nb,m,v,10\nc,m,v,0\n", 0, 10);
        assertThat(human.ratedCount()).isEqualTo(2);
        assertThat(human.score(sample("b", "m", "v"))).isEqualTo(1.0);
        assertThat(human.score(sample("c", "m", "v"))).isEqualTo(0.0);
    }

    @Test
    void malformedCsvNamesTheLineAndColumn() {
        assertThatThrownBy(() -> HumanJudgement.parse("a,\"open\nb", 1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid CSV")
                .hasMessageContaining("the value that starts on line 1, column 3")
                .hasMessageContaining("quoted, with each quote inside it doubled");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + "a,m,v,1\n\"multi\nline\",m,v,2\nc,m,\"v\"x,3\n", 1, 5))
                .hasMessageContaining("at line 5, column 9").hasMessageContaining("('x'")
                .hasMessageContaining("the value that starts on line 5, column 5");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + "a,m,v,\"4\n", 1, 5))
                .hasMessageContaining("the value that starts on line 2, column 7");
    }

    @Test
    void badRatingsNameTheRowAndTheLineItStartsOn() {
        String rows = "\"inv\n1\",m,v,3\n\nb,m,v,lots\n";
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + rows, 1, 5))
                .hasMessageContaining("rating sheet row 3 (line 5): rating 'lots' is not a number; use 1 to 5 or leave it blank");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + "a,m,v,NaN\n", 1, 5)).hasMessageContaining("off the scale");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + "a,m,v,-Infinity\n", 1, 5)).hasMessageContaining("off the scale");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + "a,m,v,5.5\n", 1, 5)).hasMessageContaining("row 2 (line 2): rating 5.5 is off the scale 1 to 5");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER + "a,m,v,5\n\"a\",\"m\",\"v\",4\n", 1, 5))
                .hasMessageContaining("row 3 (line 3) rates case 'a' of m/v a second time");
    }

    @Test
    void sheetsWithoutTheNeededHeaderAreRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> HumanJudgement.parse("", 1, 5)).hasMessageContaining("empty; it needs a header row");
        assertThatThrownBy(() -> HumanJudgement.parse("\uFEFF\r\n  \n", 1, 5)).hasMessageContaining("empty");
        assertThatThrownBy(() -> HumanJudgement.parse("case_id,model,variant\n", 1, 5))
                .hasMessageContaining("no 'rating' column; its header is [case_id, model, variant]");
        assertThatThrownBy(() -> HumanJudgement.parse("case_id,model,variant,rating,rating\n", 1, 5))
                .hasMessageContaining("two 'rating' columns");
        assertThatThrownBy(() -> HumanJudgement.parse(HEADER, 5, 5)).hasMessageContaining("min < max");
        assertThatThrownBy(() -> HumanJudgement.fromCsv(dir.resolve("missing.csv")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read rating sheet");
    }

    @Test
    void aSheetSavedWithAByteOrderMarkIsRead(@TempDir Path dir) throws IOException {
        Path sheet = dir.resolve("excel.csv");
        Files.write(sheet, ("\uFEFF" + HEADER + "a,m,v,5\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(HumanJudgement.fromCsv(sheet).ratedCount()).isEqualTo(1);
    }

    static Sample sample(String caseId, String model, String variant) {
        return new Sample(EvalCase.of(caseId, "input", "expected"), "output", model, variant, null, null);
    }
}
