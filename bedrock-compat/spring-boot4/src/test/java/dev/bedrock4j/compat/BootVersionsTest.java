package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.spi.JacksonVersions;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;

/** The class path is the one Spring Boot 4.0.7's dependency management makes, so the other tests test with it. */
class BootVersionsTest {

    @Test
    void jacksonIsBootsOneVersionThroughout() {
        assertThat(JacksonVersions.found()).isNotEmpty()
                .allSatisfy(version -> assertThat(version.toString()).isEqualTo("2.21.4"));
        assertThat(JacksonVersions.mismatch()).isEmpty();
    }

    @Test
    void junitIsBoots() {
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo("6.0.3");
    }

    @Test
    void nettyIsBoots() {
        assertThat(Version.identify().get("netty-codec-http2").artifactVersion()).startsWith("4.2.");
    }
}
