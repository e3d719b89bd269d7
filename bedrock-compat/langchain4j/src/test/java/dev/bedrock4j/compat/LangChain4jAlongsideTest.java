package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.JacksonVersions;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j and the library on one class path, each using Jackson: a conversation held through the library (the
 * real SDK client against the local server) is kept as LangChain4j messages, serialized by LangChain4j and read back.
 * What the class path holds, and what the library says about it, is the system property
 * {@code compat.jackson.expected}: the mixed versions it must name, or {@code coherent}.
 */
@BedrockTest
class LangChain4jAlongsideTest {
    private static final String MODEL = "amazon.nova-lite-v1:0";
    private static final String EXPECTED = System.getProperty("compat.jackson.expected", "");

    LocalBedrockServer server;
    Bedrock bedrock;

    @Test
    void bothLibrariesWorkOnTheSameJackson() {
        server.model(MODEL).reply("The Danube.");

        ChatResponse reply = bedrock.chat(MODEL).prompt().user("Name a river.").call();
        ChatResponse streamed = bedrock.chat(MODEL).prompt().user("And another?").stream().collect().join();
        List<ChatMessage> history = List.of(UserMessage.from("Name a river."), AiMessage.from(reply.text()),
                UserMessage.from("And another?"), AiMessage.from(streamed.text()));
        String json = ChatMessageSerializer.messagesToJson(history);

        assertThat(ChatMessageDeserializer.messagesFromJson(json)).isEqualTo(history);
        assertThat(JsonSupport.parse(json).size()).isEqualTo(4);
        assertThat(reply.text()).isEqualTo("The Danube.");
        assertThat(streamed.text()).isEqualTo("The Danube.");
    }

    @Test
    void theLibraryNamesWhatTheBuildPutOnTheClassPath() throws IOException {
        assertThat(EXPECTED).as("compat.jackson.expected, set by the module's POM").isNotBlank();
        bedrock.chat(MODEL).prompt().user("Hi").call();  // the library has touched Jackson: any warning is out
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        String logged = Files.exists(log) ? Files.readString(log) : "";
        if (EXPECTED.equals("coherent")) {
            assertThat(JacksonVersions.mismatch()).isEmpty();
            assertThat(JacksonVersions.found()).extracting(Object::toString).containsOnly(
                    com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
            assertThat(logged).doesNotContain("Jackson jars of different versions");
        } else {
            assertThat(JacksonVersions.mismatch()).hasValueSatisfying(problem -> assertThat(problem)
                    .contains(EXPECTED.split(", ")).contains("dev.bedrock4j:bedrock-bom"));
            assertThat(logged).containsOnlyOnce("WARN dev.bedrock4j.core.spi.JacksonVersions - Jackson jars of different")
                    .contains(EXPECTED.split(", ")).contains("import dev.bedrock4j:bedrock-bom");
        }
    }
}
