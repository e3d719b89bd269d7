package dev.bedrock4j.rag.store;

/**
 * How an exact store keeps the vectors it scans.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum Quantization {
    /** 32-bit floats: every search is exact. */
    NONE,
    /**
     * 8-bit integers with one scale per vector: the scan reads a quarter of the bytes, then the best
     * candidates are re-ranked with the full-precision vectors, so scores stay exact and the top hits
     * match an exact search unless the scan missed them (raise the oversampling to make that rarer).
     * Fastest when the application enables the JDK Vector API ({@code --add-modules jdk.incubator.vector});
     * without it the scan runs a packed integer kernel that the JIT vectorises by itself (see
     * {@link InMemoryVectorStore#kernel()}), which is compute-bound and slower than the float scan, so a store
     * created that way logs a warning: there, prefer {@link #INT4}. To keep only the 8-bit codes in the heap,
     * see {@link PersistentVectorStore.Builder#vectorsOnDisk()}.
     */
    INT8,
    /**
     * 4-bit integers with one scale per vector: the scan reads an eighth of the bytes and does a quarter of the
     * integer work of {@link #INT8}, then the best candidates are re-ranked with the full-precision vectors, as
     * for INT8. The codes are coarse (15 levels), so the re-ranking needs more candidates: stores default to an
     * oversampling of 40 for INT4. The fastest scan with or without the JDK Vector API: its plain Java kernel
     * (packed int arithmetic) beats the float scan, and with
     * {@link PersistentVectorStore.Builder#vectorsOnDisk()} the heap holds half a byte per dimension.
     */
    INT4
}
