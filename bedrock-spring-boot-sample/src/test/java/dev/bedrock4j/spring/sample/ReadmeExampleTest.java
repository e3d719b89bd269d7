package dev.bedrock4j.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.spring.sample.TicketTriage.Priority;
import dev.bedrock4j.spring.test.AutoConfigureLocalBedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

// README-BEGIN
@SpringBootTest
@AutoConfigureLocalBedrock
class ReadmeExampleTest {
    @Autowired TicketTriage triage;             // the application's service, on the ChatModel bean
    @Autowired LocalBedrockServer server;
    @Autowired MeterRegistry meters;            // the actuator's

    @Test
    void triagesThroughTheConfiguredModel() {
        server.model("us.anthropic.claude-3-5-haiku-20241022-v1:0").reply("P1");

        assertThat(triage.prioritize("The printer is on fire")).isEqualTo(Priority.P1);
        assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText())
                .isEqualTo("The printer is on fire");
        assertThat(meters.get("gen_ai.client.operation.duration").timer().count()).isPositive();
    }
// README-END

    @Test
    void theReadmeShowsThisExample() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher block = Pattern.compile("## Spring Boot\\n.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a java block under ## Spring Boot").isTrue();
        String source = Files.readString(root.resolve(
                "bedrock-spring-boot-sample/src/test/java/dev/bedrock4j/spring/sample/ReadmeExampleTest.java"));
        String region = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                source.indexOf("// README-END"));
        assertThat(block.group(1)).isEqualTo(region + "}\n");
        assertThat(BedrockMetrics.OPERATION_DURATION).isEqualTo("gen_ai.client.operation.duration");
    }
}
