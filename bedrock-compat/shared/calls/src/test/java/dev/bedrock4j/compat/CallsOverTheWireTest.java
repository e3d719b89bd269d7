package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The testkit's JUnit extension with this module's JUnit, and the library's calls through the real SDK client to the
 * local server, with this module's Jackson, Netty and HTTP client versions.
 */
@BedrockTest
class CallsOverTheWireTest {
    private static final String MODEL = "amazon.nova-lite-v1:0";

    LocalBedrockServer server;
    Bedrock bedrock;

    @Test
    void converse(BedrockRuntimeClient client) {
        server.model(MODEL).reply("Hello!");

        ConverseResponse response = client.converse(r -> r.modelId(MODEL)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))));

        assertThat(response.output().message().content().get(0).text()).isEqualTo("Hello!");
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).operation()).isEqualTo(BedrockOperation.CONVERSE);
    }

    @Test
    void streamThroughTheLibrary() {
        ChatModel model = bedrock.chat(MODEL);
        StringBuilder text = new StringBuilder();

        ChatResponse full = model.prompt().user("Name a river.").stream().forEachText(text::append).join();

        assertThat(full.text()).isEqualTo("You said: Name a river.").isEqualTo(text.toString());
        assertThat(full.usage().outputTokens()).isPositive();
    }

    @Test
    void embeddings() {
        List<Embedding> vectors = bedrock.embeddings("amazon.titan-embed-text-v2:0")
                .embedDocuments(List.of("one", "two")).embeddings();

        assertThat(vectors).hasSize(2);
        assertThat(vectors.get(0).vector()).hasSize(1024);
        assertThat(vectors.get(0).vector()).isNotEqualTo(vectors.get(1).vector());
    }

    @Test
    void theServerIsAsStrictAsBedrock(BedrockRuntimeClient client) {
        assertThatThrownBy(() -> client.converse(r -> r.modelId("amazon.nova-lite-v1")
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi")))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("model identifier is invalid");
    }

    @Nested
    class Nesting {
        @Test
        void sharesTheEnclosingServer(LocalBedrockServer injected) {
            assertThat(injected).isSameAs(server);
        }
    }
}
