package dev.bedrock4j.rag.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects when fetching URLs, with two servers on 127.0.0.1, each on its own port (so each its own origin):
 * {@code /to?...} answers 302 to the location given, {@code /loop} redirects to itself, anything else is text.
 */
class UrlRedirectTest {
    private final Server first = new Server();
    private final Server second = new Server();
    private final DocumentLoader fetching = DocumentLoader.builder().allowUrlFetching(true).build();

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void aRedirectOnTheSameOriginIsFollowed() {
        Document document = fetching.load(first.uri("/to?/docs/moved.txt"));

        assertThat(document.text()).isEqualTo("text of /docs/moved.txt");
        assertThat(document.id()).isEqualTo(first.uri("/to?/docs/moved.txt").toString());
        assertThat(first.paths).containsExactly("/to", "/docs/moved.txt");
    }

    @Test
    void aRedirectToAnotherPortIsRefusedAndNeverRequested() {
        URI elsewhere = second.uri("/internal.txt");

        assertThatThrownBy(() -> fetching.load(first.uri("/to?" + elsewhere)))
                .isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("redirects to " + elsewhere)
                .hasMessageContaining("another origin (http://127.0.0.1:" + second.port() + " instead of http://127.0.0.1:"
                        + first.port() + ")")
                .hasMessageContaining("allowCrossOriginRedirects(true)");
        assertThat(second.paths).isEmpty();
    }

    @Test
    void aRedirectToAnotherHostNameIsRefused() {
        URI elsewhere = URI.create("http://localhost:" + first.port() + "/doc.txt");

        assertThatThrownBy(() -> fetching.load(first.uri("/to?" + elsewhere)))
                .hasMessageContaining("another origin");
        assertThat(first.paths).containsExactly("/to");
    }

    @Test
    void aRedirectToAnotherOriginIsFollowedWhenAllowed() {
        DocumentLoader trusting = DocumentLoader.builder().allowUrlFetching(true).allowCrossOriginRedirects(true).build();

        Document document = trusting.load(first.uri("/to?" + second.uri("/public.txt")));

        assertThat(document.text()).isEqualTo("text of /public.txt");
        assertThat(second.paths).containsExactly("/public.txt");
    }

    @Test
    void aRedirectToAnotherSchemeIsRefusedEvenWhenOriginsAreAllowed() {
        DocumentLoader trusting = DocumentLoader.builder().allowUrlFetching(true).allowCrossOriginRedirects(true).build();

        assertThatThrownBy(() -> trusting.load(first.uri("/to?file:///etc/passwd")))
                .hasMessageContaining("redirects to file:///etc/passwd, which is not an http or https URL");
    }

    @Test
    void redirectsStopAfterTheLimit() {
        assertThatThrownBy(() -> fetching.load(first.uri("/loop")))
                .hasMessageContaining("more than " + DocumentLoader.MAX_REDIRECTS + " redirects");
        assertThat(first.paths).hasSize(DocumentLoader.MAX_REDIRECTS + 1);
    }

    /** A web server on 127.0.0.1 that records the paths it is asked for. */
    private static final class Server implements AutoCloseable {
        final List<String> paths = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Server() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            if (path.equals("/to")) {
                exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawQuery());
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/loop")) {
                exchange.getResponseHeaders().add("Location", "/loop");
                exchange.sendResponseHeaders(301, -1);
            } else {
                byte[] body = ("text of " + path).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        }

        int port() {
            return server.getAddress().getPort();
        }

        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
