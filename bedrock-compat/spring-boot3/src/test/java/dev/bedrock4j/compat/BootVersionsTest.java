package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.spi.JacksonVersions;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;

/**
 * The class path is the one Spring Boot 3.5.7's dependency management makes, so the other tests test with it: Jackson
 * 2.19.2, the oldest Jackson the library supports.
 */
class BootVersionsTest {

    @Test
    void jacksonIsBootsOneVersionThroughout() {
        assertThat(JacksonVersions.found()).isNotEmpty()
                .allSatisfy(version -> assertThat(version.toString()).isEqualTo("2.19.2"));
        assertThat(JacksonVersions.mismatch()).isEmpty();
    }

    @Test
    void junitIsBoots() {
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo("5.12.2");
    }

    @Test
    void nettyIsBoots() {
        assertThat(Version.identify().get("netty-codec-http2").artifactVersion()).isEqualTo("4.1.128.Final");
    }
}
