package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.FileInUseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock a writer holds on a file or a directory while it writes there, so that a second writer, in another
 * process or in this one, fails at once with a {@link FileInUseException} naming the file and the process that
 * holds it, instead of mixing its writes with the first one's. Every file the library writes is guarded by one:
 * {@link JsonlLog} takes it on open, and so do the vector store, the ingestion ledger and the bulk runner.
 *
 * <pre>{@code
 * try (WriterLock lock = WriterLock.acquire(Path.of("data/vectors"))) {
 *     // until close, no other WriterLock on data/vectors can be acquired, in any process
 * } catch (FileInUseException e) {
 *     System.err.println(e.getMessage());   // names the directory, the holder's pid and host, and the fix
 * }
 * }</pre>
 *
 * <h2>The lock file</h2>
 * <p>The lock lives in a file of its own: {@code <file>.lock} beside a file, {@value #DIRECTORY_LOCK_NAME}
 * inside a directory. It holds one line saying who holds the lock (pid, host and since when) for the error
 * message and for people. The operating system releases the lock when its process exits, however it exits
 * (closed, killed, crashed, halted), so a lock file left behind never blocks the next writer. Leave lock files
 * where they are: deleting one while its writer runs lets a second writer in.
 *
 * <h2>Scope</h2>
 * <p>The lock is advisory ({@link FileChannel#tryLock}): it stops every writer that takes it, which is every
 * writer of this library, not other programs. It works on local file systems and on network file systems whose
 * locks work (NFSv4, SMB); two hosts that mount one volume without working locks are not protected. A reader
 * never needs it when the writer replaces its files atomically, as {@link AtomicFile} does.
 *
 * @implNote On POSIX systems closing <em>any</em> channel to a locked file releases the process's lock on it,
 * so a second open of the lock file in the holding JVM would silently unlock the first. A table of the locks
 * this JVM holds, keyed by the lock file's identity, is therefore consulted before the lock file is opened, and
 * a second writer in the same JVM fails without ever opening it. That table keeps a lock that was never closed
 * reachable, so it is held until the process exits, never dropped behind the writer's back by garbage collection.
 *
 * <p>Thread-safe; it may be closed from any thread, and closing it twice does nothing.
 */
public final class WriterLock implements AutoCloseable {
    /** The name of the lock file inside a locked directory. */
    public static final String DIRECTORY_LOCK_NAME = "writer.lock";
    /** The locked byte; it lies after the holder line, so that line stays readable where locks are mandatory. */
    private static final long REGION = 1 << 16;
    private static final int MAX_HOLDER_BYTES = 512;
    /**
     * The locks this JVM holds, by lock file identity. An entry keeps its channel strongly reachable: were an
     * unclosed lock collected, the channel's cleaner would close it and drop the operating system's lock behind
     * this table's back (and, on POSIX systems, any later lock this process took on the same file).
     */
    private static final Map<Object, Claim> HELD = new ConcurrentHashMap<>();

    /** One held (or being taken) lock of this JVM: its holder line and, once taken, its channel. */
    private static final class Claim {
        final String holder;
        volatile FileChannel channel;

        Claim(String holder) {
            this.holder = holder;
        }
    }

    private final Path target;
    private final Path lockFile;
    private final Object key;
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;
    private boolean closed;

    private WriterLock(Path target, Path lockFile, Object key, FileChannel channel, java.nio.channels.FileLock lock) {
        this.target = target;
        this.lockFile = lockFile;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on a file or a directory, or fails at once if another writer holds it. The lock file's
     * directory is created if missing.
     *
     * @param target the file or directory about to be written; an existing directory is locked by the
     *               {@value #DIRECTORY_LOCK_NAME} file inside it, anything else by {@code <target>.lock} beside it
     * @return the held lock; close it when done writing
     * @throws FileInUseException if another process, or another open instance in this process, holds the lock;
     *         the message names the target, the holder and the fix
     * @throws UncheckedIOException if the lock file cannot be created or locked
     */
    public static WriterLock acquire(Path target) {
        Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        boolean directory = Files.isDirectory(absolute);
        Path lockFile = directory ? absolute.resolve(DIRECTORY_LOCK_NAME)
                : absolute.resolveSibling(absolute.getFileName() + ".lock");
        String kind = directory ? "directory" : "file";
        try {
            Files.createDirectories(lockFile.getParent());
            try {
                Files.createFile(lockFile); // fails without opening anything when it exists, so no held lock is disturbed
            } catch (FileAlreadyExistsException e) {
                // the usual case: an earlier writer left it
            }
            Object key = identity(lockFile);
            String self = "pid " + ProcessHandle.current().pid() + " on host " + Host.NAME + ", since "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Claim claim = new Claim(self);
            Claim sibling = HELD.putIfAbsent(key, claim);
            if (sibling != null) {
                throw new FileInUseException("cannot write " + absolute + ": this process (" + sibling.holder + ") is"
                        + " already writing it through another open instance; close that instance (or let its run"
                        + " finish) first, or share it (lock file " + lockFile + ")", absolute, sibling.holder);
            }
            FileChannel channel = null;
            boolean held = false;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock;
                try {
                    lock = channel.tryLock(REGION, 1, false);
                } catch (OverlappingFileLockException e) {
                    throw new FileInUseException("cannot write " + absolute + ": code in this process outside Bedrock4j"
                            + " holds its lock file " + lockFile + "; release that lock first", absolute, "this process");
                }
                if (lock == null) {
                    String holder = holder(channel);
                    String who = holder.isEmpty() ? "another process" : "another process (" + holder + ")";
                    throw new FileInUseException("cannot write " + absolute + ": " + who + " is writing it; stop that"
                            + " process or use another " + kind + " (lock file " + lockFile + ", released when that"
                            + " process exits)", absolute, holder.isEmpty() ? "another process" : holder);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                claim.channel = channel;
                held = true;
                return new WriterLock(absolute, lockFile, key, channel, lock);
            } finally {
                if (!held) {
                    if (channel != null) {
                        closeQuietly(channel);
                    }
                    HELD.remove(key, claim);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + absolute + " for writing (lock file " + lockFile + "): "
                    + e.getMessage(), e);
        }
    }

    // The identity of the lock file: device and inode where the platform has them, else its real path.
    private static Object identity(Path lockFile) throws IOException {
        Object fileKey = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
        return fileKey != null ? fileKey : lockFile.toRealPath();
    }

    // The holder line another process wrote, bounded and stripped of control characters; empty if none yet.
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_BYTES);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read up to the bound
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).replaceAll("\\p{Cntrl}", "").strip();
    }

    /**
     * The file or directory this lock guards.
     *
     * @return the absolute path given to {@link #acquire(Path)}
     */
    public Path target() {
        return target;
    }

    /**
     * The file the lock is held on, which stays after the lock is released.
     *
     * @return the lock file's path
     */
    public Path lockFile() {
        return lockFile;
    }

    /** Releases the lock; the lock file stays, empty. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock all the same
        } finally {
            closeQuietly(channel);
            HELD.remove(key);
        }
    }

    @Override
    public String toString() {
        return "WriterLock[" + target + "]";
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the operating system releases what the channel held either way
        }
    }

    /** This host's name, looked up once, cheaply where the platform allows. */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
                String name = System.getenv(variable);
                if (name != null && !name.isBlank()) {
                    return name.strip();
                }
            }
            try {
                Path kernel = Path.of("/proc/sys/kernel/hostname");
                if (Files.isReadable(kernel)) {
                    return Files.readString(kernel, StandardCharsets.UTF_8).strip();
                }
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                return "an unknown host";
            }
        }
    }
}
