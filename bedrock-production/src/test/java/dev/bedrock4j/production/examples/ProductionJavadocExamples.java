package dev.bedrock4j.production.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.cost.CostTracker;
import dev.bedrock4j.core.cost.ModelPrice;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.production.batch.BatchInference;
import dev.bedrock4j.production.batch.BatchResult;
import dev.bedrock4j.production.batch.BulkItem;
import dev.bedrock4j.production.batch.BulkReport;
import dev.bedrock4j.production.batch.BulkRunner;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.Resilience;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.FakeChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * The Javadoc examples of bedrock-production's entry points, compiled here so that they cannot drift from
 * the API. Nothing here runs: the examples call real Bedrock.
 */
@SuppressWarnings("unused")
final class ProductionJavadocExamples {
    private ProductionJavadocExamples() {
    }

    static void production(Bedrock bedrock, MeterRegistry meterRegistry, Iterator<BulkItem> items, OutputStream out,
                           InputStream in) throws Exception {
        ResiliencePolicy policy = ResiliencePolicy.builder()
                .maxAttempts(5)
                .requestsPerMinute(200)
                .tokensPerMinute(400_000)
                .circuitBreaker(50, Duration.ofSeconds(30))
                .maxConcurrentCalls(16)
                .build();
        Resilience resilience = Resilience.of("claude", ResiliencePolicy.builder().requestsPerMinute(100).build());
        ChatModel protectedModel = resilience.decorate(FakeChatModel.create());

        ResilienceRegistry registry = ResilienceRegistry.builder()
                .defaultPolicy(ResiliencePolicy.defaults())                          // every other model
                .policy("anthropic.claude-3-5-haiku-20241022-v1:0",                  // one model's own quota
                        ResiliencePolicy.builder().requestsPerMinute(200).tokensPerMinute(400_000).build())
                .build();
        Bedrock protectedBedrock = Bedrock.builder().decorate(registry).build();

        ResilienceRegistry resilienceRegistry = ResilienceRegistry.of(ResiliencePolicy.defaults());
        BedrockMetrics metrics = BedrockMetrics.builder(meterRegistry)
                .prices(PriceTable.defaults())
                .resilience(resilienceRegistry)                   // count its retries and throttles
                .build();
        Bedrock measuredBedrock = Bedrock.builder().decorate(resilienceRegistry).decorate(metrics).build();
        ChatModel measured = metrics.instrument(bedrock.chat("amazon.nova-lite-v1:0"));

        PriceTable prices = PriceTable.defaults()
                .with("anthropic.claude-3-haiku-20240307-v1:0", ModelPrice.perThousand("0.00025", "0.00125"));
        ChatResponse response = measured.prompt().user("hi").call();
        BigDecimal usd = prices.cost("us.anthropic.claude-3-haiku-20240307-v1:0", response.usage()).orElse(BigDecimal.ZERO);
        CostTracker run = CostTracker.create(PriceTable.defaults());
        run.record(measured.modelId(), response.usage());

        Bedrock resilientBedrock = Bedrock.builder().decorate(ResilienceRegistry.of(ResiliencePolicy.defaults())).build();
        BulkReport report = BulkRunner.builder(resilientBedrock.chat("amazon.nova-lite-v1:0"))
                .requests(item -> ChatRequest.builder().system("Summarise in two sentences.").user(item.text()).build())
                .output(Path.of("summaries.jsonl"))
                .maxConcurrency(32)
                .onProgress(p -> System.out.println(p.line()))
                .build()
                .run(Path.of("documents.jsonl"));

        BatchInference.writeRecords(items, item -> ChatRequest.of(item.text()), NativeFormat.anthropicMessages(), out);
        BatchInference batch = BatchInference.create(BedrockClient.create());
        String jobArn = batch.submit("summaries-2026-11", "anthropic.claude-3-haiku-20240307-v1:0",
                "arn:aws:iam::123456789012:role/BedrockBatch", "s3://my-bucket/in/", "s3://my-bucket/out/");
        batch.await(jobArn, Duration.ofMinutes(1), Duration.ofHours(24));
        List<BatchResult> results = BatchInference.readResults(in, NativeFormat.anthropicMessages());
        Files.size(Path.of("summaries.jsonl"));
    }
}
