package dev.bedrock4j.rag.internal.document;

import dev.bedrock4j.rag.document.DocumentTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream to its end, but never more than a limit. Thread-safe. */
public final class BoundedRead {
    private BoundedRead() {
    }

    /**
     * All bytes of a stream, which is left open.
     *
     * @throws DocumentTooLargeException as soon as more than {@code limit} bytes arrive
     */
    public static byte[] readAll(InputStream in, long limit, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total))) > 0) {
            total += n;
            if (total > limit) {
                throw new DocumentTooLargeException(name, total, false, limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
