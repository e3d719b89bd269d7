package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;

/**
 * A failure inside the server, even an {@link Error} such as the {@code NoSuchMethodError} that two versions of
 * Jackson on one class path cause, reaches the client as HTTP 500 naming it, and the server's log, never as an
 * empty reply.
 */
class ServerFailureTest extends LocalServerTestBase {
    static final String MODEL = LocalBedrockServerConverseTest.MODEL;
    static final String LINKAGE = "'com.fasterxml.jackson.core.StreamReadConstraints com.fasterxml.jackson.core.JsonParser"
            + ".streamReadConstraints()'";

    private void failWithAnError() {
        server.model(MODEL).respondWith(request -> {
            throw new NoSuchMethodError(LINKAGE);
        });
    }

    @Test
    void theSyncClientGetsA500NamingTheError_andTheServerLogsItAtWarn() {
        failWithAnError();

        String log = capturingStandardError(() -> assertThatThrownBy(() -> sync.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi")))))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("The local Bedrock server failed to answer Converse POST /model/" + MODEL.replace(":", "%3A")
                                    + "/converse: java.lang.NoSuchMethodError: " + LINKAGE)
                            .contains("jackson-core and jackson-databind");
                }));

        assertThat(server.requestCount()).as("the SDK retried the 500s, as against Bedrock").isEqualTo(4);
        assertThat(log).contains("WARN dev.bedrock4j.testkit.LocalBedrockServer - The local Bedrock server failed to answer"
                + " Converse").contains("java.lang.NoSuchMethodError: " + LINKAGE).contains("\tat ");
        assertThat(log).as("the prompt stays out of the log").doesNotContain("Hi\"");
    }

    @Test
    void theAsyncClientOverHttp2GetsA500Too_forStreamsAsWellAsCalls() {
        failWithAnError();

        assertThatThrownBy(() -> async.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi")))).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(InternalServerException.class)
                .hasMessageContaining("NoSuchMethodError");
        LocalBedrockServerConverseTest.Recorder recorder = new LocalBedrockServerConverseTest.Recorder();
        assertThatThrownBy(() -> async.converseStream(LocalBedrockServerConverseTest.streamRequest("Hi"), recorder.handler()).join())
                .cause().isInstanceOf(InternalServerException.class).hasMessageContaining("NoSuchMethodError");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
    }

    @Test
    void aPlainHttpClientReadsAJsonError_notAnEmptyReply() throws Exception {
        failWithAnError();
        byte[] body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}".getBytes(StandardCharsets.UTF_8);

        String response;
        try (Socket socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /model/" + MODEL + "/converse HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            response = readResponse(socket.getInputStream());
        }

        assertThat(response).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
                .contains("x-amzn-ErrorType: InternalServerException")
                .contains("{\"message\":\"The local Bedrock server failed to answer Converse POST /model/" + MODEL);
    }

    /** Reads one response: its head, then as many bytes as its Content-Length says. */
    private static String readResponse(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return text + new String(body, StandardCharsets.UTF_8);
    }

    /** Runs an action while SLF4J's simple logger, which looks System.err up on every line, writes to a buffer. */
    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
