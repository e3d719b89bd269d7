package dev.bedrock4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.testkit.BedrockOperation;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** A whole Spring Boot 4 application context whose auto-configured Bedrock calls the local server. */
@SpringBootTest(classes = AutoConfigureLocalBedrockTest.App.class, properties = {
        "bedrock4j.chat.model=" + AutoConfigureLocalBedrockTest.MODEL,
        "bedrock4j.region=eu-west-1",                           // the annotation's region wins
        "bedrock4j.resilience.default.initial-backoff=1ms",
        "bedrock4j.resilience.default.max-backoff=1ms"})
@AutoConfigureLocalBedrock
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureLocalBedrockTest {
    static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    LocalBedrockServer server;
    @Autowired
    ChatModel model;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Environment environment;

    @Test
    @Order(1)
    void theChatModelBeanCallsTheLocalServer() {
        server.model(MODEL).reply("Hello from the local server");

        assertThat(model.prompt().user("Hi").call().text()).isEqualTo("Hello from the local server");

        assertThat(server.lastRequest().modelId()).hasValue(MODEL);
        assertThat(server.lastRequest().header("Authorization").orElseThrow()).isNotEmpty();
        assertThat(environment.getProperty("bedrock4j.endpoint")).isEqualTo(server.endpoint().toString());
        assertThat(environment.getProperty("bedrock4j.region")).isEqualTo("us-east-1");
    }

    @Test
    @Order(2)
    void eachTestStartsWithAResetServer() {
        assertThat(server.requestCount()).isZero();

        assertThat(model.prompt().user("Hi").call().text()).as("no script left over").isEqualTo("You said: Hi");
    }

    @Test
    @Order(3)
    void throttlingIsRetriedAndCountedInTheApplicationsMeterRegistry() {
        server.model(MODEL).reply("P2").faultNext(1, Fault.throttling());
        double retriesBefore = retries();

        assertThat(model.prompt().user("Priority?").call().text()).isEqualTo("P2");

        assertThat(server.requestCount(BedrockOperation.CONVERSE)).isEqualTo(2);
        assertThat(retries() - retriesBefore).isEqualTo(1.0);
        assertThat(meters.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.REQUEST_MODEL, MODEL).timer()
                .count()).isPositive();
    }

    @Test
    @Order(4)
    void streamsThroughTheAsyncClientToo() {
        server.model(MODEL).reply("Streamed from the local server");

        assertThat(model.prompt().user("Hi").stream().collect().join().text())
                .isEqualTo("Streamed from the local server");
        assertThat(server.requestCount(BedrockOperation.CONVERSE_STREAM)).isEqualTo(1);
    }

    private double retries() {
        var counter = meters.find(BedrockMetrics.RETRIES).counter();
        return counter == null ? 0 : counter.count();
    }
}
