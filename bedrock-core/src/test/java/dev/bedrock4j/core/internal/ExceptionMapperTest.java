package dev.bedrock4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrock4j.core.AccessDeniedException;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.ConfigurationException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.ModelNotReadyException;
import dev.bedrock4j.core.ModelTimeoutException;
import dev.bedrock4j.core.QuotaExceededException;
import dev.bedrock4j.core.ResourceNotFoundException;
import dev.bedrock4j.core.ServiceUnavailableException;
import dev.bedrock4j.core.ThrottledException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConflictException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class ExceptionMapperTest {

    static AwsServiceException.Builder withDetails(AwsServiceException.Builder builder, String code, int status) {
        return builder.statusCode(status).requestId("req-1").message(code + " happened")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build());
    }

    static Stream<Arguments> everyModeledException() {
        return Stream.of(
                Arguments.of(withDetails(ThrottlingException.builder(), "ThrottlingException", 429), ThrottledException.class, true),
                Arguments.of(withDetails(ValidationException.builder(), "ValidationException", 400), InvalidRequestException.class, false),
                Arguments.of(withDetails(ConflictException.builder(), "ConflictException", 400), InvalidRequestException.class, false),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException.builder(),
                        "ModelTimeoutException", 408), ModelTimeoutException.class, true),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException.builder(),
                        "ModelNotReadyException", 429), ModelNotReadyException.class, true),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException.builder(),
                        "ModelErrorException", 424), ModelErrorException.class, false),
                Arguments.of(withDetails(ModelStreamErrorException.builder(), "ModelStreamErrorException", 424),
                        ModelErrorException.class, false),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException.builder(),
                        "ServiceUnavailableException", 503), ServiceUnavailableException.class, true),
                Arguments.of(withDetails(InternalServerException.builder(), "InternalServerException", 500),
                        ServiceUnavailableException.class, true),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException.builder(),
                        "AccessDeniedException", 403), AccessDeniedException.class, false),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException.builder(),
                        "ResourceNotFoundException", 404), ResourceNotFoundException.class, false),
                Arguments.of(withDetails(ServiceQuotaExceededException.builder(), "ServiceQuotaExceededException", 400),
                        QuotaExceededException.class, false),
                Arguments.of(withDetails(software.amazon.awssdk.services.bedrockagentruntime.model.ThrottlingException.builder(),
                        "ThrottlingException", 429), ThrottledException.class, true),
                Arguments.of(withDetails(BedrockRuntimeException.builder(), "SomethingNew", 502), ServiceUnavailableException.class, true),
                Arguments.of(withDetails(BedrockRuntimeException.builder(), "SomethingNew", 429), ThrottledException.class, true),
                Arguments.of(withDetails(BedrockRuntimeException.builder(), "SomethingNew", 418), BedrockException.class, false));
    }

    @ParameterizedTest
    @MethodSource("everyModeledException")
    void mapsByErrorCodeKeepingCauseRequestIdAndModel(AwsServiceException.Builder sdk, Class<?> expected, boolean retryable) {
        AwsServiceException cause = (AwsServiceException) sdk.build();
        BedrockException mapped = ExceptionMapper.map(cause, "model-x");
        assertThat(mapped).isExactlyInstanceOf(expected);
        assertThat(mapped.isRetryable()).isEqualTo(retryable);
        assertThat(mapped.getCause()).isSameAs(cause);
        assertThat(mapped.requestId()).hasValue("req-1");
        assertThat(mapped.modelId()).hasValue("model-x");
        assertThat(mapped.statusCode()).isEqualTo(cause.statusCode());
        assertThat(mapped.getMessage()).contains("happened").contains("model-x");
    }

    @Test
    void aRequestTheSdkCannotBuildIsNotRetried() {
        BedrockException mapped = ExceptionMapper.map(
                SdkClientException.create("Unable to marshall request to JSON: modelId cannot be empty."), "m");
        assertThat(mapped).isInstanceOf(InvalidRequestException.class).hasMessageContaining("could not build the request");
        assertThat(mapped.isRetryable()).isFalse();
        assertThat(ExceptionMapper.map(SdkClientException.create("Unable to execute HTTP request: Connection refused"), "m"))
                .isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void inStreamExceptionCodesInLowerCamelMapLikeTheirModeledNames() {
        AwsServiceException inStream = (AwsServiceException) withDetails(BedrockRuntimeException.builder(),
                "modelStreamErrorException", 424).build();
        assertThat(ExceptionMapper.map(inStream, "m")).isInstanceOf(ModelErrorException.class);
    }

    @Test
    void exceptionsWithoutErrorDetailsMapByTheirClass() {
        AwsServiceException bare = ThrottlingException.builder().message("slow down").build();
        assertThat(ExceptionMapper.map(bare, null)).isInstanceOf(ThrottledException.class);
    }

    @Test
    void clientSideFailures() {
        assertThat(ExceptionMapper.map(ApiCallTimeoutException.create(1000), "m"))
                .isInstanceOf(ModelTimeoutException.class).hasMessageContaining("timed out");
        assertThat(ExceptionMapper.map(SdkClientException.create("Connection refused"), "m"))
                .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("could not reach Bedrock");
        assertThat(ExceptionMapper.map(new CompletionException(new IOException("reset")), "m"))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThat(ExceptionMapper.map(new IllegalStateException("odd"), "m")).isExactlyInstanceOf(BedrockException.class);
    }

    static ProfileFile emptyProfileFile() {
        return ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                .content(new ByteArrayInputStream(new byte[0])).build();
    }

    /** What the SDK's region chain throws when no source has a region: its own exception, its own wording. */
    static SdkClientException sdkRegionFailure() {
        AwsRegionProviderChain chain = new AwsRegionProviderChain(
                new AwsProfileRegionProvider(ExceptionMapperTest::emptyProfileFile, "default"));
        return catchThrowableOfType(SdkClientException.class, chain::getRegion);
    }

    /** What a credentials chain throws when no source has credentials. */
    static SdkClientException sdkCredentialsFailure() {
        AwsCredentialsProviderChain chain = AwsCredentialsProviderChain.builder()
                .credentialsProviders(ProfileCredentialsProvider.builder()
                        .profileFile(ExceptionMapperTest::emptyProfileFile).profileName("default").build())
                .reuseLastProviderEnabled(false).build();
        return catchThrowableOfType(SdkClientException.class, chain::resolveCredentials);
    }

    @Test
    void theSdksMissingRegionIsAConfigurationErrorNamingTheFix() {
        SdkClientException sdk = sdkRegionFailure();
        assertThat(sdk).hasMessageStartingWith("Unable to load region");

        BedrockException mapped = ExceptionMapper.map(sdk, "model-x");
        assertThat(mapped).isExactlyInstanceOf(ConfigurationException.class).hasCause(sdk);
        assertThat(mapped.isRetryable()).isFalse();
        assertThat(mapped.modelId()).hasValue("model-x");
        assertThat(mapped.getMessage())
                .startsWith("No AWS region is configured. Fix: set the AWS_REGION environment variable")
                .contains("Bedrock.builder().region(Region.US_EAST_1)")
                .contains("The AWS SDK said: Unable to load region");
    }

    @Test
    void theSdksMissingCredentialsAreAConfigurationErrorNamingTheFixAsyncWrapperOrNot() {
        SdkClientException sdk = sdkCredentialsFailure();
        assertThat(sdk).hasMessageStartingWith("Unable to load credentials");

        for (Throwable thrown : new Throwable[] {sdk, new CompletionException(sdk)}) {
            BedrockException mapped = ExceptionMapper.map(thrown, "model-x");
            assertThat(mapped).isExactlyInstanceOf(ConfigurationException.class).hasCause(sdk);
            assertThat(mapped.isRetryable()).isFalse();
            assertThat(mapped.getMessage())
                    .startsWith("No AWS credentials were found. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                    .contains("AWS_PROFILE").contains("aws sso login")
                    .contains("Bedrock.builder().credentialsProvider(...)")
                    .contains("The AWS SDK said: Unable to load credentials")
                    .contains("contained no credentials for profile 'default'");
        }
        SdkClientException single = catchThrowableOfType(SdkClientException.class, () -> ProfileCredentialsProvider.builder()
                .profileFile(ExceptionMapperTest::emptyProfileFile).profileName("work").build().resolveCredentials());
        assertThat(ExceptionMapper.map(single, null)).as("one provider alone, outside a chain")
                .isExactlyInstanceOf(ConfigurationException.class).hasMessageContaining("for profile 'work'");
    }

    @Test
    void bedrockExceptionsPassThroughUnwrapped() {
        ThrottledException original = new ThrottledException("x");
        assertThat(ExceptionMapper.map(new CompletionException(original), "m")).isSameAs(original);
    }
}
