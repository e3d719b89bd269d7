package dev.bedrock4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;

class BedrockBuilderTest {

    @Test
    void defaultTimeoutsAreConsistentAndLongEnoughForLongGenerations() {
        try (Bedrock bedrock = Bedrock.builder().region(Region.US_EAST_1).build()) {
            assertThat(bedrock.readTimeout()).isLessThanOrEqualTo(bedrock.apiCallAttemptTimeout());
            assertThat(bedrock.apiCallAttemptTimeout()).isLessThanOrEqualTo(bedrock.apiCallTimeout());
            assertThat(bedrock.readTimeout()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void contradictoryTimeoutsAreRejectedNamingBoth() {
        assertThatThrownBy(() -> Bedrock.builder().readTimeout(Duration.ofMinutes(10))
                .apiCallAttemptTimeout(Duration.ofMinutes(2)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readTimeout").hasMessageContaining("apiCallAttemptTimeout");
        assertThatThrownBy(() -> Bedrock.builder().apiCallAttemptTimeout(Duration.ofMinutes(3))
                .apiCallTimeout(Duration.ofMinutes(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiCallTimeout");
        assertThatThrownBy(() -> Bedrock.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout must be positive");
    }

    @Test
    void settingOneTimeoutAdjustsTheDefaultsAroundIt() {
        Bedrock shortCalls = Bedrock.builder().region(Region.US_EAST_1).apiCallTimeout(Duration.ofSeconds(30)).build();
        assertThat(shortCalls.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shortCalls.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        Bedrock longAttempts = Bedrock.builder().region(Region.US_EAST_1).apiCallAttemptTimeout(Duration.ofMinutes(30)).build();
        assertThat(longAttempts.apiCallTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void closedInstancesRefuseToCreateClients() {
        Bedrock bedrock = Bedrock.create(b -> b.region(Region.US_EAST_1));
        bedrock.close();
        bedrock.close();
        assertThatThrownBy(bedrock::runtimeClient).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void localSetsTheEndpointARegionAndDummyCredentialsOnBothClients() {
        URI endpoint = URI.create("http://127.0.0.1:8088");
        try (Bedrock bedrock = Bedrock.local(endpoint)) {
            for (BedrockRuntimeServiceClientConfiguration config : new BedrockRuntimeServiceClientConfiguration[] {
                    bedrock.runtimeClient().serviceClientConfiguration(),
                    bedrock.asyncRuntimeClient().serviceClientConfiguration()}) {
                assertThat(config.region()).isEqualTo(Region.US_EAST_1).isEqualTo(Bedrock.LOCAL_REGION);
                assertThat(config.endpointOverride()).hasValue(endpoint);
                AwsCredentials credentials = ((AwsCredentialsProvider) config.credentialsProvider()).resolveCredentials();
                assertThat(credentials.accessKeyId()).isEqualTo("local");
                assertThat(credentials.secretAccessKey()).isEqualTo("local");
            }
            assertThat(bedrock).hasToString("Bedrock[region=us-east-1, endpoint=http://127.0.0.1:8088]");
        }
    }

    @Test
    void aRegionSetAfterLocalReplacesItsRegionAndKeepsTheEndpoint() {
        try (Bedrock bedrock = Bedrock.builder().local(URI.create("https://localhost:4566")).region(Region.EU_WEST_3).build()) {
            assertThat(bedrock.runtimeClient().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
            assertThat(bedrock.runtimeClient().serviceClientConfiguration().endpointOverride())
                    .hasValue(URI.create("https://localhost:4566"));
        }
    }

    @Test
    void endpointsThatAreNotHttpUrisAreRejectedBeforeAnyClientExists() {
        assertThatThrownBy(() -> Bedrock.local(null)).isInstanceOf(NullPointerException.class).hasMessage("endpoint");
        assertThatThrownBy(() -> Bedrock.local(URI.create("localhost:8088")))      // the scheme forgotten
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint must be an absolute http:// or https:// URI such as http://127.0.0.1:8088,"
                        + " was \"localhost:8088\"");
        assertThatThrownBy(() -> Bedrock.local(URI.create("/relative/path")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http://");
        assertThatThrownBy(() -> Bedrock.local(URI.create("ftp://127.0.0.1:21")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was \"ftp://127.0.0.1:21\"");
        assertThatThrownBy(() -> Bedrock.builder().endpointOverride(URI.create("http://my_host:8088")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint has no host");
        assertThatThrownBy(() -> Bedrock.builder().endpointOverride(URI.create("http:///path")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint has no host");
        try (Bedrock unset = Bedrock.builder().region(Region.US_EAST_1).endpointOverride(null).build()) {
            assertThat(unset.runtimeClient().serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }
}
