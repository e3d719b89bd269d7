package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.examples.Tour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The tour of bedrock-examples, run as it is published, on this module's class path: every call goes through the
 * real AWS SDK clients to the testkit's local server (Converse, a conversation, InvokeModel, ConverseStream, a bulk
 * run, the tool loop of an agent, embeddings and a RAG ingest and answer with citations, Retrieve, an evaluation).
 */
class TourTest {

    @Test
    void theOfflineTourRunsEveryStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Tour.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("history: 4 messages")
                .contains("aws bedrock-runtime converse")
                .contains("answer     : Danube")
                .contains("model > Vienna: the Kunsthistorisches Museum alone fills a day.")
                .contains("8 summarised, 0 failed")
                .contains("1.1 tool lookup_order {\"orderId\":\"A-1001\"}")
                .contains("agent    > Good news, Dana")
                .contains("ingested with amazon.titan-embed-text-v2:0: 5 added")
                .contains("Every full-time employee receives 27 paid vacation days per calendar year [")
                .contains("Passwords must have at least 14 characters")
                .contains(". Choosing a model: evaluation on a test suite")
                .contains("saved lighthouse-1.png")
                .contains("(guardrail_intervened)");
    }
}
