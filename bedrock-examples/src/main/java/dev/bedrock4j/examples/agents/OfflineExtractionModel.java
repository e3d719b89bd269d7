package dev.bedrock4j.examples.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the extraction model, for the offline tour: it finds the entities with patterns and calls
 * the tool the request forces, rating its confidence by how many values it found, as a model would.
 */
final class OfflineExtractionModel {
    private static final Pattern ACCOUNT = Pattern.compile("\\b[A-Z]{3}-\\d{4}-\\d{4}\\b");
    private static final Pattern SYMBOL = Pattern.compile("(?:shares of|stock|ticker) ([A-Z]{1,5})\\b");
    private static final Pattern ADDRESS = Pattern.compile("\\b\\d+ [A-Z][a-z]+ (?:Street|Road|Avenue|Lane)(?:, [A-Z][a-z]+)?");
    private static final List<String> CITIES = List.of("Seattle", "Lisbon", "Vienna", "Boston", "Austin", "Berlin");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflineExtractionModel() {
    }

    static ChatResponse answer(ChatRequest request) {
        String email = request.lastUserText();
        ObjectNode input = JSON.createObjectNode();
        int found = put(input, "accountNumber", ACCOUNT.matcher(email), 0)
                + put(input, "stockSymbol", SYMBOL.matcher(email), 1)
                + put(input, "address", ADDRESS.matcher(email), 0);
        for (String city : CITIES) {
            if (email.contains(city)) {
                input.put("city", city);
                found++;
                break;
            }
        }
        input.put("confidence", found == 4 ? 0.95 : 0.2 + 0.15 * found);
        String tool = request.toolChoice().orElse(null) instanceof ToolChoice.Named named ? named.name() : "email_entities";
        return ChatResponse.builder()
                .message(Message.assistant(ContentBlock.toolUse("tooluse_extract", tool, input)))
                .stopReason(StopReason.TOOL_USE)
                .build();
    }

    private static int put(ObjectNode input, String field, Matcher matcher, int group) {
        if (!matcher.find()) {
            return 0;
        }
        input.put(field, matcher.group(group));
        return 1;
    }
}
