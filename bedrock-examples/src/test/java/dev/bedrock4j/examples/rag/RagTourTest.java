package dev.bedrock4j.examples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class RagTourTest {
    @Test
    void answersFromTheBundledDocumentsWithCitationsThroughTheLocalServer(@TempDir Path work) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
            RagTour.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), bedrock, server, work);

            assertThat(server.requestCount(BedrockOperation.INVOKE_MODEL)).isPositive(); // Titan embeddings
            assertThat(server.requests(BedrockOperation.CONVERSE)).isNotEmpty()
                    .allMatch(r -> r.modelId().orElseThrow().equals(RagTour.RAG_MODEL));
            assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(1);
            assertThat(server.requestCount(BedrockOperation.RETRIEVE)).isEqualTo(1);
            assertThat(server.requestCount(BedrockOperation.RETRIEVE_AND_GENERATE)).isEqualTo(1);
            assertThat(server.requestCount(BedrockOperation.RETRIEVE_AND_GENERATE_STREAM)).isEqualTo(1);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("loaded 5 documents",
                "employee-handbook.pdf (", "3 pages, title \"Employee handbook\")",
                "remote-work.html (", "title \"Remote work policy\"");
        assertThat(out).contains("ingested with amazon.titan-embed-text-v2:0: 5 added",
                "ingested again:  0 added, 0 updated, 5 unchanged");
        assertThat(out).contains("Every full-time employee receives 27 paid vacation days per calendar year [",
                "Up to five unused vacation days carry over to the next year and must be taken by March 31 [",
                "] employee-handbook.pdf, page 2, characters ");
        assertThat(out).contains("Refunds reach your original payment method within five business days")
                .contains("customer-faq.md, characters ");
        assertThat(out).contains("one-time home office allowance of 300 euros").contains("[1] remote-work.html, characters ");
        assertThat(out).contains("Q: How do I cancel it?", "searched as: How do I cancel my order?",
                "open My Orders, choose the order and press Cancel order");
        assertThat(out).contains("report it to the IT helpdesk within one hour", "it-security.txt, characters ");
        assertThat(out).contains("Retrieve \"password length rules\":", "s3://larkspur-docs/it-security.txt")
                .contains("Passwords must have at least 14 characters")
                .contains("session ").contains("carried both questions");
    }
}
