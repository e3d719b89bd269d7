package dev.bedrock4j.rag.store;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on an entry's metadata that a search result must meet. Filters compose with
 * {@link #and(Filter)}, {@link #or(Filter)} and {@link #negate()}.
 *
 * <pre>{@code
 * Filter filter = Filter.eq("lang", "en").and(Filter.in("source", "manual", "faq"));
 * List<SearchResult> hits = store.search(query, SearchOptions.top(5).withFilter(filter));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Filter {
    /**
     * Whether metadata meets the condition.
     *
     * @param metadata an entry's metadata
     * @return {@code true} if it matches
     */
    boolean test(Map<String, String> metadata);

    /**
     * The filter that every entry meets.
     *
     * @return the match-all filter
     */
    static Filter all() {
        return All.INSTANCE;
    }

    /**
     * Entries whose metadata maps {@code key} to {@code value}.
     *
     * @param key the metadata key
     * @param value the required value
     * @return the filter
     */
    static Filter eq(String key, String value) {
        return new Eq(key, value);
    }

    /**
     * Entries whose metadata maps {@code key} to one of {@code values}.
     *
     * @param key the metadata key
     * @param values the allowed values; at least one
     * @return the filter
     */
    static Filter in(String key, String... values) {
        return new In(key, Set.copyOf(Arrays.asList(values)));
    }

    /**
     * Entries that meet both this filter and another.
     *
     * @param other the other filter
     * @return the conjunction
     */
    default Filter and(Filter other) {
        return new And(List.of(this, other));
    }

    /**
     * Entries that meet this filter, another, or both.
     *
     * @param other the other filter
     * @return the disjunction
     */
    default Filter or(Filter other) {
        return new Or(List.of(this, other));
    }

    /**
     * Entries that do not meet this filter.
     *
     * @return the negation
     */
    default Filter negate() {
        return new Not(this);
    }

    /**
     * Matches every entry.
     *
     * <p>Instances are immutable and thread-safe.
     */
    enum All implements Filter {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean test(Map<String, String> metadata) {
            return true;
        }

        @Override
        public Filter and(Filter other) {
            return Objects.requireNonNull(other, "other");
        }
    }

    /**
     * Matches metadata that maps a key to a value.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param key the key
     * @param value the value
     */
    record Eq(String key, String value) implements Filter {
        /**
         * Validates the components.
         *
         * @param key the key
         * @param value the value
         */
        public Eq {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(Map<String, String> metadata) {
            return value.equals(metadata.get(key));
        }
    }

    /**
     * Matches metadata that maps a key to one of several values.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param key the key
     * @param values the allowed values
     */
    record In(String key, Set<String> values) implements Filter {
        /**
         * Validates and copies the components.
         *
         * @param key the key
         * @param values the values; at least one
         */
        public In {
            Objects.requireNonNull(key, "key");
            values = Set.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("Filter.in(\"" + key + "\") needs at least one value");
            }
        }

        @Override
        public boolean test(Map<String, String> metadata) {
            String actual = metadata.get(key);
            return actual != null && values.contains(actual);
        }
    }

    /**
     * Matches when every part matches.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param parts the filters
     */
    record And(List<Filter> parts) implements Filter {
        /**
         * Copies the parts.
         *
         * @param parts the filters
         */
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(Map<String, String> metadata) {
            for (Filter part : parts) {
                if (!part.test(metadata)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Matches when any part matches.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param parts the filters
     */
    record Or(List<Filter> parts) implements Filter {
        /**
         * Copies the parts.
         *
         * @param parts the filters
         */
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(Map<String, String> metadata) {
            for (Filter part : parts) {
                if (part.test(metadata)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Matches when the inner filter does not.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param inner the negated filter
     */
    record Not(Filter inner) implements Filter {
        /**
         * Validates the component.
         *
         * @param inner the filter
         */
        public Not {
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public boolean test(Map<String, String> metadata) {
            return !inner.test(metadata);
        }
    }
}
