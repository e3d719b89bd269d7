package dev.bedrock4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.spi.Preflight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Model ids that fail before any call, and the hint added to Bedrock's "invalid model identifier" error. */
class ModelIdChecksTest {
    final Bedrock bedrock = Bedrock.builder().region(Region.US_EAST_1).build();

    @AfterEach
    void close() {
        bedrock.close();
    }

    static void assertRejected(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).hasValue("modelId");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.statusCode()).isZero();
        }).hasMessage(message);
    }

    @Test
    void blankIdsFailWhereTheModelIsCreated() {
        String empty = "the model id is empty; pass a Bedrock model id such as \"anthropic.claude-3-5-haiku-20241022-v1:0\","
                + " an inference profile id such as \"us.anthropic.claude-3-5-haiku-20241022-v1:0\", or an ARN";
        assertRejected(() -> bedrock.chat(""), empty);
        assertRejected(() -> bedrock.embeddings(""), empty);
        assertRejected(() -> bedrock.nativeModel(""), empty);
        assertRejected(() -> bedrock.chat("  "), empty.replace("is empty", "is blank"));
        assertThatThrownBy(() -> bedrock.chat(null)).isInstanceOf(NullPointerException.class).hasMessage("modelId");
    }

    @Test
    void whitespaceAndLetterCaseVariantsOfKnownIds() {
        assertRejected(() -> bedrock.chat("anthropic.claude-3-haiku-20240307-v1:0\n"), "the model id"
                + " \"anthropic.claude-3-haiku-20240307-v1:0\\n\" has whitespace in it; Bedrock ids never do, so strip it"
                + " (values read from files or environment variables often end in a line break): use"
                + " \"anthropic.claude-3-haiku-20240307-v1:0\"");
        assertRejected(() -> bedrock.chat("Anthropic.Claude-3-Haiku-20240307-v1:0"), "the model id"
                + " \"Anthropic.Claude-3-Haiku-20240307-v1:0\" differs from the known id"
                + " \"anthropic.claude-3-haiku-20240307-v1:0\" only in letter case; Bedrock ids are case-sensitive, so use"
                + " \"anthropic.claude-3-haiku-20240307-v1:0\"");
        assertRejected(() -> bedrock.chat("x".repeat(2049)), "the model id has 2049 characters; Bedrock accepts at most"
                + " 2048, so pass a model id, inference profile id or ARN");
    }

    @Test
    void unknownIdsStayAllowedTyposIncluded() {
        for (String id : new String[] {"anthropic.claude-3-haiku-20240307-v1", "acme.brand-new-model-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"}) {
            assertThatCode(() -> bedrock.chat(id)).doesNotThrowAnyException();
            assertThatCode(() -> Preflight.modelId(id, ModelCatalog.defaults())).doesNotThrowAnyException();
        }
    }

    @Test
    void anEmbeddingModelTheCatalogCannotSizeNamesTheLikelyIntendedId() {
        assertThatThrownBy(() -> bedrock.embeddings("amazon.titan-embed-text-v2"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the catalog does not know the vector size of amazon.titan-embed-text-v2; pass it with"
                        + " EmbeddingOptions.defaults().withDimensions(n); or did you mean \"amazon.titan-embed-text-v2:0\"?");
    }

    @Test
    void theServicesInvalidIdErrorNamesTheLikelyIntendedId() {
        BedrockException mapped = BedrockException.from(invalidModelId(), "us.anthropic.claude-3-haiku-20240307-v1");
        assertThat(mapped).isInstanceOf(InvalidRequestException.class);
        assertThat(mapped.getMessage()).isEqualTo("The provided model identifier is invalid."
                + " [model us.anthropic.claude-3-haiku-20240307-v1] Did you mean \"us.anthropic.claude-3-haiku-20240307-v1:0\"?");
        assertThat(mapped.isRetryable()).isFalse();
        assertThat(mapped.statusCode()).isEqualTo(400);

        assertThat(BedrockException.from(invalidModelId(), "acme.brand-new-model-v1:0").getMessage())
                .isEqualTo("The provided model identifier is invalid. [model acme.brand-new-model-v1:0]");
    }

    @Test
    void bedrocksMessagesForMalformedIds() {
        assertThat(Preflight.modelIdRejection("", ModelCatalog.defaults()).orElseThrow().serviceMessage())
                .isEqualTo("1 validation error detected: Value '' at 'modelId' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 1");
        assertThat(Preflight.modelIdRejection("Amazon.Nova-Pro-v1:0", ModelCatalog.defaults()).orElseThrow().serviceMessage())
                .isEqualTo("The provided model identifier is invalid.");
        assertThat(Preflight.modelIdRejection("amazon.nova-pro-v1:0", ModelCatalog.defaults())).isEmpty();
    }

    static ValidationException invalidModelId() {
        return (ValidationException) ValidationException.builder().statusCode(400).requestId("req-1")
                .message("The provided model identifier is invalid.")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("The provided model identifier is invalid.").build())
                .build();
    }
}
