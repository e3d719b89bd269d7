package dev.bedrock4j.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Blank user and system text fail where they are passed, before any call. */
class BlankTextTest {
    /** A model that records what reaches it. */
    static final class RecordingModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();

        @Override
        public String modelId() {
            return "anthropic.claude-3-haiku-20240307-v1:0";
        }

        @Override
        public synchronized ChatResponse call(ChatRequest request) {
            requests.add(request);
            return ChatResponse.ofText("reply");
        }
    }

    static void assertBlank(Executable call, String field, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).hasValue(field);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.statusCode()).isZero();
        }).hasMessage(message);
    }

    @Test
    void userTextInTheBuilder() {
        assertBlank(() -> ChatRequest.builder().user(""), "messages[0].content[0].text", "the user text is empty; Bedrock"
                + " rejects blank text, so pass the words the model should answer (an unset variable or an empty form field"
                + " often ends up here)");
        assertBlank(() -> ChatRequest.builder().user("Hi").assistant("Hello").user("   "), "messages[2].content[0].text",
                "the user text is blank; Bedrock rejects blank text, so pass the words the model should answer (an unset"
                        + " variable or an empty form field often ends up here)");
        assertBlank(() -> ChatRequest.of("\n"), "messages[0].content[0].text", "the user text is blank; Bedrock rejects"
                + " blank text, so pass the words the model should answer (an unset variable or an empty form field often ends"
                + " up here)");
    }

    @Test
    void systemTextInTheBuilder() {
        assertBlank(() -> ChatRequest.builder().system("Be brief.").system(" "), "system[1].text", "the system prompt is"
                + " blank; Bedrock rejects blank text, so pass the instructions or leave the system prompt out");
    }

    @Test
    void userTextOfAPromptAndAConversationNeverReachesTheModel() {
        RecordingModel model = new RecordingModel();
        assertBlank(() -> model.prompt().user(""), "messages[0].content[0].text", "the user text is empty; Bedrock rejects"
                + " blank text, so pass the words the model should answer (an unset variable or an empty form field often ends"
                + " up here)");

        Conversation conversation = model.conversation();
        conversation.send("Hi");
        assertBlank(() -> conversation.send(""), "content[0].text", "the user text is empty; Bedrock rejects blank text, so"
                + " pass the words the model should answer (an unset variable or an empty form field often ends up here)");
        assertThatThrownBy(() -> conversation.stream("  ")).isInstanceOf(InvalidRequestException.class);
        assertThat(model.requests).hasSize(1);
        assertThat(conversation.history()).hasSize(2);
    }

    @Test
    void messageUserRejectsBlankTextButRepliesMayCarryIt() {
        assertBlank(() -> Message.user(""), "content[0].text", "the user text is empty; Bedrock rejects blank text, so pass"
                + " the words the model should answer (an unset variable or an empty form field often ends up here)");
        // model output is read as it comes: an empty reply still parses, and pre-flight catches it if it is sent back
        assertThat(Message.assistant("").text()).isEmpty();
        assertThat(ChatResponse.ofText("").text()).isEmpty();
        assertThatThrownBy(() -> ChatRequest.builder().user("Hi").message(Message.assistant("")).user("Again").build()
                .validateFor(dev.bedrock4j.core.catalog.ModelCatalog.defaults().lookup("acme.any-model-v1")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("messages[1].content[0] is an empty text block");
    }
}
