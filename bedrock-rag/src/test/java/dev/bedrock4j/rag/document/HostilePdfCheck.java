package dev.bedrock4j.rag.document;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Reads one hostile PDF with a default loader and prints one line: the outcome, the time and the peak heap.
 * {@link HostilePdfsInSmallHeapTest} runs it in a JVM of its own with a small heap.
 */
public final class HostilePdfCheck {
    private HostilePdfCheck() {
    }

    /**
     * Runs one case.
     *
     * @param args the case's name, and for {@code pages} the page count and the page limit
     */
    public static void main(String[] args) {
        String name = args[0];
        byte[] pdf = switch (name) {
            case "claimed-count" -> HostilePdfs.claimedPageCount(2_000_000_000L);
            case "content-bomb" -> HostilePdfs.flateBombContent(512);
            case "object-stream-bomb" -> HostilePdfs.flateBombObjectStream(512);
            case "xref-stream-bomb" -> HostilePdfs.flateBombXrefStream(512);
            case "nested-forms" -> HostilePdfs.nestedForms(1000, 3);
            case "nested-empty-forms" -> HostilePdfs.nestedEmptyForms(1000, 3);
            case "pages" -> HostilePdfs.manyPages(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException(name);
        };
        DocumentLoader.Builder builder = DocumentLoader.builder();
        if (args.length > 2) {
            builder.maxPages(Integer.parseInt(args[2]));
        }
        DocumentLoader loader = builder.build();
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        String outcome;
        try {
            Document document = loader.load(new ByteArrayInputStream(pdf), name + ".pdf", DocumentFormat.PDF);
            outcome = "loaded " + document.pageCount() + " pages";
        } catch (DocumentLimitException e) {
            outcome = "refused " + e.limit();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("RESULT " + name + " file=" + pdf.length + " ms=" + millis + " peakHeapMiB=" + peakHeap() / (1024 * 1024)
                + " " + outcome);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
