package dev.bedrock4j.core.internal;

import java.time.Duration;
import java.util.Objects;

/** The argument checks builders share, each failing with a message that names the setting. Thread-safe. */
public final class Checks {
    private Checks() {
    }

    /** Returns {@code value} if it is at least 1. */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is longer than zero. */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is zero or longer. */
    public static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
