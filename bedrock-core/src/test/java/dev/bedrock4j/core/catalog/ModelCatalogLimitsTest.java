package dev.bedrock4j.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog's output limits, context windows and media limits, and its suggestions for ids it does not know. */
class ModelCatalogLimitsTest {
    final ModelCatalog catalog = ModelCatalog.defaults();

    @ParameterizedTest
    @CsvSource({
        "anthropic.claude-3-haiku-20240307-v1:0, 4096",
        "us.anthropic.claude-3-opus-20240229-v1:0, 4096",
        "anthropic.claude-3-5-sonnet-20241022-v2:0, 8192",
        "anthropic.claude-3-5-haiku-20241022-v1:0, 8192",
        "anthropic.claude-3-7-sonnet-20250219-v1:0, 64000",
        "anthropic.claude-sonnet-4-5-20250929-v1:0, 64000",
        "anthropic.claude-opus-4-1-20250805-v1:0, 32000",
        "amazon.titan-text-express-v1, 8192",
        "amazon.titan-text-lite-v1, 4096",
        "amazon.titan-text-premier-v1:0, 3072",
        "mistral.mixtral-8x7b-instruct-v0:1, 4096",
        "mistral.mistral-large-2402-v1:0, 8192",
        // no model card the catalog can cite: not known, not checked
        "amazon.nova-pro-v1:0, 0",
        "meta.llama3-1-70b-instruct-v1:0, 0",
        "acme.new-model-v1:0, 0",
    })
    void knowsTheOutputLimitsTheModelCardsGive(String modelId, int maxOutputTokens) {
        assertThat(catalog.lookup(modelId).maxOutputTokens()).isEqualTo(maxOutputTokens);
    }

    @ParameterizedTest
    @CsvSource({
        "anthropic.claude-3-haiku-20240307-v1:0, 200000",
        "eu.anthropic.claude-3-7-sonnet-20250219-v1:0, 200000",
        "anthropic.claude-sonnet-4-5-20250929-v1:0, 200000",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0, 200000",
        "amazon.nova-lite-v1:0, 307200",
        "amazon.titan-text-express-v1, 8192",
        "amazon.titan-text-lite-v1, 4096",
        "amazon.titan-text-premier-v1:0, 32768",
        "meta.llama3-1-405b-instruct-v1:0, 131072",
        "mistral.mistral-7b-instruct-v0:2, 32768",
        "mistral.pixtral-large-2502-v1:0, 131072",
        // no first-party page seen that gives the window: not known, not checked
        "amazon.nova-micro-v1:0, 0",
        "amazon.nova-pro-v1:0, 0",
        "meta.llama3-3-70b-instruct-v1:0, 0",
        "mistral.mistral-large-2407-v1:0, 0",
        "cohere.command-r-v1:0, 0",
        "amazon.titan-embed-text-v2:0, 0",
        "acme.new-model-v1:0, 0",
    })
    void knowsTheContextWindowsTheModelCardsGive(String modelId, int contextWindow) {
        assertThat(catalog.lookup(modelId).contextWindow()).isEqualTo(contextWindow);
    }

