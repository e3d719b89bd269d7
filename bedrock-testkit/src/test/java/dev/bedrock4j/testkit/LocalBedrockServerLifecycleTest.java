package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;

class LocalBedrockServerLifecycleTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A Converse request Bedrock answers. */
    private static final String HI = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
    private static final String NOVA = "/model/amazon.nova-lite-v1%3A0/converse";

    private static HttpResponse<String> post(LocalBedrockServer server, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsOnAFreeLoopbackPortAndReleasesItOnClose() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            LocalBedrockServer server = LocalBedrockServer.start();
            URI endpoint = server.endpoint();
            assertThat(endpoint.getScheme()).isEqualTo("http");
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            ports.add(endpoint.getPort());
            assertThat(post(server, NOVA, HI).statusCode()).isEqualTo(200);
            server.close();
            server.close();
            assertThatThrownBy(() -> post(server, NOVA, HI)).isInstanceOf(ConnectException.class);
            try (ServerSocket reuse = new ServerSocket(endpoint.getPort(), 1, InetAddress.getLoopbackAddress())) {
                assertThat(reuse.getLocalPort()).isEqualTo(endpoint.getPort());
            }
        }
        assertThat(ports).hasSizeGreaterThan(1);
    }

    @Test
    void closingEndsTheServersThreadsAndOpenConnections() throws Exception {
        // servers other test classes share (LocalServerTestBase) live until the JVM exits: only this one's count
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        LocalBedrockServer server = LocalBedrockServer.start();
        try (BedrockRuntimeAsyncClient async = SdkClients.runtimeAsync(server.endpoint())) {
            async.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi")))).join();
            server.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("bedrock-local-")
                && !before.contains(t));
    }

    @Test
    void http2PingsAreAcknowledged() throws Exception {
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.endpoint().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 0x4, 0, 0, 0, 0, 0});                          // empty SETTINGS
            out.write(new byte[] {0, 0, 8, 0x6, 0, 0, 0, 0, 0, 'p', 'i', 'n', 'g', '-', 'a', 'c', 'k'}); // PING
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                in.readInt();
                byte[] payload = in.readNBytes(length);
                if (type == 0x6) {
                    assertThat(flags & 0x1).isEqualTo(1);
                    assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("ping-ack");
                    break;
                }
            }
        }
    }

    @Test
    void unknownRequestsGetBedrocksUnknownOperationError() throws Exception {
        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            HttpResponse<String> unknown = post(server, "/async-invoke", "{}");   // StartAsyncInvoke, not served
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(v -> assertThat(v).startsWith("UnknownOperationException"));
            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/model/m/converse")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(404);
            assertThat(server.requests()).extracting(RecordedRequest::operation)
                    .containsExactly(BedrockOperation.UNKNOWN, BedrockOperation.UNKNOWN);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsAValidationError() throws Exception {
        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            HttpResponse<String> response = post(server, "/model/m/converse", "not json");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(v -> assertThat(v).startsWith("ValidationException"));
            assertThat(response.body()).contains("not valid JSON");
            assertThat(server.lastRequest().bodyText()).isEqualTo("not json");
            assertThat(server.lastRequest().json().isMissingNode()).isTrue();
        }
    }

    @Test
    void aScriptFunctionThatThrowsBecomesAnInternalServerError() throws Exception {
        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            server.anyModel().respondWith(request -> {
                throw new IllegalStateException("boom");
            });
            HttpResponse<String> response = post(server, "/model/m/converse", HI);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("boom");
        }
    }
}
