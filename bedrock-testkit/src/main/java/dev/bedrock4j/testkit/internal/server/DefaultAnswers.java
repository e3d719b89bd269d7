package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * What an unscripted chat model answers: it repeats the last user turn ({@link ModelOperations#echo}),
 * and, as the real model does, thinks first where the model thinks.
 *
 * <ul>
 *   <li>Anthropic Claude with extended thinking enabled ({@code additionalModelRequestFields.thinking} or,
 *       in the native body, {@code thinking}: {@code {"type":"enabled","budget_tokens":N}}; the older
 *       {@code reasoning_config} is read alike): a reasoning block with text and a signature comes before
 *       the text. Converse sends it as {@code reasoningContent.reasoningText}, ConverseStream as reasoning
 *       deltas and a signature delta, the native body as a {@code thinking} content block.</li>
 *   <li>Models that always reason (DeepSeek-R1, OpenAI gpt-oss): a reasoning block without signature.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class DefaultAnswers {
    private DefaultAnswers() {
    }

    static ChatResponse of(String modelId, ChatRequest request) {
        String answer = ModelOperations.echo(request);
        ModelFamily family = ModelCatalog.defaults().lookup(modelId).family();
        boolean thinks = family == ModelFamily.ANTHROPIC_CLAUDE && thinkingEnabled(request);
        boolean alwaysReasons = family == ModelFamily.DEEPSEEK || family == ModelFamily.OPENAI_GPT_OSS;
        if (!thinks && !alwaysReasons) {
            return ChatResponse.ofText(answer);
        }
        String thought = reasoning(request);
        ContentBlock reasoning = new ContentBlock.Reasoning(thought, thinks ? signature(thought) : null);
        return ChatResponse.builder()
                .message(new Message(Role.ASSISTANT, List.of(reasoning, new ContentBlock.Text(answer))))
                .build();
    }

    /** Whether the request turns Anthropic's extended thinking on. */
    static boolean thinkingEnabled(ChatRequest request) {
        JsonNode fields = request.additionalModelRequestFields().orElse(null);
        if (fields == null) {
            return false;
        }
        JsonNode thinking = fields.has("thinking") ? fields.get("thinking") : fields.path("reasoning_config");
        return thinking.path("type").asText("").equals("enabled");
    }

    /** A short, deterministic line of thought about the last user turn. */
    private static String reasoning(ChatRequest request) {
        String last = request.lastUserText().strip();
        if (last.isEmpty()) {
            return "The last turn holds no text to think about, so I will answer briefly.";
        }
        return "The user wrote \"" + last + "\". I will repeat it back to show that I read it.";
    }

    /**
     * A signature of the reasoning text, as Bedrock signs thinking: opaque base64, stable for the same text,
     * so a client that passes the block back in the next turn sends what it received.
     */
    static String signature(String reasoning) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("bedrock4j-local-thinking\n" + reasoning).getBytes(StandardCharsets.UTF_8));
            byte[] twice = new byte[digest.length * 2];
            System.arraycopy(digest, 0, twice, 0, digest.length);
            System.arraycopy(sha.digest(digest), 0, twice, digest.length, digest.length);
            return Base64.getEncoder().encodeToString(twice);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
