package dev.bedrock4j.production.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.CostTracker;
import dev.bedrock4j.core.cost.ModelPrice;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.FakeBedrockRuntimeClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BedrockMetricsTest {
    static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

    @Test
    void metricValuesAfterAKnownSequenceOfCalls() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName() + " " + context.getLowCardinalityKeyValue(BedrockMetrics.OPERATION_NAME).getValue()
                        + (context.getError() == null ? "" : " " + context.getError().getClass().getSimpleName()));
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        FakeBedrockRuntimeClient sdk = FakeBedrockRuntimeClient.create();
        ChatResponse answer = ChatResponse.builder().text("ok").usage(new Usage(1000, 500, 2000, 0)).build();
        sdk.enqueue(FakeBedrockRuntimeClient.converseResponse(answer));
        sdk.enqueue(FakeBedrockRuntimeClient.throttling());
        sdk.enqueue(FakeBedrockRuntimeClient.converseResponse(answer));
        sdk.enqueue(FakeBedrockRuntimeClient.validation("bad"));

        ResilienceRegistry resilience = ResilienceRegistry.of(
                ResiliencePolicy.builder().maxAttempts(2).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build());
        Bedrock bedrock = Bedrock.builder().runtimeClient(sdk)
                .decorate(resilience)
                .decorate(BedrockMetrics.builder(registry).observationRegistry(observations).resilience(resilience).build())
                .build();
        ChatModel model = bedrock.chat(MODEL);
        model.prompt().user("one").call();
        model.prompt().user("two").call();   // throttled once, then succeeds
        assertThatThrownBy(() -> model.prompt().user("three").call()).isInstanceOf(InvalidRequestException.class);

        assertThat(registry.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.ERROR_TYPE, "none")
                .tag(BedrockMetrics.REQUEST_MODEL, MODEL).timer().count()).isEqualTo(2);
        assertThat(registry.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.ERROR_TYPE, "InvalidRequestException")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(BedrockMetrics.TOKEN_USAGE).tag(BedrockMetrics.TOKEN_TYPE, "input").summary().totalAmount())
                .isEqualTo(2000);
        assertThat(registry.get(BedrockMetrics.TOKEN_USAGE).tag(BedrockMetrics.TOKEN_TYPE, "output").summary().totalAmount())
                .isEqualTo(1000);
        assertThat(registry.get(BedrockMetrics.TOKEN_USAGE).tag(BedrockMetrics.TOKEN_TYPE, "cache_read").summary().totalAmount())
                .isEqualTo(4000);
        assertThat(registry.get(BedrockMetrics.ERRORS).tag(BedrockMetrics.ERROR_TYPE, "InvalidRequestException").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(BedrockMetrics.RETRIES).counter().count()).isEqualTo(1);
        assertThat(registry.get(BedrockMetrics.THROTTLES).counter().count()).isEqualTo(1);
        // Claude 3.5 Haiku, us-east-1 list: $0.0008/1k in, $0.004/1k out, $0.00008/1k cache read; per call 0.0008+0.002+0.00016
        assertThat(registry.get(BedrockMetrics.COST).counter().count()).isCloseTo(2 * 0.00296, within(1e-9));
        assertThat(observed).containsExactly("gen_ai.client.operation chat", "gen_ai.client.operation chat",
                "gen_ai.client.operation chat InvalidRequestException");
    }

    @Test
    void streamsAreMeasuredToo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChatModel model = BedrockMetrics.of(registry).instrument(dev.bedrock4j.testkit.FakeChatModel.create()
                .enqueue(ChatResponse.builder().text("streamed").usage(Usage.of(3, 4)).build()));
        model.prompt().user("x").stream().collect().join();
        assertThat(registry.get(BedrockMetrics.OPERATION_DURATION).tag(BedrockMetrics.OPERATION_NAME, "stream").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(BedrockMetrics.TOKEN_USAGE).tag(BedrockMetrics.TOKEN_TYPE, "output")
                .tag(BedrockMetrics.OPERATION_NAME, "stream").summary().totalAmount()).isEqualTo(4);
    }

    @Test
    void costFromAnOverridablePriceTableWithProfilesPricedAsTheirBaseModel() {
        PriceTable prices = PriceTable.defaults()
                .with("anthropic.claude-3-haiku-20240307-v1:0", ModelPrice.perThousand("1", "2").withCache("0.1", "1.25"));
        assertThat(prices.cost("eu.anthropic.claude-3-haiku-20240307-v1:0", new Usage(1000, 1000, 1000, 1000)))
                .hasValue(new BigDecimal("4.35"));
        assertThat(prices.cost("acme.unknown-model", Usage.of(1, 1))).isEmpty();

        CostTracker run = CostTracker.create(prices);
        run.record("us.anthropic.claude-3-haiku-20240307-v1:0", Usage.of(2000, 0));
        run.record("acme.unknown-model", Usage.of(5, 5));
        assertThat(run.totalCost()).isEqualByComparingTo("2");
        assertThat(run.totalUsage()).isEqualTo(Usage.of(2005, 5));
        assertThat(run.unpricedCalls()).isEqualTo(1);
    }
}
