package dev.bedrock4j.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.RecordedRequest;
import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * The tour's testing step: code that takes a {@link ChatModel} is unit-tested with a {@link FakeChatModel}, then
 * run through the real AWS SDK client against a {@link LocalBedrockServer} of its own, which throttles on command:
 * once, and the SDK's retry absorbs it; on every attempt, and the call ends in a {@link ThrottledException}.
 * Always offline, whatever backend the rest of the tour uses.
 */
final class TestingTour {
    /** The model the step's local server answers for. */
    static final String MODEL = "amazon.nova-lite-v1:0";

    private TestingTour() {
    }

    /** The code under test: it asks a model how urgent a ticket is. */
    static String triage(ChatModel model, String ticket) {
        String answer = model.prompt().system("Answer with one priority: P1 (urgent), P2 (soon) or P3 (can wait).")
                .user(ticket).maxTokens(10).call().text().strip();
        return answer.matches("P[123]") ? answer : "P2";
    }

    static void run(PrintStream out) {
        FakeChatModel fake = FakeChatModel.create().enqueueText("P1");
        out.println("  a unit test hands the code a FakeChatModel scripted to answer \"P1\":");
        out.println("    triage(\"The printer is on fire\") -> " + triage(fake, "The printer is on fire")
                + "; the fake received " + fake.requestCount() + " request, user text \"" + fake.lastRequest().lastUserText()
                + "\"");

        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.local(server.endpoint())) {
            out.println("  the same code through the real AWS SDK client, against a local server (Bedrock.local("
                    + server.endpoint() + ")):");
            server.model(MODEL).reply("P3").faultNext(1, Fault.throttling());
            String priority = triage(bedrock.chat(MODEL), "Please add a dark mode");
            out.println("    one HTTP 429 ThrottlingException scripted: the SDK retried, answer " + priority
                    + ", attempts seen by the server: " + attempts(server));

            server.clear();
            server.model(MODEL).fault(Fault.throttling());
            try {
                triage(bedrock.chat(MODEL), "Please add a dark mode");
                out.println("    throttled on every attempt, yet the call succeeded: unexpected");
            } catch (ThrottledException e) {
                out.println("    throttled on every attempt: " + e.getClass().getSimpleName() + " after "
                        + server.requestCount() + " attempts (" + attempts(server) + "), isRetryable() = "
                        + e.isRetryable() + ", status " + e.statusCode());
            }
        }
    }

    private static String attempts(LocalBedrockServer server) {
        return server.requests().stream().map(RecordedRequest::attempt).map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
