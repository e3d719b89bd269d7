package dev.bedrock4j.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.tools.agent.AgentCitation;
import dev.bedrock4j.tools.agent.AgentTrace;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.bedrockagentruntime.model.ApiInvocationInput;
import software.amazon.awssdk.services.bedrockagentruntime.model.ApiResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.ContentBody;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionInvocationInput;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionParameter;
import software.amazon.awssdk.services.bedrockagentruntime.model.FunctionResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationResultMember;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResponseState;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievedReference;
import software.amazon.awssdk.services.bedrockagentruntime.model.TextResponsePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.TracePart;

/** Converts between the agent runtime's SDK shapes and the library's types. Thread-safe. */
public final class AgentWire {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AgentWire() {
    }

    /** A citation of an answer chunk. */
    public static AgentCitation citation(software.amazon.awssdk.services.bedrockagentruntime.model.Citation citation) {
        TextResponsePart part = citation.generatedResponsePart() == null ? null
                : citation.generatedResponsePart().textResponsePart();
        String text = part == null || part.text() == null ? "" : part.text();
        int start = part == null || part.span() == null || part.span().start() == null ? 0 : part.span().start();
        int end = part == null || part.span() == null || part.span().end() == null ? text.length() : part.span().end();
        List<Citation> references = new ArrayList<>();
        for (RetrievedReference reference : citation.retrievedReferences()) {
            references.add(reference(reference));
        }
        return new AgentCitation(text, start, end, references);
    }

    private static Citation reference(RetrievedReference reference) {
        List<String> content = reference.content() == null || reference.content().text() == null
                ? List.of() : List.of(reference.content().text());
        JsonNode location = reference.location() == null ? null : SdkJson.toJson(reference.location());
        return new Citation(null, location == null ? null : source(location), content, location);
    }

    /** The URI, URL, id or query inside a location such as {@code {"type":"S3","s3Location":{"uri":"s3://b/k"}}}. */
    static String source(JsonNode location) {
        for (Iterator<Map.Entry<String, JsonNode>> it = location.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isObject()) {
                for (JsonNode value : field.getValue()) {
                    if (value.isTextual()) {
                        return value.asText();
                    }
                }
            }
        }
        return null;
    }

    /** A trace event, named after the trace kind it holds. */
    public static AgentTrace trace(TracePart part) {
        if (part.trace() == null) {
            return new AgentTrace("unknown", part.eventTime(), SdkJson.toJson(part));
        }
        ObjectNode trace = SdkJson.toJson(part.trace());
        Iterator<String> names = trace.fieldNames();
        String type = names.hasNext() ? names.next() : "unknown";
        return new AgentTrace(type, part.eventTime(), trace.has(type) ? trace.get(type) : trace);
    }

    /**
     * A function the agent wants run, as a tool call with a JSON object input. Parameter values travel as
     * text; each is typed as the tool's input schema declares its property, else as the agent declares it,
     * so that a tool taking a number still works when the action group declares the parameter a string.
     *
     * @param schema the input schema of the tool that will run it, or {@code null} when there is none
     */
    public static ContentBlock.ToolUse toolUse(String id, FunctionInvocationInput function, JsonNode schema) {
        ObjectNode input = JsonSupport.object();
        for (FunctionParameter parameter : function.parameters()) {
            String declared = schema == null ? null : schema.path("properties").path(parameter.name()).path("type").asText(null);
            input.set(parameter.name(), value(declared != null ? declared : parameter.type(), parameter.value()));
        }
        return ContentBlock.toolUse(id, function.function() == null ? "" : function.function(), input);
    }

    /** A parameter value typed as the agent declares it; text when it does not parse. */
    static JsonNode value(String type, String value) {
        if (value == null) {
            return NODES.nullNode();
        }
        try {
            switch (type == null ? "string" : type) {
                case "integer":
                    return NODES.numberNode(new BigInteger(value.trim()));
                case "number":
                    return NODES.numberNode(new BigDecimal(value.trim()));
                case "boolean":
                    if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
                        return NODES.booleanNode(Boolean.parseBoolean(value.trim()));
                    }
                    return NODES.textNode(value);
                case "array":
                    JsonNode array = JsonSupport.parse(value);
                    return array.isArray() ? array : NODES.textNode(value);
                default:
                    return NODES.textNode(value);
            }
        } catch (RuntimeException e) {
            return NODES.textNode(value);
        }
    }

    /** The answer to a function the agent wanted run. */
    public static InvocationResultMember functionResult(FunctionInvocationInput function, ContentBlock.ToolResult result) {
        FunctionResult.Builder answer = FunctionResult.builder()
                .actionGroup(function.actionGroup())
                .function(function.function())
                .agentId(function.agentId())
                .responseBody(Map.of("TEXT", ContentBody.builder().body(ToolResults.text(result)).build()));
        if (result.error()) {
            answer.responseState(ResponseState.FAILURE);
        }
        return InvocationResultMember.builder().functionResult(answer.build()).build();
    }

    /** The answer to an API operation the agent wanted run: not supported locally, so a failure it can read. */
    public static InvocationResultMember apiResult(ApiInvocationInput api) {
        String message = "no local handler for " + api.httpMethod() + " " + api.apiPath()
                + "; only action groups defined with function details are answered by local tools";
        return InvocationResultMember.builder().apiResult(ApiResult.builder()
                .actionGroup(api.actionGroup())
                .apiPath(api.apiPath())
                .httpMethod(api.httpMethod())
                .agentId(api.agentId())
                .httpStatusCode(501)
                .responseState(ResponseState.FAILURE)
                .responseBody(Map.of("application/json", ContentBody.builder()
                        .body(JsonSupport.write(JsonSupport.object().put("error", message))).build()))
                .build()).build();
    }
}
