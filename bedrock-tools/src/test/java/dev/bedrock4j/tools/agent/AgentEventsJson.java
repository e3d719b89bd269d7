package dev.bedrock4j.tools.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.WireEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** InvokeAgent events as they travel on the wire, for scripting the fake client and the local server alike. */
final class AgentEventsJson {
    static final String EVENT_TIME = "2024-05-01T12:00:00.123Z";

    private AgentEventsJson() {
    }

    /** A chunk of the answer, optionally citing sources. */
    static WireEvent chunk(String text, ObjectNode... citations) {
        ObjectNode payload = JsonSupport.object()
                .put("bytes", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        if (citations.length > 0) {
            ArrayNode list = payload.putObject("attribution").putArray("citations");
            for (ObjectNode citation : citations) {
                list.add(citation);
            }
        }
        return WireEvent.event("chunk", payload);
    }

    /** A citation of part of a chunk by a passage stored in S3. */
    static ObjectNode citation(String text, int start, int end, String passage, String uri) {
        ObjectNode citation = JsonSupport.object();
        ObjectNode part = citation.putObject("generatedResponsePart").putObject("textResponsePart").put("text", text);
        part.putObject("span").put("start", start).put("end", end);
        ObjectNode reference = citation.putArray("retrievedReferences").addObject();
        reference.putObject("content").put("text", passage);
        reference.putObject("location").put("type", "S3").putObject("s3Location").put("uri", uri);
        return citation;
    }

    /** An orchestration trace with the agent's rationale. */
    static WireEvent rationale(String text) {
        ObjectNode payload = JsonSupport.object().put("agentId", "AGENT12345").put("sessionId", "s-1")
                .put("eventTime", EVENT_TIME);
        payload.putObject("trace").putObject("orchestrationTrace").putObject("rationale").put("text", text)
                .put("traceId", "t-1");
        return WireEvent.event("trace", payload);
    }

    /** A return of control asking for the given invocation inputs. */
    static WireEvent returnControl(String invocationId, ObjectNode... inputs) {
        ObjectNode payload = JsonSupport.object().put("invocationId", invocationId);
        ArrayNode list = payload.putArray("invocationInputs");
        for (ObjectNode input : inputs) {
            list.add(input);
        }
        return WireEvent.event("returnControl", payload);
    }

    /** A function of an action group to run; parameters come as name, type, value triples. */
    static ObjectNode function(String actionGroup, String function, String... nameTypeValue) {
        ObjectNode input = JsonSupport.object();
        ObjectNode call = input.putObject("functionInvocationInput").put("actionGroup", actionGroup)
                .put("function", function).put("agentId", "AGENT12345");
        ArrayNode parameters = call.putArray("parameters");
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            parameters.addObject().put("name", nameTypeValue[i]).put("type", nameTypeValue[i + 1])
                    .put("value", nameTypeValue[i + 2]);
        }
        return input;
    }

    /** An API operation of an action group to run. */
    static ObjectNode api(String actionGroup, String method, String path) {
        ObjectNode input = JsonSupport.object();
        input.putObject("apiInvocationInput").put("actionGroup", actionGroup).put("httpMethod", method)
                .put("apiPath", path).put("agentId", "AGENT12345");
        return input;
    }
}
