package dev.bedrock4j.rag.document;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DocumentLoader#tryLoadAll(java.nio.file.Path)} loaded from a directory, and which files it could
 * not load and why.
 *
 * <pre>{@code
 * LoadReport report = loader.tryLoadAll(Path.of("uploads"));
 * ingestor.ingest(report.documents());
 * report.failures().forEach(f -> log.warn("skipped {}: {}", f.path(), f.reason()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param documents the documents loaded, in path order
 * @param failures the files, links and directories that could not be loaded, in path order
 */
public record LoadReport(List<Document> documents, List<Failure> failures) {

    /**
     * Copies the lists.
     *
     * @param documents the documents
     * @param failures the failures
     */
    public LoadReport {
        documents = List.copyOf(documents);
        failures = List.copyOf(failures);
    }

    /**
     * Whether every file was loaded.
     *
     * @return {@code true} when there are no failures
     */
    public boolean complete() {
        return failures.isEmpty();
    }

    /**
     * A file, link or directory that could not be loaded.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param path its path relative to the directory, with {@code /} separators
     * @param error why: the exception {@link DocumentLoader#loadAll(java.nio.file.Path)} would have thrown
     */
    public record Failure(String path, DocumentLoadException error) {
        /**
         * Validates the components.
         *
         * @param path the relative path
         * @param error the error
         */
        public Failure {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(error, "error");
        }

        /**
         * Why it failed.
         *
         * @return the error's message, which names the file and the fix
         */
        public String reason() {
            return error.getMessage();
        }
    }
}
