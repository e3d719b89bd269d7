package dev.bedrock4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

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
}
