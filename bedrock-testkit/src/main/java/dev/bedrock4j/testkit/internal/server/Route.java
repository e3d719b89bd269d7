package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.testkit.BedrockOperation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The operation a request path names, with its percent-decoded path parameters. Immutable.
 *
 * @param operation the operation
 * @param parameters the decoded path parameters
 */
record Route(BedrockOperation operation, Map<String, String> parameters) {
    private static final Route UNKNOWN = new Route(BedrockOperation.UNKNOWN, Map.of());

    static Route parse(String method, String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!method.equals("POST")) {
            return UNKNOWN;
        }
        String[] s = path.split("/", -1);
        if (s.length == 4 && s[1].equals("model")) {
            BedrockOperation operation = switch (s[3]) {
                case "converse" -> BedrockOperation.CONVERSE;
                case "converse-stream" -> BedrockOperation.CONVERSE_STREAM;
                case "invoke" -> BedrockOperation.INVOKE_MODEL;
                case "invoke-with-response-stream" -> BedrockOperation.INVOKE_MODEL_WITH_RESPONSE_STREAM;
                case "count-tokens" -> BedrockOperation.COUNT_TOKENS;
                default -> BedrockOperation.UNKNOWN;
            };
            return operation == BedrockOperation.UNKNOWN ? UNKNOWN : new Route(operation, Map.of("modelId", decode(s[2])));
        }
        if (s.length == 6 && s[1].equals("guardrail") && s[3].equals("version") && s[5].equals("apply")) {
            return new Route(BedrockOperation.APPLY_GUARDRAIL, Map.of("guardrailIdentifier", decode(s[2]),
                    "guardrailVersion", decode(s[4])));
        }
        if (s.length == 4 && s[1].equals("knowledgebases") && s[3].equals("retrieve")) {
            return new Route(BedrockOperation.RETRIEVE, Map.of("knowledgeBaseId", decode(s[2])));
        }
        if (s.length == 2 && s[1].equals("rerank")) {
            return new Route(BedrockOperation.RERANK, Map.of());
        }
        if (s.length == 2 && s[1].equals("retrieveAndGenerate")) {
            return new Route(BedrockOperation.RETRIEVE_AND_GENERATE, Map.of());
        }
        if (s.length == 2 && s[1].equals("retrieveAndGenerateStream")) {
            return new Route(BedrockOperation.RETRIEVE_AND_GENERATE_STREAM, Map.of());
        }
        if (s.length == 8 && s[1].equals("agents") && s[3].equals("agentAliases") && s[5].equals("sessions")
                && s[7].equals("text")) {
            return new Route(BedrockOperation.INVOKE_AGENT, Map.of("agentId", decode(s[2]), "agentAliasId", decode(s[4]),
                    "sessionId", decode(s[6])));
        }
        return UNKNOWN;
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    /** Decodes {@code %XX} escapes as UTF-8; unlike form decoding, {@code +} stays a plus. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) && hex(segment.charAt(i + 2))) {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
