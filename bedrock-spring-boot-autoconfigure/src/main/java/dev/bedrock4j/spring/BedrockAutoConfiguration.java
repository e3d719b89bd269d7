package dev.bedrock4j.spring;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.ConfigurationException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingOptions;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/**
 * Auto-configuration of Bedrock4j: a {@link Bedrock} bean built from {@link BedrockProperties} and the
 * {@link BedrockBuilderCustomizer} beans and closed with the context, a {@link ChatModel} bean when
 * {@code bedrock4j.chat.model} is set and an {@link EmbeddingModel} bean when {@code bedrock4j.embedding.model} is.
 * With bedrock-production on the class path, every model is protected by a {@link ResilienceRegistry} built from
 * {@link BedrockResilienceProperties}, and measured by {@link BedrockMetrics} when the application has a
 * {@link MeterRegistry} bean (Spring Boot's actuator defines one), with observations when it has an
 * {@link ObservationRegistry}.
 *
 * <pre>{@code
 * # application.yml
 * bedrock4j:
 *   region: us-east-1
 *   chat:
 *     model: us.anthropic.claude-3-5-haiku-20241022-v1:0
 *
 * @Service
 * class TicketTriage {
 *     private final ChatModel model;
 *
 *     TicketTriage(ChatModel model) {
 *         this.model = model;
 *     }
 *
 *     String priorityOf(String ticket) {
 *         return model.prompt().system("Answer P1, P2 or P3.").user(ticket).call().text();
 *     }
 * }
 * }</pre>
 *
 * <p>A bean the application defines itself wins: its own {@code Bedrock}, {@code ChatModel},
 * {@code EmbeddingModel}, {@code ResilienceRegistry} or {@code BedrockMetrics} replaces the one defined here. An
 * application's own {@code Bedrock} is used as it is: the properties, customizers and decorators here do not apply
 * to it. {@code bedrock4j.resilience.enabled=false} and {@code bedrock4j.metrics.enabled=false} switch the
 * decorators off.
 *
 * <p>Thread safety: Spring calls the bean methods while the context starts; the beans they return ({@code Bedrock},
 * the models, the registries) are safe for concurrent use.
 */
