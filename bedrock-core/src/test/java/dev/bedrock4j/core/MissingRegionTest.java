package dev.bedrock4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.internal.RegionLookup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * A missing region is a {@link ConfigurationException} naming the fix: at {@code build()} when no source can
 * supply one, else on the first call. The sources are the SDK's own providers over a profile file of the
 * test's making, never the machine's environment.
 */
class MissingRegionTest {

    static ProfileFile config(String text) {
        return ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                .content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** A system-settings source with nothing set, as the SDK's reports it. */
    static final AwsRegionProvider NO_SYSTEM_SETTING = () -> {
        throw SdkClientException.create("Unable to load region from system settings. Region must be specified either"
                + " via environment variable (AWS_REGION) or  system property (aws.region).");
    };

    static AwsRegionProvider profile(String text) {
        return new AwsProfileRegionProvider(() -> config(text), "default");
    }

    /** The SDK's chain, with its metadata source unreachable: the failure the first call meets off AWS. */
    static AwsRegionProvider chainWithoutRegion(AtomicInteger asked) {
        AwsRegionProvider metadata = () -> {
            asked.incrementAndGet();
            throw SdkClientException.create("Unable to contact EC2 metadata service.");
        };
        return new AwsRegionProviderChain(NO_SYSTEM_SETTING, profile(""), metadata);
    }

    @Test
    void buildFailsNamingTheFixWhenNoSourceCanSupplyARegion() {
        RegionLookup nowhere = new RegionLookup(List.of(NO_SYSTEM_SETTING, profile("[default]\noutput = json\n")),
                () -> true, chainWithoutRegion(new AtomicInteger()));

        assertThatThrownBy(() -> Bedrock.builder().regionLookup(nowhere).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage())
                            .startsWith("No AWS region is configured. Fix: set the AWS_REGION environment variable")
                            .contains("Bedrock.builder().region(Region.US_EAST_1)")
                            .contains("AWS_EC2_METADATA_DISABLED");
                });
    }

    @Test
    void aRegionInTheProfileIsEnoughAtBuildAndNothingAsksTheMetadataService() {
        AtomicInteger metadataAsked = new AtomicInteger();
        RegionLookup fromProfile = new RegionLookup(List.of(NO_SYSTEM_SETTING, profile("[default]\nregion = eu-west-3\n")),
                () -> true, chainWithoutRegion(metadataAsked));
        try (Bedrock bedrock = Bedrock.builder().regionLookup(fromProfile).build()) {
            assertThat(bedrock).isNotNull();
        }
        assertThat(metadataAsked).hasValue(0);
    }

    @Test
    void whenOnlyTheMetadataServiceCouldTellTheFirstCallFailsNotRetryableAndNamingTheFix() {
        AtomicInteger metadataAsked = new AtomicInteger();
        RegionLookup onlyMetadata = new RegionLookup(List.of(NO_SYSTEM_SETTING, profile("")), () -> false,
                chainWithoutRegion(metadataAsked));
        try (Bedrock bedrock = Bedrock.builder().regionLookup(onlyMetadata).build()) {
            assertThat(metadataAsked).as("build() stays off the network").hasValue(0);
            ChatModel model = bedrock.chat("amazon.nova-lite-v1:0");

            assertThatThrownBy(() -> model.prompt().user("Hello").call())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getMessage())
                                .startsWith("No AWS region is configured. Fix: set the AWS_REGION environment variable")
                                .contains("Bedrock.builder().region(Region.US_EAST_1)");
                        assertThat(e.getCause()).isInstanceOf(SdkClientException.class)
                                .hasMessageContaining("Unable to load region");
                    });
            assertThatThrownBy(() -> model.prompt().user("Hello").stream().collect().join())
                    .hasCauseInstanceOf(ConfigurationException.class);
            assertThatThrownBy(bedrock::runtimeClient).isInstanceOf(ConfigurationException.class);
            assertThat(metadataAsked).as("asked on each call, never at build()").hasValue(3);
        }
    }

    @Test
    void noLookupWhenARegionOrAClientIsGiven() {
        RegionLookup mustNotBeAsked = new RegionLookup(List.of(() -> {
            throw new AssertionError("a given region or client needs no lookup");
        }), () -> true, () -> {
            throw new AssertionError("a given region or client needs no lookup");
        });
        try (Bedrock withRegion = Bedrock.builder().regionLookup(mustNotBeAsked).region(Region.AP_SOUTHEAST_2).build();
             BedrockRuntimeClient client = BedrockRuntimeClient.builder().region(Region.US_EAST_1).build();
             Bedrock withClient = Bedrock.builder().regionLookup(mustNotBeAsked).runtimeClient(client).build()) {
            assertThat(withRegion.runtimeClient().serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
            assertThat(withClient.runtimeClient()).isSameAs(client);
        }
    }

    @Test
    void theRegionTheChainFindsOnFirstUseIsTheClientsRegion() {
        RegionLookup onlyMetadata = new RegionLookup(List.of(NO_SYSTEM_SETTING), () -> false, () -> Region.SA_EAST_1);
        try (Bedrock bedrock = Bedrock.builder().regionLookup(onlyMetadata).build()) {
            assertThat(bedrock.runtimeClient().serviceClientConfiguration().region()).isEqualTo(Region.SA_EAST_1);
            assertThat(bedrock.asyncRuntimeClient().serviceClientConfiguration().region()).isEqualTo(Region.SA_EAST_1);
            assertThat(bedrock.toString()).contains("sa-east-1");
        }
    }
}
