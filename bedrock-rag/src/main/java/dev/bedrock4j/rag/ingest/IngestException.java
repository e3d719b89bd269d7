package dev.bedrock4j.rag.ingest;

/**
 * An ingestion run stopped at a document that could not be stored. Everything the run finished before is
 * stored and recorded in the ledger; the failing document's previous version, if any, is untouched. Running
 * the same ingestion again continues where this one stopped, since unchanged documents are skipped.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The document that could not be stored. */
    private final String documentId;
    /** What the run finished before it stopped; not serialised. */
    private final transient IngestReport report;

    /**
     * Creates the exception.
     *
     * @param documentId the document being stored
     * @param report what the run finished before it stopped
     * @param cause why it stopped
     */
    public IngestException(String documentId, IngestReport report, RuntimeException cause) {
        super("ingestion stopped at document " + documentId + ": " + cause.getMessage() + " (" + report.summary()
                + " before; run it again to continue, unchanged documents are skipped)", cause);
        this.documentId = documentId;
        this.report = report;
    }

    /**
     * The document that could not be stored.
     *
     * @return its id
     */
    public String documentId() {
        return documentId;
    }

    /**
     * What the run finished before it stopped.
     *
     * @return the partial report
     */
    public IngestReport report() {
        return report;
    }
}