    @Test
    void aContextWindowIsNeverNegativeAndSurvivesTheOtherCopies() {
        ModelInfo info = ModelInfo.of("acme.m-v1", "Acme", ModelFamily.UNKNOWN, Set.of(Capability.CHAT))
                .withContextWindow(1000);
        assertThat(info.withMaxOutputTokens(100).withMediaLimits(MediaLimits.anyModel()).contextWindow()).isEqualTo(1000);
        assertThat(info.withContextWindow(0).contextWindow()).isZero();
        assertThatThrownBy(() -> info.withContextWindow(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contextWindow must be >= 0");
    }

    @Test
    void holdsModelsToTheDocumentedMediaLimits() {
        MediaLimits claude3 = catalog.lookup("anthropic.claude-3-haiku-20240307-v1:0").mediaLimits();
        assertThat(claude3).isEqualTo(MediaLimits.converse());
        assertThat(claude3.maxImages()).isEqualTo(20);
        assertThat(claude3.maxImageBytes()).isEqualTo(3_932_160);          // 3.75 MB
        assertThat(claude3.maxImageDimension()).isEqualTo(8000);
        assertThat(claude3.maxDocuments()).isEqualTo(5);
        assertThat(claude3.maxDocumentBytes()).isEqualTo(4_718_592);       // 4.5 MB
        assertThat(claude3.documentFormatsWithoutSizeLimit()).isEmpty();

        assertThat(catalog.lookup("anthropic.claude-sonnet-4-5-20250929-v1:0").mediaLimits()
                .documentFormatsWithoutSizeLimit()).containsExactly("pdf");

        MediaLimits nova = catalog.lookup("us.amazon.nova-lite-v1:0").mediaLimits();
        assertThat(nova.maxImages()).isEqualTo(MediaLimits.UNLIMITED);
        assertThat(nova.maxImageBytes()).isEqualTo(19_660_800);            // 25 MB once base64-encoded
        assertThat(nova.documentFormatsWithoutSizeLimit()).containsExactlyInAnyOrder("pdf", "docx");
        assertThat(nova.maxVideos()).isEqualTo(1);

        MediaLimits unknown = catalog.lookup("acme.new-model-v1:0").mediaLimits();
        assertThat(unknown).isEqualTo(MediaLimits.anyModel());
        assertThat(unknown.maxImageBytes()).isEqualTo(MediaLimits.UNLIMITED_BYTES);
        assertThat(unknown.maxDocuments()).isEqualTo(5);
    }

    @Test
    void customModelsCarryTheirOwnLimits() {
        ModelInfo acme = ModelInfo.of("acme.llm-v1", "Acme", ModelFamily.UNKNOWN, Set.of(Capability.CHAT));
        assertThat(acme.maxOutputTokens()).isZero();
        assertThat(acme.mediaLimits()).isEqualTo(MediaLimits.anyModel());

        ModelCatalog custom = catalog.withModel(acme.withMaxOutputTokens(2000)
                .withMediaLimits(MediaLimits.converse().withImages(50, 5 * MediaLimits.MIB, 4000)));
        assertThat(custom.lookup("acme.llm-v1").maxOutputTokens()).isEqualTo(2000);
        assertThat(custom.lookup("acme.llm-v1").mediaLimits().maxImages()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({
        // missing version suffix, or part of it
        "anthropic.claude-3-haiku-20240307-v1, anthropic.claude-3-haiku-20240307-v1:0",
        "anthropic.claude-3-haiku-20240307, anthropic.claude-3-haiku-20240307-v1:0",
        "amazon.titan-embed-text-v2, amazon.titan-embed-text-v2:0",
        // a digit dropped, two letters swapped, with an inference profile prefix
        "us.anthropic.claude-3-haiku-2024307-v1:0, us.anthropic.claude-3-haiku-20240307-v1:0",
        "eu.anthropic.cluade-3-5-haiku-20241022-v1:0, eu.anthropic.claude-3-5-haiku-20241022-v1:0",
        "usa.amazon.nova-pro-v1:0, us.amazon.nova-pro-v1:0",
        // missing provider
        "claude-3-haiku-20240307-v1:0, anthropic.claude-3-haiku-20240307-v1:0",
        // letter case and whitespace alone
        "Anthropic.Claude-3-Haiku-20240307-V1:0, anthropic.claude-3-haiku-20240307-v1:0",
        "'amazon.nova-lite-v1:0\n', amazon.nova-lite-v1:0",
    })
    void suggestsTheKnownIdAnUnknownOneWasMeantToBe(String typed, String meant) {
        assertThat(catalog.suggest(typed)).hasValue(meant);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "anthropic.claude-3-haiku-20240307-v1:0",                              // known
        "us.anthropic.claude-3-haiku-20240307-v1:0",                           // known behind a profile prefix
        "acme.custom-model-v1",                                                // far from every known id
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456", // ARNs are never guessed at
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1",
        "",
    })
    void hasNoSuggestionForKnownFarOrArnIds(String modelId) {
        assertThat(catalog.suggest(modelId)).isEmpty();
    }

    @Test
    void aliasesAreKnownToo() {
        ModelCatalog aliased = catalog.withAlias("anthropic.claude-3-haiku-20240307-v1", "anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(aliased.suggest("anthropic.claude-3-haiku-20240307-v1")).isEmpty();
    }

    @Test
    void editDistanceCountsSwapsAsOneAndStopsPastTheLimit() {
        assertThat(EditDistance.atMost("claude", "cluade", 3)).isEqualTo(1);
        assertThat(EditDistance.atMost("v1:0", "v1", 3)).isEqualTo(2);
        assertThat(EditDistance.atMost("anthropic", "amazon", 2)).isEqualTo(3);
        for (String id : List.of("a", "nova", "anthropic.claude")) {
            assertThat(EditDistance.atMost(id, id, 1)).isZero();
        }
    }
}
