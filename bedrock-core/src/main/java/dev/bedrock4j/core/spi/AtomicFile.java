package dev.bedrock4j.core.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a file whole or not at all: the content goes to a temporary file with a name no other writer uses, in
 * the same directory, is forced to disk, and is then renamed over the file atomically, and the directory is
 * forced. A crash at any instant leaves the old file or the new one, never a mix, and a reader that opens the
 * file at any instant reads one whole version, without a lock. The vector store, the ingestion ledger's
 * compaction and the testkit's recordings are written this way.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("data/summary.json"),
 *         out -> out.write("{\"done\":true}\n".getBytes(StandardCharsets.UTF_8)));
 * }</pre>
 *
 * <p>Two processes that write the same file this way never disturb each other's temporary files; the rename
 * that comes last wins, whole. When only one process may write a file, hold its {@link WriterLock}.
 *
 * <p>Thread-safe: it keeps no state.
 */
public final class AtomicFile {
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /**
     * What to write into a file.
     *
     * <p>Implementations need not be thread-safe: each is called once, on the writing thread.
     */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content; flush any stream you wrap around {@code out} before returning, and do not
         * close it.
         *
         * @param out the temporary file's stream
         * @throws IOException if writing fails; the file is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces a file's content atomically, creating the file and its directories if missing.
     *
     * @param file the file
     * @param content writes the new content
     * @throws IOException if writing, forcing or renaming fails; the file is then as it was before, and the
     *         temporary file is removed. An unchecked exception from {@code content} leaves things the same way.
     */
    public static void write(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = Objects.requireNonNull(file, "file").toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temp = newTemp(target);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING); // the best this file system offers
            }
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a leftover is harmless; deleteLeftovers removes it later
                }
            }
        }
        syncDirectory(directory);
    }

    /**
     * Removes the temporary files ({@code <name>.<pid>-<random>.tmp}) that writes of a file left behind when
     * their process died mid-write. Call it only while holding the file's {@link WriterLock} (or when no other
     * process can be writing it), since it would also remove the temporary file of a write in progress.
     *
     * @param file the file whose temporary files to remove
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be removed
     */
    public static void deleteLeftovers(Path file) {
        Path target = Objects.requireNonNull(file, "file").toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            return;
        }
        Pattern temp = Pattern.compile(Pattern.quote(target.getFileName() + ".") + "[0-9]+-[0-9a-f]{8}"
                + Pattern.quote(TEMP_SUFFIX));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(target.getParent(),
                entry -> temp.matcher(entry.getFileName().toString()).matches())) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary files of " + target + ": " + e.getMessage(), e);
        }
    }

    // <name>.<pid>-<random>.tmp beside the file, created new so no two writers ever share one
    private static Path newTemp(Path target) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            String unique = pid + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Path temp = target.resolveSibling(target.getFileName() + "." + unique + TEMP_SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
    }

    // Makes the rename durable. Some platforms cannot open a directory; the rename is still atomic there.
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // nothing more can be done portably
        }
    }
}
