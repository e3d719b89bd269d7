package dev.bedrock4j.testkit;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local server's request history is bounded, so a long run does not fill the heap; counts stay exact. */
class RequestHistoryTest {
    private final LocalBedrockServer server = LocalBedrockServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(int requests, String body) throws IOException, InterruptedException {
        for (int i = 0; i < requests; i++) {
            http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/model/m" + i + "/converse"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void byDefaultTheMostRecentThousandAreKeptAndAllAreCounted() throws Exception {
        send(LocalBedrockServer.DEFAULT_MAX_RECORDED_REQUESTS + 50, "{}");

        assertThat(server.requests()).hasSize(LocalBedrockServer.DEFAULT_MAX_RECORDED_REQUESTS);
        assertThat(server.requestCount()).isEqualTo(1050);
        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(1050);
        assertThat(server.requests().get(0).sequence()).isEqualTo(51);
        assertThat(server.lastRequest().modelId()).contains("m1049");
        assertThat(server).hasRequestCount(1050);
        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 1050).lastRequest().hasModelId("m1049");
    }

    @Test
    void theLimitIsConfigurableAndLoweringItForgetsTheOldest() throws Exception {
        send(5, "{}");
        server.maxRecordedRequests(2);

        assertThat(server.requests()).extracting(RecordedRequest::sequence).containsExactly(4, 5);
        send(3, "{}");
        assertThat(server.requests()).extracting(RecordedRequest::sequence).containsExactly(7, 8);
        assertThat(server.requestCount()).isEqualTo(8);

        server.clear();
        assertThat(server.requestCount()).isZero();
        assertThat(server.requests()).isEmpty();
        assertThatThrownBy(() -> server.maxRecordedRequests(0)).hasMessageContaining("at least 1");
    }

    @Test
    void bodiesAreBoundedTooButTheLastRequestIsAlwaysKept() throws Exception {
        server.maxRecordedBytes(2_500);
        String kilobyte = "{\"pad\":\"" + "x".repeat(1_000) + "\"}";

        send(5, kilobyte);

        assertThat(server.requests()).hasSize(2);
        server.maxRecordedBytes(0);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.lastRequest().bodySize()).isEqualTo(kilobyte.length());
        assertThat(server.requestCount()).isEqualTo(5);
    }

    @Test
    void resetKeepsTheLimits() throws Exception {
        server.maxRecordedRequests(1);
        server.reset();
        send(3, "{}");

        assertThat(server.requests()).hasSize(1);
    }
}
