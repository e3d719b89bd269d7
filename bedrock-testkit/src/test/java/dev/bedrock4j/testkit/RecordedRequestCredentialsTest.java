package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.testkit.assertj.BedrockAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;

/** Recorded requests keep no credentials, so that printing one, as a failing assertion does, shows none. */
class RecordedRequestCredentialsTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String ACCESS_KEY = "ASIAEXAMPLEKEY123456";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjSESSIONTOKENsecret==";

    private final LocalBedrockServer server = LocalBedrockServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void signedRequestsAreRecordedWithoutTheKeyTheSignatureOrTheSessionToken() {
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(server.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG", SESSION_TOKEN)))
                .build()) {
            client.converse(r -> r.modelId(MODEL)
                    .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))));
        }

        RecordedRequest request = server.lastRequest();

        assertThat(request.header("Authorization")).hasValueSatisfying(value -> assertThat(value)
                .matches("AWS4-HMAC-SHA256 Credential=<redacted>/\\d{8}/us-west-2/bedrock/aws4_request,"
                        + " SignedHeaders=[a-z0-9;-]+, Signature=<redacted>"));
        assertThat(request.header("X-Amz-Security-Token")).contains(RecordedRequest.REDACTED);
        assertThat(request.headers().toString()).doesNotContain(ACCESS_KEY).doesNotContain(SESSION_TOKEN);
        assertThat(request.attempt()).isEqualTo(1);
        assertThat(request.chatRequest().orElseThrow().lastUserText()).isEqualTo("Hi");
    }

    @Test
    void aFailingHeaderAssertionPrintsNoToken() {
        RecordedRequest request = request(Map.of("Authorization", List.of("Bearer ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ="),
                "X-Amz-Security-Token", List.of(SESSION_TOKEN)));

        assertThatThrownBy(() -> BedrockAssertions.assertThat(request).hasHeader("x-amz-security-token", "something"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(RecordedRequest.REDACTED)
                .hasMessageNotContaining(SESSION_TOKEN);
        assertThat(request.header("authorization")).contains("Bearer <redacted>");
    }

    @Test
    void otherHeadersAndUnknownSchemesAreHandled() {
        RecordedRequest request = request(Map.of("Authorization", List.of("opaque-token-without-scheme"),
                "Proxy-Authorization", List.of("Basic dXNlcjpwYXNz"), "Cookie", List.of("session=abc"),
                "Content-Type", List.of("application/json")));

        assertThat(request.header("authorization")).contains(RecordedRequest.REDACTED);
        assertThat(request.header("proxy-authorization")).contains(RecordedRequest.REDACTED);
        assertThat(request.header("cookie")).contains(RecordedRequest.REDACTED);
        assertThat(request.header("content-type")).contains("application/json");
    }

    private static RecordedRequest request(Map<String, List<String>> headers) {
        return new RecordedRequest(1, BedrockOperation.CONVERSE, "POST", "/model/m/converse", Map.of("modelId", "m"),
                headers, new byte[0], "HTTP/1.1");
    }
}
