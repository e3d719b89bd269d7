package dev.bedrock4j.spring;

import dev.bedrock4j.core.Bedrock;
import org.springframework.core.Ordered;

/**
 * A bean that changes the {@link Bedrock.Builder} the auto-configured {@code Bedrock} is built with, after the
 * {@code bedrock4j.*} properties are applied: for what properties do not cover, such as a credentials provider of
 * your own, a model catalog with aliases, or a {@code ModelDecorator}.
 *
 * <pre>{@code
 * @Bean
 * BedrockBuilderCustomizer auditing(AuditLog log) {
 *     return builder -> builder.decorate(new AuditingDecorator(log));
 * }
 *
 * @Bean
 * BedrockBuilderCustomizer assumedRole(StsClient sts) {
 *     return builder -> builder.credentialsProvider(StsAssumeRoleCredentialsProvider.builder()
 *             .stsClient(sts).refreshRequest(r -> r.roleArn(ROLE_ARN).roleSessionName("bedrock")).build());
 * }
 * }</pre>
 *
 * <p>Customizers run in {@link Ordered order} ({@code @Order} or {@link Ordered}); those without one run last.
 * The starter adds its own decorators with customizers too: the {@code ResilienceRegistry} at
 * {@link #RESILIENCE_ORDER} and the metrics at {@link #METRICS_ORDER}, so that retries are innermost and each
 * timing covers them. A decorator added at the default order wraps the metrics; to be measured, order it between
 * the two. None of this applies when the application defines its own {@code Bedrock} bean.
 *
 * <p>Implementations are called once, on the thread that creates the {@code Bedrock} bean.
 */
@FunctionalInterface
public interface BedrockBuilderCustomizer {
    /** The order of the starter's customizer that adds the {@code ResilienceRegistry}, the innermost decorator. */
    int RESILIENCE_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

    /** The order of the starter's customizer that adds the metrics, after the resilience. */
    int METRICS_ORDER = RESILIENCE_ORDER + 1000;

    /**
     * Changes the builder.
     *
     * @param builder the builder, with the {@code bedrock4j.*} properties and earlier customizers applied
     */
    void customize(Bedrock.Builder builder);
}
