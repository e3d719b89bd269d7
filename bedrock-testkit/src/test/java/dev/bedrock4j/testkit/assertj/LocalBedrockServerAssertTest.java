package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;
import static dev.bedrock4j.testkit.assertj.Lines.lines;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import dev.bedrock4j.testkit.junit.BedrockTest;
import dev.bedrock4j.testkit.junit.SdkRetries;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

/** Assertions on what the local server received, through the real SDK clients. */
@BedrockTest(retries = SdkRetries.IMMEDIATE)
class LocalBedrockServerAssertTest {
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    LocalBedrockServer server;
    Bedrock bedrock;

    private final ChatRequest request = ChatRequest.builder().system("Triage the ticket.").user("Printer on fire")
            .tools(ChatRequestAssertTest.LOOKUP).build();

    @Test
    void checksTheCountOfOneOperationAndNarrowsToIt() {
        bedrock.chat(CLAUDE).call(request);
        bedrock.nativeModel(CLAUDE).call(ChatRequest.of("native"));
        bedrock.chat(CLAUDE).prompt().user("Fax is slow").call();

        assertThat(server).hasRequestCount(3)
                .receivedRequests(BedrockOperation.CONVERSE, 2)
                .lastRequest()
                .hasOperation(BedrockOperation.CONVERSE)
                .hasModelId(CLAUDE)
                .hasLastUserText("Fax is slow")
                .hasAttempt(1);
        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2).request(0)
                .hasSystemPrompt("Triage the ticket.").hasToolOffered("lookup_customer");
        assertThat(server).receivedRequests(BedrockOperation.INVOKE_MODEL, 1).lastRequest().hasLastUserText("native");
        assertThat(server).receivedRequests(BedrockOperation.CONVERSE_STREAM, 0);
    }

    @Test
    void aWrongCountOfOneOperationListsEveryRequest() {
        bedrock.chat(CLAUDE).call(request);

        RecordedRequest only = server.lastRequest();
        assertThatThrownBy(() -> assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2))
                .hasMessage(lines("", "Expecting " + server + " to have received 2 Converse requests, but it received 1:",
                        "  [\"" + only + "\"]"));
        assertThatThrownBy(() -> assertThat(server).receivedRequests(BedrockOperation.INVOKE_MODEL, 1).lastRequest())
                .hasMessageContaining("to have received 1 InvokeModel request, but it received 0");
        assertThatThrownBy(() -> assertThat(server).as("server").receivedRequests(BedrockOperation.CONVERSE, 1)
                .lastRequest().hasLastUserText("other"))
                .hasMessageStartingWith("[server, last Converse request to " + server + "] ");
    }

    @Test
    void retriesAreRequestsOfTheirOwnWithTheirAttemptNumber() {
        server.faultNext(1, Fault.throttling());
        bedrock.chat(CLAUDE).call(request);

        assertThat(server).receivedRequests(BedrockOperation.CONVERSE, 2).lastRequest().hasAttempt(2);
        assertThatThrownBy(() -> assertThat(server).request(0).hasAttempt(2))
                .hasMessageEndingWith("to be attempt 2, but it was attempt 1");
    }

    @Test
    void transportChecksNameWhatWasFound() {
        bedrock.chat(CLAUDE).call(request);
        RecordedRequest recorded = server.lastRequest();

        assertThat(recorded).hasHeader("Content-Type", "application/json");
        assertThatThrownBy(() -> assertThat(recorded).hasHeader("content-type", "text/plain"))
                .hasMessage(lines("", "Expecting " + recorded + " to have the header \"content-type\" with the value:",
                        "  \"text/plain\"", "but its values were:", "  [\"application/json\"]"));
        assertThatThrownBy(() -> assertThat(recorded).hasOperation(BedrockOperation.INVOKE_MODEL))
                .hasMessage(lines("", "Expecting " + recorded + " to be a InvokeModel request, but it is a Converse request"));
        assertThatThrownBy(() -> assertThat(recorded).hasModelId("amazon.nova-lite-v1:0"))
                .hasMessage(lines("", "Expecting " + recorded + " to call the model:", "  \"amazon.nova-lite-v1:0\"",
                        "but it called:", "  \"" + CLAUDE + "\""));
    }

    @Test
    void aRequestWithoutAChatFailsTheChatChecksClearly(BedrockAgentRuntimeClient agentRuntime) {
        server.knowledgeBase("KB1").add("doc", "Returns are accepted for thirty days.");
        agentRuntime.retrieve(r -> r.knowledgeBaseId("KB1").retrievalQuery(q -> q.text("returns")));

        RecordedRequest retrieve = server.lastRequest();
        assertThat(retrieve).hasOperation(BedrockOperation.RETRIEVE);
        assertThatThrownBy(() -> assertThat(retrieve).hasModelId(CLAUDE))
                .hasMessage(lines("", "Expecting " + retrieve + " to call the model:", "  \"" + CLAUDE + "\"",
                        "but it is a Retrieve request, which names no model"));
        assertThatThrownBy(() -> assertThat(retrieve).hasLastUserText("returns"))
                .hasMessage(lines("", "Expecting " + retrieve + " to carry a chat request, but its body cannot be read as one"));
    }
}
