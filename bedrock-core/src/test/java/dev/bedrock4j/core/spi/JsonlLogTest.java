package dev.bedrock4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.FileInUseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLogTest {
    @TempDir
    Path dir;

    @Test
    void aSecondJvmMeetsTheClearErrorAndNothingAcknowledgedIsLost() throws IOException {
        Path file = dir.resolve("results.jsonl");
        try (ChildJvm first = ChildJvm.start(WriterMain.class, "log", file.toString(), "500")) {
            first.await("APPENDED 500");
            first.await("HELD");
            try (ChildJvm second = ChildJvm.start(WriterMain.class, "log", file.toString(), "500")) {
                assertThat(second.await("IN_USE")).contains("cannot write " + file.toAbsolutePath())
                        .contains("another process (pid " + first.pid());
                assertThat(second.exitValue()).isEqualTo(WriterMain.IN_USE_STATUS);
            }
            assertThatThrownBy(() -> JsonlLog.open(file, "id")).isInstanceOf(FileInUseException.class)
                    .hasMessageContaining("pid " + first.pid());
            assertThat(first.proceedAndWait()).isZero();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(500).allSatisfy(line -> assertThat(JsonSupport.parse(line).has("id")).isTrue());
        try (JsonlLog log = JsonlLog.open(file, "id")) {
            assertThat(log.idsAtOpen()).hasSize(500).contains("child-0", "child-499");
        }
    }

    @Test
    void aLogWhoseWriterWasKilledOpensWithEveryAcknowledgedLine() {
        Path file = dir.resolve("results.jsonl");
        try (ChildJvm child = ChildJvm.start(WriterMain.class, "log", file.toString(), "300")) {
            child.await("APPENDED 300");
            child.kill();
        }
        try (JsonlLog log = JsonlLog.open(file, "id")) {
            assertThat(log.idsAtOpen()).hasSize(300);
        }
    }

    @Test
    void aSecondOpenInThisProcessIsRefusedAndTheFirstGoesOnAppending() {
        Path file = dir.resolve("out.jsonl");
        try (JsonlLog log = JsonlLog.open(file, "id")) {
            log.append(JsonSupport.object().put("id", "a"));
            assertThatThrownBy(() -> JsonlLog.open(file, "id")).isInstanceOf(FileInUseException.class)
                    .hasMessageContaining("this process");
            log.append(JsonSupport.object().put("id", "b"));
        }
        try (JsonlLog log = JsonlLog.open(file, "id")) {
            assertThat(log.idsAtOpen()).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void rewriteReplacesTheLinesAtomicallyAndKeepsTheLock() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        Files.writeString(dir.resolve("ledger.jsonl.123-0badcafe.tmp"), "left by a writer killed mid-rewrite");
        try (JsonlLog log = JsonlLog.open(file, "doc")) {
            assertThat(dir.resolve("ledger.jsonl.123-0badcafe.tmp")).doesNotExist();
            for (int i = 0; i < 50; i++) {
                log.append(JsonSupport.object().put("doc", "d" + (i % 5)).put("n", i));
            }
            List<JsonNode> compacted = IntStream.range(0, 5)
                    .mapToObj(i -> (JsonNode) JsonSupport.object().put("doc", "d" + i).put("n", 45 + i)).toList();
            log.rewrite(compacted);
            log.append(JsonSupport.object().put("doc", "d9").put("n", 50));
            assertThatThrownBy(() -> JsonlLog.open(file, "doc")).isInstanceOf(FileInUseException.class);
        }
        assertThat(Files.readAllLines(file)).hasSize(6).first().isEqualTo("{\"doc\":\"d0\",\"n\":45}");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ledger.jsonl",
                    "ledger.jsonl.lock");
        }
    }

    @Test
    void aTornLastLineIsDroppedOnOpen() throws IOException {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c");
        try (JsonlLog log = JsonlLog.open(file, "id")) {
            assertThat(log.idsAtOpen()).containsExactlyInAnyOrder("a", "b");
            log.append(JsonSupport.object().put("id", "c"));
        }
        Set<String> ids = new HashSet<>();
        Files.readAllLines(file).forEach(line -> ids.add(JsonSupport.parse(line).get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("a", "b", "c");
    }
}
