package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

/** Where a server listens: {@link LocalBedrockServer#builder()}. */
class LocalBedrockServerBuilderTest {

    @Test
    void startListensOnAFreePortOfTheLoopbackAddress() {
        try (LocalBedrockServer server = LocalBedrockServer.start()) {
            assertThat(server.endpoint().getScheme()).isEqualTo("http");
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.endpoint().getPort()).isPositive();
        }
    }

    @Test
    void aChosenPortIsTheEndpointsPort_andASecondServerThereFailsNamingIt() {
        int port;
        try (LocalBedrockServer probe = LocalBedrockServer.start()) {
            port = probe.endpoint().getPort();
        }
        try (LocalBedrockServer server = LocalBedrockServer.builder().port(port).start()) {
            assertThat(server.endpoint()).hasToString("http://127.0.0.1:" + port);
            assertThat(new ControlClient(server.endpoint()).get("/health").path("status").asText()).isEqualTo("ok");

            assertThatThrownBy(() -> LocalBedrockServer.builder().port(port).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageEndingWith("; choose another port, or 0 for a free one")
                    .hasCauseInstanceOf(BindException.class);
        }
    }

    @Test
    void everyAddressIsReachedThroughTheLoopbackAddress() {
        try (LocalBedrockServer server = LocalBedrockServer.builder().host("0.0.0.0").start()) {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(new ControlClient(server.endpoint()).get("/health").path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aHostNameIsResolved() {
        try (LocalBedrockServer server = LocalBedrockServer.builder().host("localhost").start()) {
            assertThat(server.endpoint().getHost()).isIn("127.0.0.1", "[0:0:0:0:0:0:0:1]");
        }
    }

    @Test
    void badSettingsFailBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalBedrockServer.builder().port(65536))
                .hasMessage("port must be between 0 (a free port) and 65535, was 65536");
        assertThatThrownBy(() -> LocalBedrockServer.builder().host(" "))
                .hasMessage("host must not be blank; use 127.0.0.1 (the default) or 0.0.0.0");
        assertThatThrownBy(() -> LocalBedrockServer.builder().host("no-such-host.invalid").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown host \"no-such-host.invalid\"");
    }
}
