package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.spi.JsonSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateResponse;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveAndGenerateType;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * The operations both SDK clients have, through the async one (HTTP/2) where the other tests use the sync one:
 * together they cover the Java columns of the testkit README's fidelity table.
 */
class AsyncClientOperationsTest extends LocalServerTestBase {
    static final String CLAUDE = LocalBedrockServerConverseTest.MODEL;

    @Test
    void invokeModel() {
        server.model(CLAUDE).reply("Native hello.");

        InvokeModelResponse response = async.invokeModel(r -> r.modelId(CLAUDE).body(SdkBytes.fromUtf8String(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")))
                .join();

        assertThat(JsonSupport.parse(response.body().asByteArray()).path("content").get(0).path("text").asText())
                .isEqualTo("Native hello.");
        assertThat(server.lastRequest().httpVersion()).isEqualTo("HTTP/2.0");
    }

    @Test
    void retrieveAndGenerate() {
        server.knowledgeBase("KB1").add("returns", "Items can be returned within 30 days.");
        server.model(CLAUDE).reply("Within 30 days.");

        RetrieveAndGenerateResponse response = agentAsync.retrieveAndGenerate(r -> r.input(i -> i.text("Returns?"))
                .retrieveAndGenerateConfiguration(c -> c.type(RetrieveAndGenerateType.KNOWLEDGE_BASE)
                        .knowledgeBaseConfiguration(k -> k.knowledgeBaseId("KB1").modelArn(CLAUDE)))).join();

        assertThat(response.output().text()).isEqualTo("Within 30 days.");
        assertThat(response.citations().get(0).retrievedReferences().get(0).content().text())
                .isEqualTo("Items can be returned within 30 days.");
    }
}
