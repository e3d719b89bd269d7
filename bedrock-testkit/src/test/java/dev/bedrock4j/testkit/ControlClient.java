package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a server's control API with plain HTTP and JSON, as a program in any language would. */
final class ControlClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A control API answer. */
    record Reply(int status, String body) {
        JsonNode json() {
            return JsonSupport.parse(body);
        }

        String message() {
            return json().path("message").asText();
        }
    }

    private final URI endpoint;

    ControlClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    Reply send(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/_emulator" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a change and checks that it was applied (HTTP 204). */
    void apply(String method, String path, String json) {
        Reply reply = send(method, path, json);
        if (reply.status() != 204) {
            throw new AssertionError(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
    }

    JsonNode get(String path) {
        Reply reply = send("GET", path, null);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }
}
