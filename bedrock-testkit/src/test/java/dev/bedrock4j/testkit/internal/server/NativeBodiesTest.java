package dev.bedrock4j.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.invoke.NativeFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server reads back what core's native formats write, and core reads what the server answers. */
class NativeBodiesTest {
    private static final ChatRequest CONVERSATION = ChatRequest.builder().system("Answer briefly.")
            .user("What is the capital of France?").assistant("Paris.").user("And of Italy?")
            .maxTokens(300).temperature(0.2).topP(0.9).build();

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"ANTHROPIC_CLAUDE", "AMAZON_NOVA", "AMAZON_TITAN_TEXT", "META_LLAMA", "COHERE_COMMAND"})
    void aMultiTurnRequestWithASystemPromptReadsBack(ModelFamily family) {
        ChatRequest read = NativeBodies.parseRequest(family, NativeFormat.forFamily(family).toBody(CONVERSATION));
        assertThat(read.system()).isEqualTo(CONVERSATION.system());
        assertThat(read.messages()).isEqualTo(CONVERSATION.messages());
        assertThat(read.maxTokens()).hasValue(300);
        assertThat(read.temperature().orElseThrow()).isCloseTo(0.2, within(1e-6)); // Converse carries a float
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"MISTRAL"})
    void mistralFoldsTheSystemPromptIntoTheFirstTurn(ModelFamily family) {
        ChatRequest read = NativeBodies.parseRequest(family, NativeFormat.forFamily(family).toBody(CONVERSATION));
        assertThat(read.messages()).hasSize(3);
        assertThat(read.messages().get(0).text()).isEqualTo("Answer briefly.\n\nWhat is the capital of France?");
        assertThat(read.messages().get(1).text()).isEqualTo("Paris.");
        assertThat(read.lastUserText()).isEqualTo("And of Italy?");
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"ANTHROPIC_CLAUDE", "AMAZON_NOVA", "AMAZON_TITAN_TEXT", "META_LLAMA", "MISTRAL", "COHERE_COMMAND"})
    void coreReadsTheServersAnswer(ModelFamily family) {
        ChatResponse answer = ChatResponse.builder().text("Rome.").stopReason(StopReason.MAX_TOKENS).usage(Usage.of(12, 2)).build();
        ChatResponse read = NativeFormat.forFamily(family).fromBody(NativeBodies.writeResponse(family, "m", answer));
        assertThat(read.text()).isEqualTo("Rome.");
        assertThat(read.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        if (family != ModelFamily.MISTRAL && family != ModelFamily.COHERE_COMMAND) {
            assertThat(read.usage().inputTokens()).isEqualTo(12);
            assertThat(read.usage().outputTokens()).isEqualTo(2);
        }
    }
}
