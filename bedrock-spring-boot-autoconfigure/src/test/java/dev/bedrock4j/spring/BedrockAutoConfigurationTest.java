package dev.bedrock4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.ResiliencePolicy;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/** The auto-configuration in small application contexts, one per case, on Spring Boot 4. */
class BedrockAutoConfigurationTest {
    static final String CHAT = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    static final String EMBEDDING = "amazon.titan-embed-text-v2:0";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BedrockAutoConfiguration.class, BedrockHealthAutoConfiguration.class))
            .withPropertyValues("bedrock4j.region=us-east-1");

    @Test
    void definesBedrockFromThePropertiesAndNoModelWithoutAnId() {
        runner.withPropertyValues("bedrock4j.region=eu-central-1", "bedrock4j.endpoint=http://127.0.0.1:9",
                        "bedrock4j.timeouts.read=20s", "bedrock4j.timeouts.call=2m")
                .run(context -> {
                    Bedrock bedrock = context.getBean(Bedrock.class);
                    assertThat(bedrock).hasToString("Bedrock[region=eu-central-1, endpoint=http://127.0.0.1:9]");
                    assertThat(bedrock.readTimeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(bedrock.apiCallTimeout()).isEqualTo(Duration.ofMinutes(2));
                    // unset: follows from the call timeout, as in the builder
                    assertThat(bedrock.apiCallAttemptTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(context).doesNotHaveBean(ChatModel.class).doesNotHaveBean(EmbeddingModel.class);
                });
    }

    @Test
    void definesTheModelsThePropertiesName() {
        runner.withPropertyValues("bedrock4j.chat.model=" + CHAT, "bedrock4j.embedding.model=" + EMBEDDING,
                        "bedrock4j.embedding.dimensions=512")
                .run(context -> {
                    assertThat(context.getBean(ChatModel.class).modelId()).isEqualTo(CHAT);
                    assertThat(context.getBean(EmbeddingModel.class).modelId()).isEqualTo(EMBEDDING);
                    assertThat(context.getBean(EmbeddingModel.class).dimension()).isEqualTo(512);
                });
    }

    @Test
    void aMalformedModelIdFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("bedrock4j.chat.model=Amazon.Nova-Lite-v1:0")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("bedrock4j.chat.model: ").hasStackTraceContaining("amazon.nova-lite-v1:0"));
        runner.withPropertyValues("bedrock4j.embedding.model=" + CHAT)
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("bedrock4j.embedding: "));
    }

    @Test
    void closesBedrockWithTheContext() {
        AtomicReference<Bedrock> bedrock = new AtomicReference<>();
        runner.run(context -> bedrock.set(context.getBean(Bedrock.class)));

        assertThatThrownBy(() -> bedrock.get().runtimeClient())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theApplicationsOwnBeansWin() {
        runner.withPropertyValues("bedrock4j.chat.model=" + CHAT)
                .withUserConfiguration(OwnBeans.class)
                .run(context -> {
                    assertThat(context.getBean(Bedrock.class).toString()).contains("us-west-2");
                    assertThat(context.getBean(ChatModel.class).modelId()).isEqualTo("amazon.nova-lite-v1:0");
                    assertThat(context.getBean(ResilienceRegistry.class).policy(CHAT).orElseThrow().maxAttempts())
                            .isEqualTo(2);
                });
    }

    @Test
    void inconsistentTimeoutsFailTheStartNamingTheProperties() {
        runner.withPropertyValues("bedrock4j.timeouts.read=10m", "bedrock4j.timeouts.attempt=1m")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("readTimeout"));
        runner.withPropertyValues("bedrock4j.timeouts.read=10m", "bedrock4j.timeouts.attempt=1m")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("bedrock4j.timeouts.read"));
    }

    @Test
    void aCustomizerRunsAfterTheProperties() {
        runner.withPropertyValues("bedrock4j.region=eu-west-1")
                .withBean(BedrockBuilderCustomizer.class, () -> builder -> builder.region(Region.AP_NORTHEAST_1))
                .run(context -> assertThat(context.getBean(Bedrock.class).toString()).contains("ap-northeast-1"));
    }

    @Test
    void aProfileSuppliesCredentialsAndRegion(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile bedrock-dev]\nregion = eu-west-3\n");
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[bedrock-dev]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = secret\n");
        String oldConfig = System.setProperty("aws.configFile", config.toString());
        String oldCredentials = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(BedrockAutoConfiguration.class))
                    .withPropertyValues("bedrock4j.profile=bedrock-dev")
                    .run(context -> {
                        Bedrock bedrock = context.getBean(Bedrock.class);
                        AwsCredentialsIdentity resolved = bedrock.runtimeClient().serviceClientConfiguration()
                                .credentialsProvider().resolveIdentity().join();
                        assertThat(resolved.accessKeyId()).isEqualTo("AKIDPROFILE");
                        assertThat(bedrock.toString()).contains("region=eu-west-3");
                    });
        } finally {
            restore("aws.configFile", oldConfig);
            restore("aws.sharedCredentialsFile", oldCredentials);
        }
    }

    @Test
    void protectsEveryModelWithTheDefaultPolicyAndListedModelsWithTheirOwn() {
        runner.withInitializer(properties("resilience.properties"))
                .run(context -> {
                    ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
                    ResiliencePolicy other = registry.policy(CHAT).orElseThrow();
                    assertThat(other.maxAttempts()).isEqualTo(5);
                    assertThat(other.initialBackoff()).isEqualTo(Duration.ofMillis(100));
                    assertThat(other.requestsPerMinute()).isEmpty();
                    ResiliencePolicy nova = registry.policy("amazon.nova-lite-v1:0").orElseThrow();
                    assertThat(nova.maxAttempts()).as("the default's settings carry over").isEqualTo(5);
                    assertThat(nova.requestsPerMinute()).hasValue(200);
                    assertThat(nova.failureRateThreshold()).hasValue(50f);
                    assertThat(nova.openStateWait()).isEqualTo(ResiliencePolicy.defaults().openStateWait());
                });
    }

    @Test
    void withoutResiliencePropertiesEveryModelGetsTheDefaults() {
        runner.run(context -> assertThat(context.getBean(ResilienceRegistry.class).policy(CHAT).orElseThrow())
                .hasToString(ResiliencePolicy.defaults().toString()));
    }

    @Test
    void aModelIdWithoutBracketsOrWithAnUnescapedColonFailsTheStartInsteadOfProtectingNothing() {
        runner.withInitializer(properties("resilience-unbracketed.properties"))
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("[bedrock4j.resilience.models.amazon.nova-lite-v10.requests-per-minute]"
                                + " were left unbound"));
        // the key ends at the colon: Spring reads "models[amazon.nova-lite-v1" = "0].requests-per-minute=200"
        runner.withInitializer(properties("resilience-unescaped.properties"))
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("Failed to bind properties under 'bedrock4j.resilience.models."));
    }

    @Test
    void aSettingWithoutEffectFailsTheStartNamingTheProperty() {
        runner.withInitializer(property("bedrock4j.resilience.models[amazon.nova-lite-v1:0].rate-limit-wait", "1s"))
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
                        "bedrock4j.resilience.models[amazon.nova-lite-v1:0]: rate-limit-wait has no effect without"
                                + " requests-per-minute or tokens-per-minute"));
        runner.withPropertyValues("bedrock4j.resilience.default.max-attempts=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("bedrock4j.resilience.default: maxAttempts"));
    }

    @Test
    void aModelIdDifferingFromAKnownOneInCaseFailsTheStart() {
        runner.withInitializer(property("bedrock4j.resilience.models[Amazon.Nova-Lite-v1:0].max-attempts", "2"))
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("bedrock4j.resilience.models[Amazon.Nova-Lite-v1:0]")
                        .hasStackTraceContaining("amazon.nova-lite-v1:0"));
    }

    @Test
    void resilienceCanBeSwitchedOffAndNeedsTheProductionModule() {
        runner.withPropertyValues("bedrock4j.resilience.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(Bedrock.class)
                        .doesNotHaveBean(ResilienceRegistry.class));
        runner.withClassLoader(new FilteredClassLoader("dev.bedrock4j.production"))
                .withPropertyValues("bedrock4j.chat.model=" + CHAT)
                .run(context -> assertThat(context).hasSingleBean(ChatModel.class)
                        .doesNotHaveBean(BedrockResilienceProperties.class));
    }

    @Test
    void measuresWithTheApplicationsMeterRegistryOnly() {
        runner.run(context -> assertThat(context).doesNotHaveBean(BedrockMetrics.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context.getBean(BedrockMetrics.class).registry())
                        .isSameAs(context.getBean(MeterRegistry.class)));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("bedrock4j.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BedrockMetrics.class));
    }

    // TestPropertyValues would split "key[id:0]=value" at the colon; its property source is named "test"
    private static ApplicationContextInitializer<ConfigurableApplicationContext> property(String name, String value) {
        return context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("resilienceModels", Map.of(name, value)));
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> properties(String resource) {
        return context -> {
            try {
                new PropertiesPropertySourceLoader().load(resource, new ClassPathResource(resource))
                        .forEach(context.getEnvironment().getPropertySources()::addFirst);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        Bedrock myBedrock() {
            return Bedrock.builder().region(Region.US_WEST_2).build();
        }

        @Bean
        ChatModel myModel(Bedrock bedrock) {
            return bedrock.chat("amazon.nova-lite-v1:0");
        }

        @Bean
        ResilienceRegistry myResilience() {
            return ResilienceRegistry.of(ResiliencePolicy.builder().maxAttempts(2).build());
        }
    }
}
