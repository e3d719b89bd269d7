package dev.bedrock4j.testkit.replay;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link ReplayChatModel} does with each request: call the real model and record, or answer
 * from the recordings.
 *
 * <pre>{@code
 * // replay by default; `mvn test -Dbedrock4j.replay=record_missing` records what is missing
 * ReplayMode mode = ReplayMode.fromSystemProperty("bedrock4j.replay", ReplayMode.REPLAY);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum ReplayMode {
    /** Every request goes to the real model; its answer is recorded, replacing an earlier recording. */
    RECORD,
    /** Every request is answered from its recording; the real model is never called, and a request with no recording fails. */
    REPLAY,
    /** A request with a recording is answered from it; one without goes to the real model and is recorded. */
    RECORD_MISSING;

    /**
     * The mode a system property names, in any case ({@code replay}, {@code record},
     * {@code record_missing} or {@code record-missing}), so a build can switch modes without a code change.
     *
     * @param property the system property, such as {@code bedrock4j.replay}
     * @param defaultMode the mode when the property is not set or blank
     * @return the mode
     * @throws IllegalArgumentException if the property names no mode
     */
    public static ReplayMode fromSystemProperty(String property, ReplayMode defaultMode) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(defaultMode, "defaultMode");
        String value = System.getProperty(property, "").strip();
        if (value.isEmpty()) {
            return defaultMode;
        }
        String name = value.toUpperCase(Locale.ROOT).replace('-', '_');
        for (ReplayMode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("system property " + property + " is \"" + value + "\", which names no replay"
                + " mode; use one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", or leave it unset for "
                + defaultMode.name().toLowerCase(Locale.ROOT));
    }
}
