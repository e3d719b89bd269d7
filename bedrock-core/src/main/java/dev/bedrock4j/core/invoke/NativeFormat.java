package dev.bedrock4j.core.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.internal.NativeFormats;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.List;
import java.util.function.Function;

/**
 * A model family's native {@code InvokeModel} body: how a model-agnostic {@link ChatRequest} is written
 * as that family's JSON, and how its JSON answer is read back as a {@link ChatResponse}. The same
 * prompt can so be sent natively to each family.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder().system("Be brief.").user("Name three rivers.").maxTokens(100).build();
 * ObjectNode body = NativeFormat.anthropicMessages().toBody(request);
 * // {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"system":"Be brief.","messages":[...]}
 * }</pre>
 *
 * <h2 id="text-in-prompt-templates">Text in prompt templates</h2>
 * <p>Titan Text, Llama and Mistral bodies carry the whole conversation as one prompt string, its turns marked
 * by control tokens ({@code <|start_header_id|>}, {@code [INST]}) or role prefixes ({@code User:}). Text that
 * contains such a marker would otherwise start a turn of its own, a system turn included, so every text that
 * goes into these templates (system, user and assistant turns, and the documents quoted in them) has the
 * family's markers made inert first. They are rewritten with look-alike characters, not removed and not
 * refused, so documents that merely mention them still load and read the same:
 * <ul>
 *   <li>Llama: {@code <|eot_id|>} and every other {@code <|name|>} token becomes {@code <¦eot_id¦>} (U+00A6);
 *       Llama 2's {@code [INST]}, {@code <<SYS>>} and {@code <s>} are rewritten as below.</li>
 *   <li>Mistral: {@code [INST]}, {@code [/INST]} and the other control tags ({@code [SYSTEM_PROMPT]},
 *       {@code [TOOL_CALLS]}, ...), in any case, get full-width brackets ({@code ［INST］}); {@code <s>},
 *       {@code </s>} and {@code <unk>} get single angle quotation marks ({@code ‹/s›}).</li>
 *   <li>Titan Text: a line starting with {@code User:} or {@code Bot:}, in any case, gets a full-width colon
 *       ({@code User：}).</li>
 * </ul>
 * The other bodies carry turns as JSON fields, which text cannot leave. A prompt written by hand and sent
 * raw with {@code NativeModel.invoke} is sent as it is.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface NativeFormat {

    /**
     * The family this format serves.
     *
     * @return the family
     */
    ModelFamily family();

    /**
     * Writes a request as this family's native body.
     *
     * @param request the request
     * @return the JSON body
     * @throws dev.bedrock4j.core.InvalidRequestException if the request uses something this body cannot carry
     */
    ObjectNode toBody(ChatRequest request);

    /**
     * Reads this family's native answer.
     *
     * @param body the JSON the model returned
     * @return the response; usage is zero where the body carries no token counts
     */
    ChatResponse fromBody(JsonNode body);

    /**
     * A decoder for this family's {@code InvokeModelWithResponseStream} chunks: each chunk (the model's
     * own JSON) becomes the {@link ChatEvent}s it carries. A decoder keeps state across the chunks of one
     * stream, so use a new one per stream.
     *
     * @return a new decoder
     */
    Function<JsonNode, List<ChatEvent>> streamDecoder();

    /**
     * Anthropic Claude's Messages API body ({@code anthropic_version} {@code bedrock-2023-05-31}).
     *
     * @return the format
     */
    static NativeFormat anthropicMessages() {
        return NativeFormats.ANTHROPIC;
    }

    /**
     * Amazon Nova's {@code messages-v1} body.
     *
     * @return the format
     */
    static NativeFormat novaMessages() {
        return NativeFormats.NOVA;
    }

    /**
     * Amazon Titan Text's {@code inputText} body; {@code User:} and {@code Bot:} at the start of a line of text
     * are made inert (see <a href="#text-in-prompt-templates">Text in prompt templates</a>).
     *
     * @return the format
     */
    static NativeFormat titanText() {
        return NativeFormats.TITAN;
    }

    /**
     * Meta Llama 3's formatted {@code prompt} body; control tokens in text are made inert (see
     * <a href="#text-in-prompt-templates">Text in prompt templates</a>).
     *
     * @return the format
     */
    static NativeFormat llama() {
        return NativeFormats.LLAMA;
    }

    /**
     * Mistral's {@code [INST]} formatted {@code prompt} body; control tags in text are made inert (see
     * <a href="#text-in-prompt-templates">Text in prompt templates</a>).
     *
     * @return the format
     */
    static NativeFormat mistral() {
        return NativeFormats.MISTRAL;
    }

    /**
     * Cohere Command R's chat body ({@code message}, {@code chat_history}, {@code preamble}).
     *
     * @return the format
     */
    static NativeFormat cohereCommand() {
        return NativeFormats.COHERE;
    }

    /**
     * The format for a family.
     *
     * @param family the family
     * @return the format
     * @throws IllegalArgumentException if the family has no chat body (embeddings, unknown)
     */
    static NativeFormat forFamily(ModelFamily family) {
        return NativeFormats.forFamily(family);
    }
}
