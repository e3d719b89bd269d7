package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.ConverseCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.RenderedRequest;
import java.util.Iterator;
import java.util.Map;

/** Renders a request as the Converse JSON and the equivalent AWS CLI command. Thread-safe. */
public final class ConverseRenderer {
    private ConverseRenderer() {
    }

    /** Renders the request a model would receive. */
    public static RenderedRequest render(String modelId, ChatRequest request) {
        ObjectNode body = ConverseCodec.request(request);
        ObjectNode withModel = JsonSupport.object();
        withModel.put("modelId", modelId);
        withModel.setAll(body);
        StringBuilder cli = new StringBuilder("aws bedrock-runtime converse \\\n  --model-id ").append(shellQuote(modelId));
        Iterator<Map.Entry<String, JsonNode>> members = body.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            cli.append(" \\\n  --").append(kebab(member.getKey())).append(' ')
                    .append(shellQuote(JsonSupport.write(member.getValue())));
        }
        return new RenderedRequest(modelId, JsonSupport.pretty(withModel), cli.toString());
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
