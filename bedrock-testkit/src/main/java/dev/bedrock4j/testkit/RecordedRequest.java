package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.internal.ChatRequests;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request the {@link LocalBedrockServer} received, decoded: the operation, the path
 * parameters (percent-decoded), the headers, and the body raw, as JSON, and for chat operations as the
 * library's {@link ChatRequest}.
 *
 * <pre>{@code
 * RecordedRequest request = server.lastRequest();
 * assertThat(request.operation()).isEqualTo(BedrockOperation.CONVERSE);
 * assertThat(request.modelId()).contains("anthropic.claude-3-haiku-20240307-v1:0");
 * assertThat(request.chatRequest().orElseThrow().lastUserText()).isEqualTo("hi");
 * assertThat(request.attempt()).isEqualTo(1);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the request's number on its server, from 1, in arrival order
 * @param operation the operation the path names
 * @param method the HTTP method
 * @param path the raw request path, still percent-encoded
 * @param pathParameters the decoded path parameters: {@code modelId}, {@code knowledgeBaseId},
 *                       {@code agentId}, {@code agentAliasId}, {@code sessionId}
 * @param headers the headers, names in lower case, values in arrival order
 * @param body the raw body
 * @param httpVersion {@code HTTP/1.1} or {@code HTTP/2.0}
 */
public record RecordedRequest(int sequence, BedrockOperation operation, String method, String path,
                              Map<String, String> pathParameters, Map<String, List<String>> headers, byte[] body,
                              String httpVersion) {
    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");

    /**
     * Validates and copies the components.
     *
     * @param sequence the request's number
     * @param operation the operation
     * @param method the HTTP method
     * @param path the raw path
     * @param pathParameters the decoded path parameters
     * @param headers the headers, names in lower case
     * @param body the raw body
     * @param httpVersion the HTTP version
     */
    public RecordedRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(httpVersion, "httpVersion");
        pathParameters = Map.copyOf(pathParameters);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /**
     * A copy of the raw body.
     *
     * @return the body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The decoded model id of a runtime operation, as the caller passed it.
     *
     * @return the model id, or empty for agent runtime operations
     */
    public Optional<String> modelId() {
        return Optional.ofNullable(pathParameters.get("modelId"));
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty when absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @return the JSON, or a missing node when the body is empty or not JSON
     */
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JsonSupport.parse(body);
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }

    /**
     * The body read as a chat request: the Converse body for {@code Converse} and {@code ConverseStream},
     * or a native chat body (Anthropic, Nova, Titan, Llama, Mistral, Cohere) for {@code InvokeModel} and
     * {@code InvokeModelWithResponseStream}.
     *
     * @return the request, or empty for other operations, embedding models and bodies that cannot be read
     */
    public Optional<ChatRequest> chatRequest() {
        JsonNode json = json();
        if (json.isMissingNode()) {
            return Optional.empty();
        }
        return switch (operation) {
            case CONVERSE, CONVERSE_STREAM -> ChatRequests.fromConverse(json);
            case INVOKE_MODEL, INVOKE_MODEL_WITH_RESPONSE_STREAM -> ChatRequests.fromNative(pathParameters.get("modelId"), json);
            default -> Optional.empty();
        };
    }

    /**
     * The SDK's attempt number from the {@code amz-sdk-request} header: 1 for the first try, 2 for the
     * first retry, and so on.
     *
     * @return the attempt, or 0 when the header is absent
     */
    public int attempt() {
        return header("amz-sdk-request").map(ATTEMPT::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest other && sequence == other.sequence && operation == other.operation
                && method.equals(other.method) && path.equals(other.path)
                && pathParameters.equals(other.pathParameters) && headers.equals(other.headers)
                && Arrays.equals(body, other.body) && httpVersion.equals(other.httpVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, operation, path, Arrays.hashCode(body));
    }

    /** Shows the operation and path, never the body: prompts stay out of logs. */
    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " " + operation.apiName() + " " + method + " " + path + " "
                + httpVersion + ", " + body.length + " bytes]";
    }
}
