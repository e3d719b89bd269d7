package dev.bedrock4j.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings are shared without a lock: two JVMs recording into one directory at once lose nothing. */
class RecordingProcessSafetyTest {
    @TempDir
    Path recordings;

    @Test
    void twoJvmsRecordingIntoOneDirectoryAtOnceLeaveEveryRecordingWhole() throws IOException {
        try (ChildJvm first = ChildJvm.start(RecordingMain.class, recordings.toString(), "0", "60");
             ChildJvm second = ChildJvm.start(RecordingMain.class, recordings.toString(), "30", "90")) {
            first.await("READY");
            second.await("READY");
            first.proceed();
            second.proceed();
            // questions 30..59 are recorded by both at about the same time, the rest by one
            assertThat(first.exitValue()).isZero();
            assertThat(second.exitValue()).isZero();
            assertThat(first.lines()).contains("RECORDED 60");
            assertThat(second.lines()).contains("RECORDED 60");
        }
        try (Stream<Path> files = Files.list(recordings)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names).hasSize(90).allMatch(name -> name.matches("[0-9a-f]{20}\\.json"), "a whole recording");
        }
        ReplayChatModel replay = ReplayChatModel.replaying(RecordingMain.MODEL, recordings);
        for (int i = 0; i < 90; i++) {
            assertThat(replay.call(RecordingMain.question(i)).text()).startsWith("answer to question " + i + " ");
        }
    }
}
