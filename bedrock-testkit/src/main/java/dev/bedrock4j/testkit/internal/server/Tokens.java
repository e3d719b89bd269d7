package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.spi.JsonSupport;

/** Deterministic token counts: one token per word. Thread-safe. */
public final class Tokens {
    private Tokens() {
    }

    static int count(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /**
     * The input tokens of a chat request: its system prompt and messages, one per word, one per other block.
     *
     * @param request the request
     * @return the tokens, at least 1
     */
    public static int count(ChatRequest request) {
        int total = 0;
        for (ContentBlock block : request.system()) {
            total += count(block);
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                total += count(block);
            }
        }
        return Math.max(1, total);
    }

    private static int count(ContentBlock block) {
        if (block instanceof ContentBlock.Text text) {
            return count(text.text());
        }
        if (block instanceof ContentBlock.ToolResult result) {
            int total = 0;
            for (ContentBlock part : result.content()) {
                total += count(part);
            }
            return total;
        }
        if (block instanceof ContentBlock.Json json) {
            return count(JsonSupport.write(json.value()).replaceAll("[{}\\[\\]\",:]", " "));
        }
        if (block instanceof ContentBlock.ToolUse use) {
            return 1 + count(JsonSupport.write(use.input()).replaceAll("[{}\\[\\]\",:]", " "));
        }
        return 1;
    }
}
