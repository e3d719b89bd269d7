package dev.bedrock4j.examples;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The tour's resilience and metrics step: a policy for the tour's chat model (three attempts with short backoff, a
 * rate limit) in a {@link ResilienceRegistry}, and {@link BedrockMetrics} recording into a Micrometer
 * {@link SimpleMeterRegistry}. Offline, the local server throttles twice (the policy's retries absorb it), then
 * three times (the call fails after the policy's three attempts); the metrics count both.
 */
final class ProductionTour {
    private ProductionTour() {
    }

    static void run(PrintStream out, LocalBedrockServer server) {
        ResilienceRegistry resilience = ResilienceRegistry.builder()
                .defaultPolicy(ResiliencePolicy.defaults())
                .policy(Tour.CHAT_MODEL, ResiliencePolicy.builder().maxAttempts(3)
                        .backoff(Duration.ofMillis(50), Duration.ofMillis(200)).requestsPerMinute(600).build())
                .build();
        MeterRegistry meters = new SimpleMeterRegistry();
        BedrockMetrics metrics = BedrockMetrics.builder(meters).resilience(resilience).build();
        Bedrock.Builder builder = server != null ? Bedrock.builder().local(server.endpoint()) : Bedrock.builder();
        try (Bedrock bedrock = builder.decorate(resilience).decorate(metrics).build()) {
            out.println("  policy for " + Tour.CHAT_MODEL + ": " + resilience.policy(Tour.CHAT_MODEL).orElseThrow());
            ChatModel model = bedrock.chat(Tour.CHAT_MODEL);
            if (server != null) {
                server.model(Tour.CHAT_MODEL).faultNext(2, Fault.throttling());
                out.println("  the server throttles the next 2 calls (HTTP 429)");
            }
            ChatResponse reply = model.prompt().user("Suggest one city for a weekend of museums.").maxTokens(50).call();
            out.println("  model > " + reply.text());
            if (server != null) {
                server.model(Tour.CHAT_MODEL).faultNext(3, Fault.throttling());
                try {
                    model.prompt().user("And what should I eat there?").maxTokens(50).call();
                } catch (ThrottledException e) {
                    out.println("  throttled 3 times: " + e.getClass().getSimpleName() + " after " + e.attempts()
                            + " attempts, isRetryable() = " + e.isRetryable());
                }
            }
        }
        out.println("  metrics in the MeterRegistry:");
        for (Timer timer : meters.find(BedrockMetrics.OPERATION_DURATION).timers()) {
            out.printf("    %s{%s=%s}: %d call(s), %.0f ms in all%n", BedrockMetrics.OPERATION_DURATION,
                    BedrockMetrics.ERROR_TYPE, timer.getId().getTag(BedrockMetrics.ERROR_TYPE), timer.count(),
                    timer.totalTime(TimeUnit.MILLISECONDS));
        }
        for (String name : new String[] {BedrockMetrics.RETRIES, BedrockMetrics.THROTTLES, BedrockMetrics.ERRORS}) {
            out.printf("    %s: %.0f%n", name, meters.find(name).counters().stream().mapToDouble(Counter::count).sum());
        }
        for (DistributionSummary tokens : meters.find(BedrockMetrics.TOKEN_USAGE).summaries()) {
            out.printf("    %s{%s=%s}: %.0f tokens%n", BedrockMetrics.TOKEN_USAGE, BedrockMetrics.TOKEN_TYPE,
                    tokens.getId().getTag(BedrockMetrics.TOKEN_TYPE), tokens.totalAmount());
        }
    }
}
