package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.JsonText;

/**
 * Scores 1 when the answer is JSON, else 0. The strict form wants the whole answer to be one JSON object
 * or array; the lenient form also accepts JSON in a code fence or amid prose, as many models write it.
 * Applies to every case.
 *
 * <pre>{@code
 * Metric valid = JsonValidity.strict();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsonValidity implements Metric {
    private static final JsonValidity STRICT = new JsonValidity(true);
    private static final JsonValidity LENIENT = new JsonValidity(false);

    private final boolean strict;

    private JsonValidity(boolean strict) {
        this.strict = strict;
    }

    /**
     * The whole answer must be one JSON object or array; named {@code json_valid}.
     *
     * @return the metric
     */
    public static JsonValidity strict() {
        return STRICT;
    }

    /**
     * The answer must contain a JSON object or array, possibly fenced or amid prose; named
     * {@code json_found}.
     *
     * @return the metric
     */
    public static JsonValidity lenient() {
        return LENIENT;
    }

    @Override
    public String name() {
        return strict ? "json_valid" : "json_found";
    }

    @Override
    public double score(Sample sample) {
        return (strict ? JsonText.strict(sample.output()) : JsonText.find(sample.output())).isPresent() ? 1 : 0;
    }

    @Override
    public String toString() {
        return "JsonValidity[" + name() + "]";
    }
}
