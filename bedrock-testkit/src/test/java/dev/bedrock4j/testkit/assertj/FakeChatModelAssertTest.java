package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;
import static dev.bedrock4j.testkit.assertj.Lines.lines;

import dev.bedrock4j.testkit.FakeChatModel;
import org.junit.jupiter.api.Test;

class FakeChatModelAssertTest {
    private final FakeChatModel model = FakeChatModel.create().enqueueText("P1", "P2", "P3");

    private void ask(String text) {
        model.prompt().system("Triage the ticket.").user(text).call();
    }

    @Test
    void countsRequestsAndMovesOnToAnyOfThem() {
        assertThat(model).hasNoRequests();
        ask("Printer on fire");
        ask("Fax is slow");

        assertThat(model).hasRequestCount(2)
                .lastRequest().hasLastUserText("Fax is slow").hasSystemPrompt("Triage the ticket.");
        assertThat(model).request(0).hasLastUserText("Printer on fire");
    }

    @Test
    void aWrongCountListsTheRequestsReceived() {
        ask("Printer on fire");
        ask("Fax is slow");

        assertThatThrownBy(() -> assertThat(model).hasRequestCount(1))
                .hasMessage(lines("", "Expecting FakeChatModel[fake.chat-model-v1:0] to have received 1 request, but it received 2:",
                        "  [\"user: Printer on fire\", \"user: Fax is slow\"]"));
        assertThatThrownBy(() -> assertThat(model).hasNoRequests())
                .hasMessageStartingWith(lines("", "Expecting FakeChatModel[fake.chat-model-v1:0] to have received 0 requests,"));
        assertThatThrownBy(() -> assertThat(model).request(2))
                .hasMessage(lines("", "Expecting FakeChatModel[fake.chat-model-v1:0] to have received a request at index 2,"
                        + " but it received 2:", "  [\"user: Printer on fire\", \"user: Fax is slow\"]"));
    }

    @Test
    void noLastRequestBeforeTheFirstCall() {
        assertThatThrownBy(() -> assertThat(model).lastRequest())
                .hasMessage(lines("", "Expecting FakeChatModel[fake.chat-model-v1:0] to have received a request, but it received none"));
    }

    @Test
    void aRequestsFailureSaysWhichRequestItIs() {
        ask("Printer on fire");
        ask("Fax is slow");

        assertThatThrownBy(() -> assertThat(model).lastRequest().hasLastUserTextContaining("Printer"))
                .hasMessageStartingWith("[last request to FakeChatModel[fake.chat-model-v1:0]] ");
        assertThatThrownBy(() -> assertThat(model).request(0).hasLastUserTextContaining("Fax"))
                .hasMessageStartingWith("[request [0] to FakeChatModel[fake.chat-model-v1:0]] ");
        assertThatThrownBy(() -> assertThat(model).as("triage model").lastRequest().hasLastUserTextContaining("Printer"))
                .hasMessageStartingWith("[triage model, last request to FakeChatModel[fake.chat-model-v1:0]] ");
    }

    @Test
    void scriptedAnswersLeftOverFailTheCheckThatAllWereUsed() {
        ask("Printer on fire");
        assertThatThrownBy(() -> assertThat(model).hasNoRemainingReplies())
                .hasMessage(lines("", "Expecting FakeChatModel[fake.chat-model-v1:0] to have used all its scripted answers,"
                        + " but the script still holds 2 (requests received: 1)"));
        ask("Fax is slow");
        ask("Scanner jams");
        assertThat(model).hasNoRemainingReplies();
    }
}
