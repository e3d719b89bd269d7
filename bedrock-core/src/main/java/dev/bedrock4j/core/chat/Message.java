package dev.bedrock4j.core.chat;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: a role and its content blocks.
 *
 * <pre>{@code
 * Message question = Message.user("What is the capital of France?");
 * Message answer = Message.assistant("Paris.");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param role who wrote the turn
 * @param content the blocks, in order
 */
public record Message(Role role, List<ContentBlock> content) {
    /**
     * Validates and copies the content.
     *
     * @param role who wrote the turn
     * @param content the blocks
     */
    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    /** How to fix blank user text. */
    static final String USER_FIX = "pass the words the model should answer (an unset variable or an empty form field often ends up here)";

    /**
     * A user turn of plain text.
     *
     * @param text the text
     * @return the message
     * @throws dev.bedrock4j.core.InvalidRequestException if the text is empty or blank, which Bedrock rejects
     */
    public static Message user(String text) {
        return new Message(Role.USER, List.of(new ContentBlock.Text(requireText(text, "content[0].text", "the user text",
                USER_FIX))));
    }

    // Blank text is what Bedrock rejects in any text block; fail where it is passed, naming the field.
    static String requireText(String text, String field, String what, String fix) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new InvalidRequestException(field, what + " is " + (text.isEmpty() ? "empty" : "blank")
                    + "; Bedrock rejects blank text, so " + fix);
        }
        return text;
    }

    /**
     * A user turn of several blocks.
     *
     * @param content the blocks
     * @return the message
     */
    public static Message user(ContentBlock... content) {
        return new Message(Role.USER, List.of(content));
    }

    /**
     * An assistant turn of plain text.
     *
     * @param text the text
     * @return the message
     */
    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(text)));
    }

    /**
     * An assistant turn of several blocks.
     *
     * @param content the blocks
     * @return the message
     */
    public static Message assistant(ContentBlock... content) {
        return new Message(Role.ASSISTANT, List.of(content));
    }

    /**
     * The text of this turn: its text blocks and the generated text of citation blocks, joined.
     *
     * @return the text, empty when the turn has none
     */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (block instanceof ContentBlock.Citations c) {
                text.append(c.text());
            }
        }
        return text.toString();
    }

    /**
     * The tool calls in this turn.
     *
     * @return the tool-use blocks, in order
     */
    public List<ContentBlock.ToolUse> toolUses() {
        List<ContentBlock.ToolUse> uses = new ArrayList<>();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.ToolUse use) {
                uses.add(use);
            }
        }
        return List.copyOf(uses);
    }
}
