package dev.bedrock4j.tools.internal;

import dev.bedrock4j.tools.ToolErrorMapper;

/** What the model reads when a tool throws, and what the trace keeps. Thread-safe. */
public final class ToolFailures {
    private ToolFailures() {
    }

    /**
     * The text the model reads, from the mapper, or {@link ToolErrorMapper#generic()}'s when the mapper throws or
     * returns {@code null}.
     */
    public static String text(ToolErrorMapper mapper, String tool, Throwable error) {
        try {
            String text = mapper.toModelText(tool, error);
            if (text != null) {
                return text;
            }
        } catch (RuntimeException mapperFailed) {
            // the model must still get an answer for its call; the generic one gives nothing away
        }
        return ToolErrorMapper.generic().toModelText(tool, error);
    }

    /** The exception for the trace: class and message, then each cause's, at most eight deep. */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(ToolJson.describe(error));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 8; depth++) {
            text.append("; caused by ").append(ToolJson.describe(cause));
            error = cause;
            cause = cause.getCause();
        }
        return text.toString();
    }
}
