package dev.bedrock4j.examples.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the order-support agent's model, for the offline tour: it reads the conversation the way
 * a model would and takes one step per turn. It asks for {@value OrderTools#LOOKUP} first, then, for a
 * refund request, for {@value OrderTools#CHECK_REFUND}, and answers from the tools' results.
 */
final class OfflineOrderModel {
    private static final Pattern ORDER_ID = Pattern.compile("\\b[A-Z]-\\d{4}\\b");
    private static final Pattern REFUND = Pattern.compile("refund|money back|return it");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflineOrderModel() {
    }

    static ChatResponse answer(ChatRequest request) {
        String question = request.messages().get(0).text();
        Matcher id = ORDER_ID.matcher(question);
        if (!id.find()) {
            return text("Which order is it about? Please give me its number, such as A-1001.");
        }
        String orderId = id.group();
        Map<String, ContentBlock.ToolResult> results = resultsByTool(request);
        ContentBlock.ToolResult lookup = results.get(OrderTools.LOOKUP);
        if (lookup == null) {
            return toolUse("Let me look up order " + orderId + ".", OrderTools.LOOKUP, orderId);
        }
        if (lookup.error()) {
            return text("I could not find order " + orderId + "; could you check the number?");
        }
        JsonNode order = json(lookup);
        String firstName = order.path("customer").asText().split(" ")[0];
        String item = order.path("item").asText();
        if (!REFUND.matcher(question.toLowerCase(Locale.ROOT)).find()) {
            String delivered = order.path("deliveredOn").asText("");
            return text(firstName + ", your " + item + " (order " + orderId + ") "
                    + (delivered.isEmpty() || delivered.equals("null") ? "is on its way." : "was delivered on " + delivered + "."));
        }
        ContentBlock.ToolResult refund = results.get(OrderTools.CHECK_REFUND);
        if (refund == null) {
            return toolUse("Checking the refund policy for the " + item + ".", OrderTools.CHECK_REFUND, orderId);
        }
        JsonNode decision = json(refund);
        if (decision.path("refundable").asBoolean()) {
            return text("Good news, " + firstName + ": your " + item + " (order " + orderId + ", EUR "
                    + String.format(Locale.ROOT, "%.2f", order.path("total").asDouble()) + ") can be refunded, as "
                    + decision.path("reason").asText() + ". Send them back and the money is on your card within five working days.");
        }
        return text("Sorry, " + firstName + ": order " + orderId + " (" + item + ") cannot be refunded, because "
                + decision.path("reason").asText() + ".");
    }

    /** The results of the tools called so far, by tool name. */
    private static Map<String, ContentBlock.ToolResult> resultsByTool(ChatRequest request) {
        Map<String, String> names = new HashMap<>();
        Map<String, ContentBlock.ToolResult> results = new HashMap<>();
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolUse use) {
                    names.put(use.id(), use.name());
                } else if (block instanceof ContentBlock.ToolResult result) {
                    results.put(names.getOrDefault(result.toolUseId(), ""), result);
                }
            }
        }
        return results;
    }

    private static JsonNode json(ContentBlock.ToolResult result) {
        for (ContentBlock block : result.content()) {
            if (block instanceof ContentBlock.Json json) {
                return json.value();
            }
            if (block instanceof ContentBlock.Text text) {
                try {
                    return JSON.readTree(text.text());
                } catch (java.io.IOException e) {
                    return JSON.createObjectNode();
                }
            }
        }
        return JSON.createObjectNode();
    }

    private static ChatResponse text(String text) {
        return ChatResponse.ofText(text);
    }

    private static ChatResponse toolUse(String text, String tool, String orderId) {
        return ChatResponse.builder()
                .message(Message.assistant(ContentBlock.text(text),
                        ContentBlock.toolUse("tooluse_" + tool, tool, JSON.createObjectNode().put("orderId", orderId))))
                .stopReason(StopReason.TOOL_USE)
                .build();
    }
}
