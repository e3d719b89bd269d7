package dev.bedrock4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesReplaceTheFileWholeAndLeaveNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a/b/summary.json");
        AtomicFile.write(file, out -> out.write("one\n".getBytes(StandardCharsets.UTF_8)));
        AtomicFile.write(file, out -> out.write("two\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("two");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("summary.json");
        AtomicFile.write(file, out -> out.write("good".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            throw new IllegalStateException("bug");
        })).hasMessage("bug");
        assertThat(file).hasContent("good");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void concurrentWritersOfOneFileNeverShareATemporaryFile() throws Exception {
        Path file = dir.resolve("vectors.b4jv");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String content = ("writer " + w + "\n").repeat(2000);
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        AtomicFile.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(); // every one of the 200 writes succeeded
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2000).containsOnly(lines.get(0));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void leftoversAreTheTemporaryFilesOfThatFileOnly() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        for (String name : List.of("ledger.jsonl.4242-00ff00ff.tmp", "ledger.jsonl.1-abcdef01.tmp", "ledger.jsonl",
                "ledger.jsonl.lock", "ledger.jsonl.backup.tmp", "other.jsonl.4242-00ff00ff.tmp")) {
            Files.writeString(dir.resolve(name), name);
        }
        AtomicFile.deleteLeftovers(file);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ledger.jsonl",
                    "ledger.jsonl.lock", "ledger.jsonl.backup.tmp", "other.jsonl.4242-00ff00ff.tmp");
        }
        AtomicFile.deleteLeftovers(dir.resolve("missing/x.json"));
    }
}
