package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.embed.Embedding;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** A chat script for every model leaves embedding models their offline vectors. */
class AnyModelScriptTest {

    @Test
    void anyModelScriptsChatButNotEmbeddings() {
        try (LocalBedrockServer server = LocalBedrockServer.start();
             Bedrock bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            server.anyModel().respondWith(request -> ChatResponse.ofText("scripted: " + request.lastUserText()));

            assertThat(bedrock.chat("amazon.nova-lite-v1:0").prompt().user("hi").call().text()).isEqualTo("scripted: hi");
            List<Embedding> vectors = bedrock.embeddings("amazon.titan-embed-text-v2:0")
                    .embedDocuments(List.of("refund policy", "refund rules")).embeddings();
            assertThat(vectors).hasSize(2);
            assertThat(vectors.get(0).cosineSimilarity(vectors.get(1))).isPositive();
        }
    }
}
