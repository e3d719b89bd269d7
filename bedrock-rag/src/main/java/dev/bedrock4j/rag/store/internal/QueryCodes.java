package dev.bedrock4j.rag.store.internal;

/**
 * A query as the scan kernels read it, prepared once per search rather than once per tile: its float values, and
 * its 8-bit rounding for the integer kernels, {@code b[d] = round(query[d] / scale) + 128} with
 * {@code scale = max |query| / 127}, so {@code b[d]} is in {@code 1..255} and stands for
 * {@code (b[d] - 128) * scale}. Every integer kernel uses this one rounding, so they agree bit for bit.
 * Immutable after construction; thread-safe.
 */
public final class QueryCodes {
    final float[] values;
    final int[] biased;
    final int biasedSum;
    final float scale;

    private QueryCodes(float[] values, int[] biased, int biasedSum, float scale) {
        this.values = values;
        this.biased = biased;
        this.biasedSum = biasedSum;
        this.scale = scale;
    }

    /**
     * Prepares a query.
     *
     * @param query the query's values, not copied: do not change them while a search runs
     * @return the prepared query
     */
    public static QueryCodes of(float[] query) {
        float max = 0;
        for (float v : query) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max / 127f;
        int[] biased = new int[query.length];
        int sum = 0;
        for (int d = 0; d < query.length; d++) {
            biased[d] = scale == 0 ? 128 : Math.round(query[d] / scale) + 128;
            sum += biased[d];
        }
        return new QueryCodes(query, biased, sum, scale);
    }

    /** The float values. */
    float[] values() {
        return values;
    }

    /**
     * Turns a 4-bit kernel's raw sum, {@code sum(b[d] * (code[d] + 8))}, into the query's dot product with the codes:
     * {@code sum((b - 128) * code) = raw - 8 sum(b) - 128 sum(code)}, times the query's scale.
     */
    float int4Score(long raw, int codeSum) {
        return scale * (raw - 8L * biasedSum - 128L * codeSum);
    }

    /**
     * Turns an 8-bit integer kernel's raw sum, {@code sum(b[d] * (code[d] + 128))}, into the query's dot product
     * with the codes: {@code sum((b - 128) * code) = raw - 128 sum(b) - 128 sum(code)}, times the query's scale.
     */
    float int8Score(long raw, int codeSum) {
        return scale * (raw - 128L * biasedSum - 128L * codeSum);
    }
}
