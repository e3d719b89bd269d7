package dev.bedrock4j.core.chat;

import java.util.Objects;

/**
 * A Bedrock guardrail applied to a call.
 *
 * <pre>{@code
 * model.prompt().user(question).guardrail(Guardrail.of("gr-abc123", "1").withTrace(Guardrail.Trace.ENABLED)).call();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the guardrail id or ARN
 * @param version the version, such as {@code "1"} or {@code "DRAFT"}
 * @param trace whether the response carries the guardrail's trace
 */
public record Guardrail(String id, String version, Trace trace) {
    /** Whether Bedrock returns the guardrail's assessment with the response. */
    public enum Trace {
        /** No trace (the default). */
        DISABLED("disabled"),
        /** The trace of interventions. */
        ENABLED("enabled"),
        /** The full trace, including assessments that did not intervene. */
        ENABLED_FULL("enabled_full");

        private final String wireName;

        Trace(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The name Bedrock uses.
         *
         * @return the wire name
         */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Validates the components.
     *
     * @param id the guardrail id or ARN
     * @param version the version
     * @param trace the trace setting
     */
    public Guardrail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * A guardrail without trace.
     *
     * @param id the guardrail id or ARN
     * @param version the version
     * @return the guardrail
     */
    public static Guardrail of(String id, String version) {
        return new Guardrail(id, version, Trace.DISABLED);
    }

    /**
     * This guardrail with another trace setting.
     *
     * @param trace the trace setting
     * @return a copy
     */
    public Guardrail withTrace(Trace trace) {
        return new Guardrail(id, version, trace);
    }
}
