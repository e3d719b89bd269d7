package dev.bedrock4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.FileInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterLockTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aLockHeldByAnotherProcessNamesThatProcessTheFileAndTheFix() {
        Path file = dir.resolve("results.jsonl");
        try (ChildJvm child = ChildJvm.start(WriterMain.class, "lock", file.toString())) {
            child.await("HELD");

            assertThatThrownBy(() -> WriterLock.acquire(file))
                    .isInstanceOfSatisfying(FileInUseException.class, e -> {
                        assertThat(e.file()).isEqualTo(file.toAbsolutePath());
                        assertThat(e.holder()).startsWith("pid " + child.pid() + " on host ").contains(", since ");
                        assertThat(e.isRetryable()).isFalse();
                    })
                    .hasMessageStartingWith("cannot write " + file.toAbsolutePath() + ": another process (pid " + child.pid())
                    .hasMessageContaining("stop that process or use another file")
                    .hasMessageContaining(file + ".lock");

            assertThat(child.proceedAndWait()).isZero();
        }
        try (WriterLock lock = WriterLock.acquire(file)) {
            assertThat(lock.lockFile()).isEqualTo(dir.resolve("results.jsonl.lock"));
        }
    }

    @Test
    void aKilledHolderDoesNotBlockTheNextWriter() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (ChildJvm child = ChildJvm.start(WriterMain.class, "lock", file.toString())) {
            child.await("HELD");
            assertThatThrownBy(() -> WriterLock.acquire(file)).isInstanceOf(FileInUseException.class);
            child.kill();
        }
        assertThat(Files.readString(dir.resolve("ledger.jsonl.lock"))).as("the dead holder's line stays")
                .startsWith("pid ");
        try (WriterLock lock = WriterLock.acquire(file)) {
            assertThat(Files.readString(lock.lockFile())).startsWith("pid " + PID + " on host ");
        }
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedAndTheFirstKeepsItsLock() {
        Path file = dir.resolve("out.jsonl");
        try (WriterLock first = WriterLock.acquire(file)) {
            for (Path same : new Path[] {file, dir.resolve("sub/../out.jsonl"), dir.resolve("./out.jsonl")}) {
                assertThatThrownBy(() -> WriterLock.acquire(same))
                        .isInstanceOfSatisfying(FileInUseException.class,
                                e -> assertThat(e.holder()).startsWith("pid " + PID + " on host "))
                        .hasMessageContaining("cannot write " + file.toAbsolutePath() + ": this process (pid " + PID)
                        .hasMessageContaining("close that instance (or let its run finish) first");
            }
            // refusing the second writer did not release the first one's lock for other processes
            try (ChildJvm child = ChildJvm.start(WriterMain.class, "lock", file.toString())) {
                assertThat(child.await("IN_USE")).contains("another process (pid " + PID);
                assertThat(child.exitValue()).isEqualTo(WriterMain.IN_USE_STATUS);
            }
        }
        WriterLock.acquire(file).close();
    }

    @Test
    void aLockThatWasNeverClosedIsHeldUntilTheProcessExitsEvenWhenUnreachable() {
        Path file = dir.resolve("forgotten.jsonl");
        WriterLock.acquire(file); // never closed, at once unreachable
        for (int i = 0; i < 3; i++) {
            System.gc(); // were the channel collected, its cleaner would close it and drop the lock
        }
        try (ChildJvm child = ChildJvm.start(WriterMain.class, "lock", file.toString())) {
            assertThat(child.await("IN_USE")).contains("another process (pid " + PID);
        }
        assertThatThrownBy(() -> WriterLock.acquire(file)).isInstanceOf(FileInUseException.class)
                .hasMessageContaining("this process");
    }

    @Test
    void aDirectoryIsLockedByAFileInsideIt() throws Exception {
        Path store = Files.createDirectories(dir.resolve("vectors"));
        try (WriterLock lock = WriterLock.acquire(store)) {
            assertThat(lock.lockFile()).isEqualTo(store.resolve(WriterLock.DIRECTORY_LOCK_NAME));
            assertThat(lock.target()).isEqualTo(store);
            try (ChildJvm child = ChildJvm.start(WriterMain.class, "lock", store.toString())) {
                assertThat(child.await("IN_USE"))
                        .contains("cannot write " + store + ": another process (pid " + PID)
                        .contains("use another directory");
            }
        }
    }

    @Test
    void closingTwiceDoesNothingAndLeavesAnEmptyLockFile() throws Exception {
        Path file = dir.resolve("deep/er/out.jsonl");
        WriterLock lock = WriterLock.acquire(file);
        assertThat(Files.readString(lock.lockFile())).contains("pid " + PID);
        lock.close();
        lock.close();
        assertThat(lock.lockFile()).exists().isEmptyFile();
        WriterLock.acquire(file).close();
    }
}
