package dev.bedrock4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.internal.ConverseJson;
import dev.bedrock4j.core.internal.JsonSupport;
import dev.bedrock4j.core.internal.SdkJson;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/** Where the tour's calls go: an offline stand-in for Bedrock, or real Bedrock. */
final class TourBackend implements AutoCloseable {
    private final Bedrock bedrock;
    private final String description;

    private TourBackend(Bedrock bedrock, String description) {
        this.bedrock = bedrock;
        this.description = description;
    }

    static TourBackend live() {
        return new TourBackend(Bedrock.create(), "live: real Amazon Bedrock with your AWS credentials");
    }

    static TourBackend offline() {
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create()
                .onConverse(TourBackend::offlineConverse)
                .onInvokeModel(request -> {
                    JsonNode body = JsonSupport.parse(request.body().asByteArray());
                    String question = body.at("/messages/0/content/0/text").asText();
                    String answer = "{\"content\":[{\"type\":\"text\",\"text\":\"Nile\"}],\"stop_reason\":\"end_turn\","
                            + "\"usage\":{\"input_tokens\":" + words(question) + ",\"output_tokens\":1}}";
                    return InvokeModelResponse.builder().contentType("application/json")
                            .body(SdkBytes.fromString(answer, StandardCharsets.UTF_8)).build();
                });
        return new TourBackend(Bedrock.builder().runtimeClient(sdk).build(),
                "offline: an in-process stand-in answers (set BEDROCK4J_LIVE=true for real Bedrock)");
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse offlineConverse(ConverseRequest sdk) {
        ChatRequest request = ConverseJson.parseRequest(SdkJson.toJson(sdk));
        String question = request.lastUserText();
        String answer = question.contains("eat") ? "Try the local specialities near the old town."
                : question.contains("museum") ? "Vienna: the Kunsthistorisches Museum alone fills a day."
                : "(offline) You asked: " + question;
        return FakeBedrockRuntimeClient.converseResponse(ChatResponse.builder().text(answer)
                .usage(Usage.of(words(question) + 12 * request.messages().size(), words(answer))).build());
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    Bedrock bedrock() {
        return bedrock;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        bedrock.close();
    }
}
