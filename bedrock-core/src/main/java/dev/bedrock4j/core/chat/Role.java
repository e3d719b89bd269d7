package dev.bedrock4j.core.chat;

/**
 * Who authored a {@link Message} in a conversation.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum Role {
    /** The person or application asking; the first turn of every conversation. */
    USER("user"),
    /** The model answering. */
    ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name Bedrock uses on the wire.
     *
     * @return {@code "user"} or {@code "assistant"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name.
     *
     * @param wireName {@code "user"} or {@code "assistant"}, in any case
     * @return the role
     * @throws IllegalArgumentException for any other value
     */
    public static Role fromWireName(String wireName) {
        for (Role role : values()) {
            if (role.wireName.equalsIgnoreCase(wireName)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + wireName + "': expected 'user' or 'assistant'");
    }
}
