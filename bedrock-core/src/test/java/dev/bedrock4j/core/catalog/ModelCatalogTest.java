package dev.bedrock4j.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {
    final ModelCatalog catalog = ModelCatalog.defaults();

    @Test
    void knowsTheFamiliesUsersPick() {
        assertThat(catalog.lookup("anthropic.claude-3-haiku-20240307-v1:0").family()).isEqualTo(ModelFamily.ANTHROPIC_CLAUDE);
        assertThat(catalog.lookup("amazon.nova-pro-v1:0").supports(Capability.VIDEO)).isTrue();
        assertThat(catalog.lookup("amazon.nova-micro-v1:0").supports(Capability.IMAGES)).isFalse();
        assertThat(catalog.lookup("amazon.titan-text-express-v1").supports(Capability.SYSTEM_PROMPT)).isFalse();
        assertThat(catalog.lookup("meta.llama3-2-90b-instruct-v1:0").supports(Capability.IMAGES)).isTrue();
        assertThat(catalog.lookup("mistral.mistral-7b-instruct-v0:2").supports(Capability.TOOLS)).isFalse();
        assertThat(catalog.lookup("cohere.command-r-plus-v1:0").family()).isEqualTo(ModelFamily.COHERE_COMMAND);
        assertThat(catalog.lookup("anthropic.claude-3-7-sonnet-20250219-v1:0").supports(Capability.REASONING)).isTrue();
        assertThat(catalog.lookup("anthropic.claude-3-haiku-20240307-v1:0").supports(Capability.REASONING)).isFalse();
    }

    @Test
    void knowsTheFamiliesAwsExamplesUseBeyondTheSixChatFormats() {
        assertThat(catalog.lookup("ai21.jamba-1-5-mini-v1:0").family()).isEqualTo(ModelFamily.AI21_JAMBA);
        assertThat(catalog.lookup("us.deepseek.r1-v1:0").family()).isEqualTo(ModelFamily.DEEPSEEK);
        assertThat(catalog.lookup("openai.gpt-oss-20b-1:0").family()).isEqualTo(ModelFamily.OPENAI_GPT_OSS);
        assertThat(catalog.lookup("openai.gpt-oss-120b-1:0").supports(Capability.REASONING)).isTrue();
        for (String id : new String[] {"amazon.titan-image-generator-v1", "amazon.titan-image-generator-v2:0",
                "amazon.nova-canvas-v1:0"}) {
            ModelInfo image = catalog.lookup(id);
            assertThat(image.known()).as(id).isTrue();
            assertThat(image.family()).as(id).isEqualTo(ModelFamily.AMAZON_IMAGE);
            assertThat(image.supports(Capability.IMAGE_GENERATION)).as(id).isTrue();
            assertThat(image.supports(Capability.CHAT)).as(id).isFalse();
        }
        for (String id : new String[] {"stability.sd3-5-large-v1:0", "stability.stable-image-core-v1:1",
                "stability.stable-image-ultra-v1:1"}) {
            assertThat(catalog.lookup(id).family()).as(id).isEqualTo(ModelFamily.STABILITY_IMAGE);
        }
        assertThat(catalog.lookup("amazon.nova-canvas-v2:0").family()).as("an unknown Canvas version")
                .isEqualTo(ModelFamily.AMAZON_IMAGE);
        assertThat(catalog.lookup("openai.gpt-oss-999b-1:0").family()).isEqualTo(ModelFamily.OPENAI_GPT_OSS);
    }

    @Test
    void knowsEmbeddingDimensions() {
        ModelInfo titanV2 = catalog.lookup("amazon.titan-embed-text-v2:0");
        assertThat(titanV2.embeddingDimensions()).containsExactly(1024, 512, 256);
        assertThat(titanV2.supports(Capability.EMBEDDINGS)).isTrue();
        assertThat(titanV2.supports(Capability.CHAT)).isFalse();
        assertThat(catalog.lookup("amazon.titan-embed-text-v1").defaultEmbeddingDimension()).isEqualTo(1536);
        assertThat(catalog.lookup("cohere.embed-multilingual-v3").defaultEmbeddingDimension()).isEqualTo(1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "eu.anthropic.claude-3-5-haiku-20241022-v1:0",
        "apac.anthropic.claude-3-5-haiku-20241022-v1:0",
        "global.anthropic.claude-3-5-haiku-20241022-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "anthropic.claude-3-5-haiku-20241022-v1:0:200k",
    })
    void profileIdsAndArnsResolveToTheirBaseModel(String id) {
        ModelInfo info = catalog.lookup(id);
        assertThat(info.known()).isTrue();
        assertThat(info.baseModelId()).isEqualTo("anthropic.claude-3-5-haiku-20241022-v1:0");
    }

    @Test
    void customModelArnsResolveToTheirBaseModel() {
        ModelInfo info = catalog.lookup(
                "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456");
        assertThat(info.baseModelId()).isEqualTo("amazon.titan-text-express-v1");
        assertThat(info.family()).isEqualTo(ModelFamily.AMAZON_TITAN_TEXT);
    }

    @Test
    void provisionedModelsResolveThroughAliases() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123";
        assertThat(catalog.lookup(arn).known()).isFalse();
        ModelCatalog withAlias = catalog.withAlias(arn, "us.anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(withAlias.lookup(arn).baseModelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(catalog.lookup(arn).known()).as("the original catalog is unchanged").isFalse();
    }

    @Test
    void unknownIdsStillWorkAndSupportEverything() {
        ModelInfo info = catalog.lookup("anthropic.claude-9-galaxy-v1:0");
        assertThat(info.known()).isFalse();
        assertThat(info.family()).isEqualTo(ModelFamily.ANTHROPIC_CLAUDE);
        for (Capability capability : Capability.values()) {
            assertThat(info.supports(capability)).isTrue();
        }
        assertThat(catalog.lookup("acme.thing").family()).isEqualTo(ModelFamily.UNKNOWN);
    }

    @Test
    void usersCanAddModels() {
        ModelCatalog custom = catalog.withModel(ModelInfo.of("acme.llm-v1", "Acme", ModelFamily.UNKNOWN,
                java.util.EnumSet.of(Capability.CHAT)));
        assertThat(custom.lookup("us.acme.llm-v1").supports(Capability.TOOLS)).isFalse();
        assertThat(custom.models()).hasSize(catalog.models().size() + 1);
    }
}
