package dev.bedrock4j.rag.store;

import dev.bedrock4j.core.FileInUseException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a {@link LuceneVectorStore} in its own JVM, adds one entry and closes it, saying {@code ADDED}; a store
 * held by another process makes it say {@code IN_USE <message>} and exit 3.
 */
public final class LuceneOpenMain {
    private LuceneOpenMain() {
    }

    public static void main(String[] args) {
        try (LuceneVectorStore store = LuceneVectorStore.open(Path.of(args[0]), 3)) {
            store.upsert(args[1], new float[] {1, 0, 0}, args[1], Map.of());
            System.out.println("ADDED");
        } catch (FileInUseException e) {
            System.out.println("IN_USE " + e.getMessage());
            System.out.flush();
            System.exit(3);
        }
    }
}
