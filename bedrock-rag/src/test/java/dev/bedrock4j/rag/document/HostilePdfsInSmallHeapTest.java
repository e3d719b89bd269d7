package dev.bedrock4j.rag.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each hostile PDF, read by a loader with the default limits in a JVM of its own with a 256 MiB heap: it must
 * be refused (or, for pages within a raised limit, read) without running out of memory, within a time bound.
 * Before the limits, the claimed page count threw OutOfMemoryError at once, the bombs in object and
 * cross-reference streams filled the heap, and pages took time in proportion to their square.
 */
class HostilePdfsInSmallHeapTest {
    private static final Pattern RESULT = Pattern.compile("RESULT \\S+ file=(\\d+) ms=(\\d+) peakHeapMiB=(\\d+) (.*)");

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
        "claimed-count,      '',     '',     refused PAGES",
        "content-bomb,       '',     '',     refused DECODED_BYTES",
        "object-stream-bomb, '',     '',     refused DECODED_BYTES",
        "xref-stream-bomb,   '',     '',     refused DECODED_BYTES",
        "nested-forms,       '',     '',     refused DECODED_BYTES",
        "nested-empty-forms, '',     '',     refused DECODED_BYTES",
        "pages,              32000,  '',     refused PAGES",
        "pages,              32000,  32000,  loaded 32000 pages",
    })
    void isRefusedOrReadWithinBoundsInA256MiBHeap(String name, String pages, String maxPages, String expected)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.NoOpLog",
                "-cp", System.getProperty("java.class.path"), HostilePdfCheck.class.getName(), name));
        if (!pages.isEmpty()) {
            command.add(pages);
        }
        if (!maxPages.isEmpty()) {
            command.add(maxPages);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("ended within 120 s; output:%n%s", output).isTrue();
        assertThat(output).doesNotContain("OutOfMemoryError");
        assertThat(process.exitValue()).as(output).isZero();
        Matcher result = RESULT.matcher(output);
        assertThat(result.find()).as(output).isTrue();
        System.out.println(result.group());
        assertThat(result.group(4)).isEqualTo(expected);
        assertThat(Long.parseLong(result.group(2))).as("milliseconds").isLessThan(60_000);
    }
}
