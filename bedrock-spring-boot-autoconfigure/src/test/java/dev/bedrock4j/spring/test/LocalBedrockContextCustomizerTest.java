package dev.bedrock4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** The server's life follows its context's; test classes without the annotation are left alone. */
class LocalBedrockContextCustomizerTest {

    @Test
    void theServerClosesWithItsContext() throws IOException {
        GenericApplicationContext context = new GenericApplicationContext();
        new LocalBedrockContextCustomizer().customizeContext(context, null);
        context.refresh();
        LocalBedrockServer server = context.getBean(LocalBedrockServer.class);
        try (Socket open = new Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
            assertThat(open.isConnected()).isTrue();
        }

        context.close();

        assertThatThrownBy(() -> new Socket(server.endpoint().getHost(), server.endpoint().getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void onlyAnnotatedTestClassesGetAServer() {
        LocalBedrockContextCustomizerFactory factory = new LocalBedrockContextCustomizerFactory();

        assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
        assertThat(factory.createContextCustomizer(Annotated.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(Annotated.class, List.of()));
    }

    static class Plain {
    }

    @AutoConfigureLocalBedrock
    static class Annotated {
    }
}