@AutoConfiguration(afterName = {
        // Boot 4: the MeterRegistry and ObservationRegistry come from spring-boot-micrometer-*
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        // Boot 3: from spring-boot-actuator-autoconfigure
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnClass(Bedrock.class)
@EnableConfigurationProperties(BedrockProperties.class)
public class BedrockAutoConfiguration {

    /**
     * Creates the configuration; Spring calls it.
     */
    public BedrockAutoConfiguration() {
    }

    /**
     * The {@code Bedrock} instance: the properties applied, then the customizers in order.
     *
     * @param properties the {@code bedrock4j.*} properties
     * @param profileCredentials the credentials of {@code bedrock4j.profile}, when set
     * @param customizers the customizers, applied in order
     * @return the instance, closed with the context
     * @throws IllegalStateException if the settings contradict each other or no region can be found; the message
     *         names the property to set
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Bedrock bedrock(BedrockProperties properties, ObjectProvider<ProfileCredentials> profileCredentials,
                    ObjectProvider<BedrockBuilderCustomizer> customizers) {
        Bedrock.Builder builder = Bedrock.builder();
        BedrockProperties.Timeouts timeouts = properties.getTimeouts();
        try {
            if (properties.getRegion() != null) {
                builder.region(Region.of(properties.getRegion()));
            } else if (properties.getProfile() != null) {
                Region region = profileRegion(properties.getProfile());
                if (region != null) {
                    builder.region(region);
                }
            }
            profileCredentials.ifAvailable(credentials -> builder.credentialsProvider(credentials.provider()));
            if (properties.getEndpoint() != null) {
                builder.endpointOverride(properties.getEndpoint());
            }
            if (timeouts.getRead() != null) {
                builder.readTimeout(timeouts.getRead());
            }
            if (timeouts.getAttempt() != null) {
                builder.apiCallAttemptTimeout(timeouts.getAttempt());
            }
            if (timeouts.getCall() != null) {
                builder.apiCallTimeout(timeouts.getCall());
            }
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Bedrock cannot be built from the bedrock4j.* properties and the"
                    + " BedrockBuilderCustomizer beans (bedrock4j.timeouts.read, .attempt and .call are readTimeout,"
                    + " apiCallAttemptTimeout and apiCallTimeout): " + e.getMessage(), e);
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Bedrock has no AWS region: set bedrock4j.region (or AWS_REGION, or"
                    + " bedrock4j.profile naming a profile with a region). " + e.getMessage(), e);
        }
    }

    /**
     * The credentials of the AWS profile {@code bedrock4j.profile}, closed with the context.
     *
     * @param properties the {@code bedrock4j.*} properties
     * @return the credentials holder
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "bedrock4j", name = "profile")
    ProfileCredentials bedrockProfileCredentials(BedrockProperties properties) {
        return new ProfileCredentials(ProfileCredentialsProvider.create(properties.getProfile()));
    }

    /**
     * The chat model {@code bedrock4j.chat.model} names, decorated as every model of the {@code Bedrock} bean.
     *
     * @param bedrock the {@code Bedrock} bean
     * @param properties the {@code bedrock4j.*} properties
     * @return the model
     */
    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    @ConditionalOnProperty(prefix = "bedrock4j.chat", name = "model")
    ChatModel bedrockChatModel(Bedrock bedrock, BedrockProperties properties) {
        try {
            return bedrock.chat(properties.getChat().getModel());
        } catch (InvalidRequestException e) {
            throw new IllegalStateException("bedrock4j.chat.model: " + e.getMessage(), e);
        }
    }

    /**
     * The embedding model {@code bedrock4j.embedding.model} names, with the {@code bedrock4j.embedding.*} options.
     *
     * @param bedrock the {@code Bedrock} bean
     * @param properties the {@code bedrock4j.*} properties
     * @return the model
     */
    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    @ConditionalOnProperty(prefix = "bedrock4j.embedding", name = "model")
    EmbeddingModel bedrockEmbeddingModel(Bedrock bedrock, BedrockProperties properties) {
        BedrockProperties.Embedding embedding = properties.getEmbedding();
        try {
            return bedrock.embeddings(embedding.getModel(), new EmbeddingOptions(embedding.getDimensions(),
                    embedding.isNormalize(), embedding.getMaxConcurrency()));
        } catch (InvalidRequestException | IllegalArgumentException e) {
            throw new IllegalStateException("bedrock4j.embedding: " + e.getMessage(), e);
        }
    }

    // The region of a named profile, or null when it has none (the SDK's chain then applies, and says what is missing).
    private static Region profileRegion(String profile) {
        try {
            return new AwsProfileRegionProvider(null, profile).getRegion();
        } catch (SdkClientException e) {
            return null;
        }
    }

    /** The credentials provider of {@code bedrock4j.profile}: a bean of its own type, so that no other AWS code sees it. */
    static final class ProfileCredentials implements AutoCloseable {
        private final ProfileCredentialsProvider provider;

        ProfileCredentials(ProfileCredentialsProvider provider) {
            this.provider = provider;
        }

        ProfileCredentialsProvider provider() {
            return provider;
        }

        @Override
        public void close() {
            provider.close();
        }
    }

    /**
     * The {@link ResilienceRegistry} of {@code bedrock4j.resilience.*}, added to the {@code Bedrock} bean as its
     * innermost decorator. Present when bedrock-production is on the class path, unless switched off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ResilienceRegistry.class)
    @ConditionalOnProperty(prefix = "bedrock4j.resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
    @EnableConfigurationProperties(BedrockResilienceProperties.class)
    static class ResilienceConfiguration {

        /**
         * The registry: the default policy for every model, and the policies of the models listed.
         *
         * @param properties the {@code bedrock4j.resilience.*} properties
         * @return the registry
         * @throws IllegalStateException if a policy is invalid; the message names the property
         */
        @Bean
        @ConditionalOnMissingBean
        ResilienceRegistry bedrockResilienceRegistry(BedrockResilienceProperties properties) {
            return ResiliencePolicies.registry(properties);
        }

        /**
         * Adds the registry to the {@code Bedrock} bean at {@link BedrockBuilderCustomizer#RESILIENCE_ORDER}.
         *
         * @param registry the registry bean
         * @return the customizer
         */
        @Bean
        BedrockBuilderCustomizer bedrockResilienceCustomizer(ResilienceRegistry registry) {
            return new OrderedCustomizer(BedrockBuilderCustomizer.RESILIENCE_ORDER, builder -> builder.decorate(registry));
        }
    }

    /**
     * {@link BedrockMetrics} over the application's {@link MeterRegistry}, with its {@link ObservationRegistry} and
     * the {@link ResilienceRegistry} when there are such beans, added to the {@code Bedrock} bean after the
     * resilience.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({BedrockMetrics.class, MeterRegistry.class})
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(prefix = "bedrock4j.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class MetricsConfiguration {

        /**
         * The metrics, bound to the resilience registry's retries.
         *
         * @param meters the meter registry
         * @param observations the observation registry, if any
         * @param resilience the resilience registry, if any
         * @return the metrics
         */
        @Bean
        @ConditionalOnMissingBean
        BedrockMetrics bedrockMetrics(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations,
                                      ObjectProvider<ResilienceRegistry> resilience) {
            BedrockMetrics.Builder builder = BedrockMetrics.builder(meters);
            observations.ifUnique(builder::observationRegistry);
            resilience.ifUnique(builder::resilience);
            return builder.build();
        }

        /**
         * Adds the metrics to the {@code Bedrock} bean at {@link BedrockBuilderCustomizer#METRICS_ORDER}.
         *
         * @param metrics the metrics bean
         * @return the customizer
         */
        @Bean
        BedrockBuilderCustomizer bedrockMetricsCustomizer(BedrockMetrics metrics) {
            return new OrderedCustomizer(BedrockBuilderCustomizer.METRICS_ORDER, builder -> builder.decorate(metrics));
        }
    }
}
