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
import java.util.Set;
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
 * <h2>Credentials are redacted</h2>
 * <p>A recorded request is printed by failing assertions and copied into reports and bug trackers, so it never
 * holds credentials. On construction, the {@code Authorization} header keeps its scheme and, for AWS Signature
 * Version 4, its credential scope and signed headers, while the access key id and the signature become
 * {@value #REDACTED}:
 * {@code AWS4-HMAC-SHA256 Credential=<redacted>/20240501/us-east-1/bedrock/aws4_request, SignedHeaders=...,
 * Signature=<redacted>}; a bearer token (a Bedrock API key) becomes {@code Bearer <redacted>}. The session token
 * ({@code X-Amz-Security-Token}), {@code Proxy-Authorization} and {@code Cookie} are {@value #REDACTED} whole.
 * Bodies are kept as sent: Bedrock requests carry no credentials in them.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sequence the request's number on its server, from 1, in arrival order
 * @param operation the operation the path names
 * @param method the HTTP method
 * @param path the raw request path, still percent-encoded
 * @param pathParameters the decoded path parameters: {@code modelId}, {@code knowledgeBaseId},
 *                       {@code agentId}, {@code agentAliasId}, {@code sessionId}, {@code guardrailIdentifier},
 *                       {@code guardrailVersion}
 * @param headers the headers, names in lower case, values in arrival order, credentials redacted
 * @param body the raw body
 * @param httpVersion {@code HTTP/1.1} or {@code HTTP/2.0}
 */
public record RecordedRequest(int sequence, BedrockOperation operation, String method, String path,
                              Map<String, String> pathParameters, Map<String, List<String>> headers, byte[] body,
                              String httpVersion) {
    /** What stands for a credential in a recorded header. */
    public static final String REDACTED = "<redacted>";
    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");
    /** SigV4: the access key id before the scope, and the signature. */
    private static final Pattern SIGV4_SECRET = Pattern.compile("(Credential=)[^/,\\s]*|(Signature=)[0-9A-Fa-f]*");
    /** Headers whose whole value is a credential. */
    private static final Set<String> SECRET_HEADERS = Set.of("x-amz-security-token", "proxy-authorization", "cookie");

    /**
     * Validates and copies the components.
     *
     * @param sequence the request's number
     * @param operation the operation
     * @param method the HTTP method
     * @param path the raw path
     * @param pathParameters the decoded path parameters
     * @param headers the headers, in any case; credentials are redacted (see the class description)
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
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            copy.put(lower, values.stream().map(value -> redact(lower, value)).toList());
        });
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    private static String redact(String name, String value) {
        Objects.requireNonNull(value, "header value");
        if (SECRET_HEADERS.contains(name)) {
            return REDACTED;
        }
        if (!name.equals("authorization")) {
            return value;
        }
        String trimmed = value.strip();
        if (trimmed.startsWith("AWS4-")) {
            return SIGV4_SECRET.matcher(trimmed).replaceAll(m -> Matcher.quoteReplacement(
                    (m.group(1) != null ? m.group(1) : m.group(2)) + REDACTED));
        }
        int space = trimmed.indexOf(' ');
        return space > 0 ? trimmed.substring(0, space) + " " + REDACTED : REDACTED;
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
     * The length of the raw body, without copying it.
     *
     * @return the body's size in bytes
     */
    public int bodySize() {
        return body.length;
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
     * a native chat body (Anthropic, Nova, Titan, Llama, Mistral, Cohere, Jamba, DeepSeek, gpt-oss) for
     * {@code InvokeModel} and {@code InvokeModelWithResponseStream}, and the input it counts for
     * {@code CountTokens}.
     *
     * @return the request, or empty for other operations, embedding and image models and bodies that cannot be read
     */
    public Optional<ChatRequest> chatRequest() {
        JsonNode json = json();
        if (json.isMissingNode()) {
            return Optional.empty();
        }
        return switch (operation) {
            case CONVERSE, CONVERSE_STREAM -> ChatRequests.fromConverse(json);
            case INVOKE_MODEL, INVOKE_MODEL_WITH_RESPONSE_STREAM -> ChatRequests.fromNative(pathParameters.get("modelId"), json);
            case COUNT_TOKENS -> ChatRequests.fromCountTokens(pathParameters.get("modelId"), json);
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
