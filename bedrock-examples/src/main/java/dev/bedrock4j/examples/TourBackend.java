package dev.bedrock4j.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.testkit.LocalBedrockServer;

/**
 * Where the tour's calls go: the testkit's in-process Bedrock server (offline, the default), or real
 * Bedrock. Offline, the real AWS SDK clients talk to the local server over HTTP, so the tour runs the
 * same code path as production.
 */
final class TourBackend implements AutoCloseable {
    private final Bedrock bedrock;
    private final LocalBedrockServer server;
    private final String description;

    private TourBackend(Bedrock bedrock, LocalBedrockServer server, String description) {
        this.bedrock = bedrock;
        this.server = server;
        this.description = description;
    }

    static TourBackend live() {
        return new TourBackend(Bedrock.create(), null, "live: real Amazon Bedrock with your AWS credentials");
    }

    static TourBackend offline() {
        LocalBedrockServer server = LocalBedrockServer.start();
        // the tour's chat models; every other model (embeddings included) keeps the server's offline defaults
        server.model(Tour.CHAT_MODEL).respondWith(TourBackend::offlineAnswer);
        server.model(Tour.NATIVE_MODEL).respondWith(TourBackend::offlineAnswer);
        dev.bedrock4j.examples.agents.AgentsTour.scriptOffline(server);
        ImagesAndGuardrailsTour.scriptOffline(server);
        Bedrock bedrock = Bedrock.local(server.endpoint());
        return new TourBackend(bedrock, server,
                "offline: the testkit's local Bedrock server on " + server.endpoint() + " (BEDROCK4J_LIVE=true for real Bedrock)");
    }

    /** A small deterministic stand-in for a model, good enough to make the tour read well. */
    static ChatResponse offlineAnswer(ChatRequest request) {
        String question = request.lastUserText();
        String answer;
        if (question.startsWith("Summarise")) {
            String text = question.substring(question.indexOf(':') + 1).trim();
            int end = text.indexOf('.');
            answer = end > 0 ? text.substring(0, end + 1) : text;
        } else if (question.contains("museum")) {
            answer = "Vienna: the Kunsthistorisches Museum alone fills a day.";
        } else if (question.contains("eat")) {
            answer = "Try Wiener Schnitzel and a slice of Sachertorte near the Hofburg.";
        } else if (question.contains("story")) {
            answer = "Once upon a time a small river left the mountains. It ran past villages and mills, grew wide"
                    + " and slow, carried boats to the sea, and every spring it remembered the snow it came from.";
        } else if (question.contains("river")) {
            answer = "Danube";
        } else {
            answer = "(offline) You asked: " + question;
        }
        return ChatResponse.builder().text(answer)
                .usage(Usage.of(words(question) + 12 * request.messages().size(), words(answer))).build();
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    Bedrock bedrock() {
        return bedrock;
    }

    /** The local server offline; {@code null} against real Bedrock. */
    LocalBedrockServer server() {
        return server;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        bedrock.close();
        if (server != null) {
            server.close();
        }
    }
}
