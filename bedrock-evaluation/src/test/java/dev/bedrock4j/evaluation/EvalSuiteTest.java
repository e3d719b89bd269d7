package dev.bedrock4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSuiteTest {

    @Test
    void readsTextAndPromptCasesWithJsonExpectationsReferencesAndTags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("extraction.jsonl");
        Files.writeString(file, """
                {"id":"inv-1","input":"Invoice 4411 from ACME","expected":{"vendor":"ACME","total":12.5},"tags":["invoice"]}

                {"id":"sum-1","input":{"system":[{"text":"Summarise."}],"messages":[{"role":"user","content":[{"text":"Long text"}]}],"inferenceConfig":{"maxTokens":50}},"references":["Short.","Brief."]}
                {"id":7,"input":"numeric ids are read as text","expected":"ok"}
                """);

        EvalSuite suite = EvalSuite.fromJsonl(file);

        assertThat(suite.name()).isEqualTo("extraction");
        assertThat(suite.size()).isEqualTo(3);
        EvalCase invoice = suite.cases().get(0);
        assertThat(invoice.input()).isEqualTo("Invoice 4411 from ACME");
        assertThat(invoice.expected()).hasValue("{\"vendor\":\"ACME\",\"total\":12.5}");
        assertThat(invoice.tags()).containsExactly("invoice");
        assertThat(invoice.request()).isEqualTo(ChatRequest.of("Invoice 4411 from ACME"));
        EvalCase summary = suite.cases().get(1);
        assertThat(summary.prompt()).isPresent();
        assertThat(summary.input()).isEqualTo("Long text");
        assertThat(summary.request().maxTokens()).hasValue(50);
        assertThat(summary.targets()).containsExactly("Short.", "Brief.");
        assertThat(suite.find("7")).isPresent();
        assertThat(suite.withTag("invoice").cases()).extracting(EvalCase::id).containsExactly("inv-1");
    }

    @Test
    void writesWhatItReads() {
        EvalSuite suite = EvalSuite.of("mixed",
                EvalCase.builder("a").input("text \"quoted\"").expected("x").references("y").tags("t1", "t2").build(),
                EvalCase.builder("b").prompt(ChatRequest.builder().system("S").user("U").temperature(0.5).build()).build());
        EvalSuite again = EvalSuite.fromJsonl("mixed", suite.toJsonl());
        assertThat(again.cases()).isEqualTo(suite.cases());
    }

    @Test
    void badLinesAreNamedWithTheFix() {
        assertThatThrownBy(() -> EvalSuite.fromJsonl("s", "{\"id\":\"a\",\"input\":\"x\"}\nnot json"))
                .hasMessageContaining("s line 2").hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> EvalSuite.fromJsonl("s", "{\"input\":\"x\"}"))
                .hasMessageContaining("s line 1").hasMessageContaining("\"id\" is missing");
        assertThatThrownBy(() -> EvalSuite.fromJsonl("s", "{\"id\":\"a\",\"input\":42}"))
                .hasMessageContaining("\"input\" must be a text or a prompt");
        assertThatThrownBy(() -> EvalSuite.fromJsonl("s", "{\"id\":\"a\",\"input\":\"x\",\"tags\":\"t\"}"))
                .hasMessageContaining("\"tags\" must be an array of texts");
        assertThatThrownBy(() -> EvalSuite.fromJsonl("s", "{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"a\",\"input\":\"y\"}"))
                .hasMessageContaining("two cases with id 'a'");
        assertThatThrownBy(() -> EvalCase.builder(" ").input("x").build()).hasMessageContaining("non-blank id");
        assertThatThrownBy(() -> EvalCase.builder("z").build()).hasMessageContaining("has no input");
    }

    @Test
    void variantsShapeTheRequest() {
        EvalCase c = EvalCase.of("a", "Invoice 1 from X", "{}");
        ChatRequest withSystem = PromptVariant.withSystem("json", "Reply with JSON.").requestFor(c);
        assertThat(withSystem.system()).hasSize(1);
        assertThat(withSystem.lastUserText()).isEqualTo("Invoice 1 from X");
        assertThat(PromptVariant.asIs().requestFor(c)).isEqualTo(c.request());
        assertThatThrownBy(() -> PromptVariant.of("broken", x -> null).requestFor(c))
                .hasMessageContaining("'broken' returned no request");
    }
}
