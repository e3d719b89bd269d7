package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

class LocalBedrockServerConverseTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static LocalBedrockServer server;
    static BedrockRuntimeClient sync;
    static BedrockRuntimeAsyncClient async;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        sync = SdkClients.runtime(server.endpoint());
        async = SdkClients.runtimeAsync(server.endpoint());
    }

    @AfterAll
    static void stop() {
        sync.close();
        async.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void unscriptedConverseEchoesTheUser() {
        ConverseResponse response = sync.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi there"))));
        assertThat(response.output().message().content().get(0).text()).isEqualTo("You said: hi there");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/1.1");
    }

    @Test
    void asyncConverseOverH2c() {
        ConverseResponse response = async.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("hi there")))).join();
        assertThat(response.output().message().content().get(0).text()).isEqualTo("You said: hi there");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
    }

    @Test
    void streams() {
        List<String> deltas = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        async.converseStream(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("one two three four"))),
                ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta((ContentBlockDeltaEvent e) -> deltas.add(e.delta().text()))
                        .onMessageStop((MessageStopEvent e) -> stops.add(e.stopReasonAsString()))
                        .build()).build()).join();
        assertThat(String.join("", deltas)).isEqualTo("You said: one two three four");
        assertThat(deltas).hasSizeGreaterThan(2);
        assertThat(stops).containsExactly("end_turn");
    }
}
